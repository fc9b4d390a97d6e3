/**
 * Own pagination over the continuous print-media layout, run inside the page (the build's own script,
 * not content). It decides every page break as a typesetter would (no heading last on a page, orphans
 * and widows 2, no single list item alone at a page's top or bottom, no break inside a table row or a
 * `break-inside: avoid` block) and ends every page with a filler that reaches the page's foot and holds
 * the footnotes first cited on that page. Chromium then only breaks where a filler ends, so the model's
 * page of every element is the printed page. Self-contained: no imports, no closures (see inPage()).
 */

/** Result of {@link paginate}: pages, the page of every link target, and whether the model is trusted. */
export interface PaginateResult {
  ok: boolean;
  pages: number;
  /** id → 1-based page, for the `.toc-page[data-target]` targets and the footnotes. */
  targets: Record<string, number>;
  problems: string[];
}

/** Paginate the document in the page; `pageH` and `width` are the print content box in CSS px. */
export function paginate({ pageH, width }: { pageH: number; width: number }): PaginateResult {
  const EPS = 1.5;
  const NOTE_GAP = 14;
  const problems: string[] = [];
  document.documentElement.style.width = `${width}px`;
  const Y = (r: DOMRect): number => r.top + window.scrollY;

  // The contents' targets, found before the notes leave the document (a target may stand in a note).
  const byId = new Map<string, HTMLElement | null>();
  for (const span of document.querySelectorAll('.toc-page[data-target]')) {
    const id = span.getAttribute('data-target') ?? '';
    byId.set(id, document.getElementById(id));
  }
  // Footnotes leave their section-end lists; their items are placed at the foot of a page.
  const notes = new Map<string, HTMLLIElement>();
  for (const list of document.querySelectorAll<HTMLOListElement>('.footnotes .footnote-list')) {
    let n = list.start || 1;
    for (const li of [...list.children] as HTMLLIElement[]) {
      if (li.tagName !== 'LI') continue;
      if (!li.hasAttribute('value')) li.value = n;
      n = li.value + 1;
      for (const back of li.querySelectorAll('.fn-back')) back.remove();
      if (li.id) notes.set(li.id, li);
    }
  }
  for (const block of document.querySelectorAll('.footnotes')) {
    // A link target on the block itself or its title (e.g. a redline change mark) moves to its first note.
    const first = block.querySelector('.footnote-list > li');
    for (const el of [block, ...block.querySelectorAll('[id]')]) {
      if (!el.id || el.closest('.footnote-list > li') || !first) continue;
      const mark = document.createElement('span');
      mark.id = el.id;
      el.removeAttribute('id');
      first.prepend(mark);
      if (byId.has(mark.id)) byId.set(mark.id, mark);
    }
    block.remove();
  }
  const placed = new Set<string>();
  const noteOf = (a: Element): string | undefined => {
    const href = a.getAttribute('href') ?? '';
    const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : '';
    return notes.has(id) ? id : undefined;
  };

  // Measuring box for the notes of one page.
  const probe = document.createElement('div');
  probe.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;width:${width}px`;
  document.body.append(probe);
  const notesBlock = (ids: string[], clone: boolean): HTMLElement => {
    const box = document.createElement('div');
    box.className = 'page-notes';
    const ol = document.createElement('ol');
    ol.className = 'footnote-list';
    for (const id of ids) {
      const li = notes.get(id);
      if (li) ol.append(clone ? (li.cloneNode(true) as HTMLElement) : li);
    }
    if (clone) for (const e of ol.querySelectorAll('[id]')) e.removeAttribute('id');
    box.append(ol);
    return box;
  };
  // Every note is measured once: a page's notes block is its overhead plus its items' heights.
  const noteH = new Map<string, number>();
  let overhead = 0;
  if (notes.size > 0) {
    const all = notesBlock([...notes.keys()], true);
    all.style.display = 'flow-root';
    probe.replaceChildren(all);
    const lis = [...all.querySelectorAll('.footnote-list > li')];
    let sum = 0;
    [...notes.keys()].forEach((id, i) => {
      const li = lis[i];
      if (!li) return;
      const r = li.getBoundingClientRect();
      const h = r.height + (parseFloat(getComputedStyle(li).marginBottom) || 0);
      noteH.set(id, h);
      sum += h;
    });
    overhead = all.getBoundingClientRect().height - sum;
    probe.replaceChildren();
  }
  const notesHeight = (ids: string[]): number =>
    ids.length === 0 ? 0 : ids.reduce((h, id) => h + (noteH.get(id) ?? 0), overhead + 1);

  // --- the flow as items: monolithic blocks, paragraphs of lines, forced breaks
  type Item = { kind: 'block' | 'lines'; el: Element } | { kind: 'force'; el: Element; before: boolean };
  const items: Item[] = [];
  const forced = /^(page|left|right|recto|verso|always)$/;
  const inlineOnly = (el: Element): boolean =>
    el.childNodes.length > 0 && [...el.children].every((c) => getComputedStyle(c).display.startsWith('inline') || c.tagName === 'BR') &&
    (!!el.textContent?.trim() || el.children.length > 0);
  const walk = (el: Element): void => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.position === 'absolute' || cs.position === 'fixed' || el === probe) return;
    if (cs.display.startsWith('inline')) return;
    if (forced.test(cs.breakBefore)) items.push({ kind: 'force', el, before: true });
    const r = el.getBoundingClientRect();
    const mono =
      /^(avoid|avoid-page)$/.test(cs.breakInside) ||
      /^H[1-6]$/.test(el.tagName) || el.tagName === 'TR' || el.tagName === 'IMG' || el.tagName === 'FIGURE' ||
      /(^|\s)(flex|grid|inline-flex)/.test(cs.display) || cs.columnCount !== 'auto' || el.matches('.signature-block, .goal, .job-track');
    if (mono && r.height <= pageH * 0.9) items.push({ kind: 'block', el });
    else if (inlineOnly(el)) items.push({ kind: 'lines', el });
    else if (el.children.length === 0) {
      if (r.height > 0) items.push({ kind: 'block', el });
    } else for (const c of el.children) walk(c);
    if (forced.test(cs.breakAfter)) items.push({ kind: 'force', el, before: false });
  };
  for (const c of document.body.children) walk(c);

  // Chromium must not add breaks of its own; this pagination keeps the rules.
  const style = document.createElement('style');
  style.textContent =
    '*{orphans:1!important;widows:1!important;break-inside:auto!important}' +
    '.page-fill{display:flex;flex-direction:column;justify-content:flex-end;margin:0;padding:0;border:0;break-inside:avoid}' +
    'span.page-fill{float:left;width:100%}';
  document.head.append(style);


  // --- units with fresh measurements (the layout below the cursor changes with every filler)
  interface Unit { item: number; line: number; lines: number; el: Element; top: number; bottom: number; refs: Element[] }
  const lineHeight = (cs: CSSStyleDeclaration): number =>
    cs.lineHeight === 'normal' ? parseFloat(cs.fontSize) * 1.2 : parseFloat(cs.lineHeight);
  const textNodes = (el: Element): Text[] => {
    const out: Text[] = [];
    const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = tw.nextNode(); n; n = tw.nextNode()) {
      if (n.parentElement?.closest('.page-fill')) continue;
      if ((n.textContent ?? '').trim()) out.push(n as Text);
    }
    return out;
  };
  /** Line boxes of an inline-only element: its text rects and atomic inlines, merged by vertical overlap. */
  const lineBoxes = (el: Element): Array<{ top: number; bottom: number }> => {
    const lh = lineHeight(getComputedStyle(el));
    const rects: Array<{ top: number; bottom: number }> = [];
    const range = document.createRange();
    for (const t of textNodes(el)) {
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width > 0) rects.push({ top: Y(r) + r.height / 2 - lh / 2, bottom: Y(r) + r.height / 2 + lh / 2 });
      }
    }
    for (const c of el.querySelectorAll('*')) {
      if (c.closest('.page-fill') || !/^inline-(block|flex|grid|table)$/.test(getComputedStyle(c).display) && c.tagName !== 'IMG') continue;
      const r = c.getBoundingClientRect();
      if (r.height > 0) rects.push({ top: Y(r), bottom: Y(r) + r.height });
    }
    rects.sort((a, b) => a.top - b.top);
    const lines: Array<{ top: number; bottom: number }> = [];
    for (const r of rects) {
      const last = lines[lines.length - 1];
      if (last && (r.top + r.bottom) / 2 < last.bottom) last.bottom = Math.max(last.bottom, r.bottom);
      else lines.push({ ...r });
    }
    const box = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const contentBottom = Y(box) + box.height - (parseFloat(cs.paddingBottom) || 0) - (parseFloat(cs.borderBottomWidth) || 0);
    const last = lines[lines.length - 1];
    if (!last) return [{ top: Y(box), bottom: Y(box) + box.height }];
    // A box taller than its lines (a fixed height) ends with its last line.
    last.bottom = Math.max(last.bottom, contentBottom);
    return lines;
  };
  const unitsOf = (i: number): Unit[] => {
    const it = items[i];
    if (!it || it.kind === 'force') return [];
    const refs = [...it.el.querySelectorAll('a.fnref')].filter((a) => noteOf(a) && !a.closest('.page-fill'));
    if (it.kind === 'block') {
      const r = it.el.getBoundingClientRect();
      return [{ item: i, line: 0, lines: 1, el: it.el, top: Y(r), bottom: Y(r) + r.height, refs }];
    }
    const lines = lineBoxes(it.el);
    return lines.map((l, k) => ({
      item: i, line: k, lines: lines.length, el: it.el, top: l.top, bottom: l.bottom,
      refs: refs.filter((a) => {
        const y = Y(a.getBoundingClientRect());
        return y >= l.top - 0.5 && (y < l.bottom - 0.5 || k === lines.length - 1);
      }),
    }));
  };

  // --- break rules between unit a (last on the page) and b (first on the next)
  const keepWithNext = (el: Element): boolean =>
    /^H[1-6]$/.test(el.tagName) || getComputedStyle(el).breakAfter === 'avoid' || el.matches('.list-label, .block-title, .decision-line');
  const items2li = (el: Element): HTMLLIElement | null => el.closest('li');
  const siblingsLi = (li: Element): Element[] => [...(li.parentElement?.children ?? [])].filter((c) => c.tagName === 'LI');
  const allowed = (a: Unit, b: Unit | undefined): boolean => {
    if (!b) return true;
    if (b.top < a.bottom - 0.5) return false;
    if (a.item === b.item) return a.line + 1 >= 2 && a.lines - b.line >= 2;
    if (a.line === a.lines - 1 && keepWithNext(a.el)) return false;
    if (a.el.closest('thead')) return false;
    const la = items2li(a.el);
    if (la && !la.contains(b.el)) {
      const sibs = siblingsLi(la);
      if (sibs.length >= 2 && sibs[0] === la && la.parentElement?.contains(b.el)) return false;
    }
    const lb = items2li(b.el);
    if (lb && !lb.contains(a.el)) {
      const sibs = siblingsLi(lb);
      if (sibs.length >= 2 && sibs[sibs.length - 1] === lb && lb.parentElement?.contains(a.el)) return false;
    }
    return true;
  };

  // --- fillers
  const topAncestor = (b: Element, a: Element): Element => {
    let x = b;
    while (x.parentElement && !x.parentElement.contains(a) && x.parentElement !== document.body) x = x.parentElement;
    return x;
  };
  const firstCharOfLine = (el: Element, top: number): { node: Text; offset: number } | undefined => {
    const range = document.createRange();
    for (const t of textNodes(el)) {
      const len = t.length;
      range.setStart(t, len - 1);
      range.setEnd(t, len);
      const last = range.getBoundingClientRect();
      if (Y(last) + last.height / 2 < top) continue;
      let lo = 0;
      let hi = len - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        range.setStart(t, mid);
        range.setEnd(t, mid + 1);
        const r = range.getBoundingClientRect();
        if (r.height === 0 || Y(r) + r.height / 2 < top) lo = mid + 1;
        else hi = mid;
      }
      return { node: t, offset: lo };
    }
    return undefined;
  };
  const makeFiller = (tag: string, ids: string[], page: number): HTMLElement => {
    const f = document.createElement(tag);
    f.className = 'page-fill';
    if (ids.length > 0) {
      const block = notesBlock(ids, false);
      block.id = `page-notes-${page}`;
      f.append(block);
    }
    return f;
  };
  const setHeight = (f: HTMLElement, pageEnd: number, notesH: number): void => {
    const top = Y(f.getBoundingClientRect());
    let h = pageEnd - EPS - top;
    if (h < notesH) {
      f.style.marginTop = `${h - notesH}px`;
      h = notesH;
    }
    f.style.height = `${Math.max(0, h)}px`;
  };

  // --- the page loop
  const targets: Record<string, number> = {};
  const targetEls = [...byId.values()].filter((e): e is HTMLElement => !!e);
  let page = 1;
  let pageStart = 0;
  const assign = (limit: number): void => {
    for (const el of targetEls) {
      // A target inside a note that waits for its page is not in the document yet.
      if (!(el.id in targets) && el.isConnected && !probe.contains(el) && Y(el.getBoundingClientRect()) < limit - 0.25) targets[el.id] = page;
    }
  };
  let cursor = { item: 0, line: 0 };
  const pageTops: number[] = [];
  for (let guard = 0; guard < 5000 && cursor.item < items.length; guard++) {
    pageTops.push(pageStart);
    const pageEnd = pageStart + pageH;
    const cands: Unit[] = [];
    let next: Unit | undefined;
    let force: Extract<Item, { kind: 'force' }> | undefined;
    let forceAt = -1;
    scan: for (let i = cursor.item; i < items.length; i++) {
      const it = items[i]!;
      if (it.kind === 'force') {
        if (cands.length > 0) { force = it; forceAt = i; break; }
        continue;
      }
      for (const u of unitsOf(i)) {
        if (i === cursor.item && u.line < cursor.line) continue;
        if (u.bottom - u.top <= 0.01 && cands.length === 0) continue;
        if (u.top >= pageEnd - EPS && cands.length === 0) {
          problems.push(`page ${page}: nothing starts on the page`);
          break scan;
        }
        if (u.top >= pageEnd - EPS || (u.bottom > pageEnd - EPS && cands.length > 0)) { next = u; break scan; }
        cands.push(u);
      }
    }
    if (cands.length === 0) break;
    // Choose the last unit on this page.
    const firstRefs = (k: number): string[] => {
      const ids: string[] = [];
      for (const u of cands.slice(0, k + 1)) for (const a of u.refs) {
        const id = noteOf(a);
        if (id && !placed.has(id) && !ids.includes(id)) ids.push(id);
      }
      return ids;
    };
    const fits = (k: number): boolean => {
      const ids = firstRefs(k);
      const n = notesHeight(ids);
      return cands[k]!.bottom <= pageEnd - EPS - (n > 0 ? n + NOTE_GAP : 0);
    };
    let k = -1;
    for (let j = cands.length - 1; j >= 0; j--) if (fits(j) && allowed(cands[j]!, cands[j + 1] ?? next)) { k = j; break; }
    if (k < 0) for (let j = cands.length - 1; j >= 0; j--) if (fits(j)) { k = j; break; }
    if (k < 0) {
      k = 0;
      problems.push(`page ${page}: the first block and its notes do not fit`);
    }
    const a = cands[k]!;
    const b = cands[k + 1] ?? next;
    const ids = firstRefs(k);
    const notesH = notesHeight(ids);
    for (const id of ids) placed.add(id);
    for (const id of ids) targets[id] = page;
    const naturalEnd = k === cands.length - 1 && !next;
    if (!b && (force || naturalEnd)) {
      // The page ends at a forced break (or the end): notes go above it.
      if (ids.length > 0) {
        const f = makeFiller('div', ids, page);
        const at = force ?? { el: a.el, before: false };
        if (at.before) at.el.before(f);
        else if (force) at.el.append(f);
        else a.el.after(f);
        setHeight(f, pageEnd, notesH);
      }
      if (!force) break;
      const el = force.el;
      cursor = { item: forceAt + 1, line: 0 };
      let top = Y(el.getBoundingClientRect());
      if (force.before) {
        for (let e: Element | null = el; e; e = e.firstElementChild) {
          const cs = getComputedStyle(e);
          top = Math.min(top, Y(e.getBoundingClientRect()) - (parseFloat(cs.marginTop) || 0));
          if (parseFloat(cs.paddingTop) || parseFloat(cs.borderTopWidth)) break;
        }
        pageStart = top;
      } else {
        const r = el.getBoundingClientRect();
        pageStart = Y(r) + r.height + (parseFloat(getComputedStyle(el).marginBottom) || 0);
        const after = unitsOf(forceAt + 1)[0];
        if (after) pageStart = Math.min(pageStart, after.top);
      }
      assign(pageStart);
      page++;
      continue;
    }
    if (!b) break;
    // Filler between a and b.
    let f: HTMLElement;
    if (a.item === b.item) {
      const at = firstCharOfLine(a.el, b.top);
      f = makeFiller('span', ids, page);
      if (at) {
        const rest = at.node.splitText(at.offset);
        rest.before(f);
      } else a.el.append(f);
      const h = pageEnd - EPS - a.bottom;
      f.style.height = `${Math.max(h, notesH)}px`;
    } else {
      const anc = topAncestor(b.el, a.el);
      if (anc.tagName === 'TR') {
        f = makeFiller('tr', [], page);
        const td = document.createElement('td');
        td.colSpan = 1000;
        td.style.cssText = 'padding:0;border:0;vertical-align:bottom';
        if (ids.length > 0) td.append(notesBlock(ids, false));
        const nb = td.querySelector('.page-notes');
        if (nb) nb.id = `page-notes-${page}`;
        f.append(td);
        f.className = 'page-fill-row';
        anc.before(f);
        const top = Y(f.getBoundingClientRect());
        td.style.height = `${Math.max(notesH, pageEnd - EPS - top)}px`;
      } else {
        f = makeFiller('div', ids, page);
        if (anc.parentElement && /grid/.test(getComputedStyle(anc.parentElement).display)) f.style.gridColumn = '1 / -1';
        anc.before(f);
        setHeight(f, pageEnd, notesH);
      }
    }
    // The next page starts at b or its first ancestor that begins after the filler.
    let start = a.item === b.item ? b.top : Infinity;
    const fresh = unitsOf(b.item).find((u) => u.line === b.line);
    if (fresh) start = Math.min(fresh.top, a.item === b.item ? Infinity : fresh.top);
    if (a.item !== b.item) {
      for (let e: Element | null = b.el; e && e !== document.body && !e.contains(f); e = e.parentElement) {
        start = Math.min(start, Y(e.getBoundingClientRect()));
      }
      const table = b.el.closest('table');
      if (table?.tHead && b.el.tagName === 'TR' && !table.tHead.contains(b.el)) start -= table.tHead.getBoundingClientRect().height;
    }
    pageStart = start;
    assign(pageStart);
    cursor = { item: b.item, line: b.line };
    page++;
  }
  for (const el of targetEls) if (!(el.id in targets)) targets[el.id] = page;
  probe.remove();
  const unplaced = [...notes.keys()].filter((id) => !placed.has(id));
  if (unplaced.length > 0) {
    // Notes never cited in the flow: after the last page's content.
    const f = makeFiller('div', unplaced, page);
    document.body.append(f);
    for (const id of unplaced) targets[id] = page;
  }
  return { ok: problems.length === 0, pages: page, targets, problems };
}
