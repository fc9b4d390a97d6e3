/**
 * Own pagination over the continuous print-media layout, run inside the page (the build's own script,
 * not content). It decides every page break as a typesetter would (no heading or table caption last
 * on a page, orphans and widows 2, no single list item alone at a page's top or bottom, no break inside
 * a table row or a `break-inside: avoid` block) and ends every page with a filler that reaches the
 * page's foot and holds the footnotes first cited on that page. Chromium then only breaks where a
 * filler ends, so the model's page of every element is the printed page. Self-contained: no imports,
 * no closures (see inPage()).
 */

/** Result of {@link paginate}: pages, the page of every link target, and whether the model is trusted. */
export interface PaginateResult {
  ok: boolean;
  pages: number;
  /** id → 1-based page, for the `.toc-page[data-target]` targets and the footnotes. */
  targets: Record<string, number>;
  problems: string[];
}

/**
 * The pagination's rules, for the head of the page it runs on. Chromium must not add breaks of its
 * own where this pagination keeps the rules (orphans and widows change nothing in the continuous
 * layout it measures). In the page from the start rather than added by paginate(): a style added
 * after the first layout makes the browser match every element again; and for every medium alike,
 * since a rule that starts to apply when the print starts does the same (measured: the print's
 * style recalculation about 4 ms longer). The fillers' rules match nothing until paginate() makes
 * fillers.
 */
export const PAGINATE_CSS =
  '<style>*{orphans:1!important;widows:1!important}' +
  '.page-fill{display:flex;flex-direction:column;justify-content:flex-end;margin:0;padding:0;border:0}' +
  '.page-fill,.page-fill-row{break-inside:auto!important}span.page-fill{float:left;width:100%}</style>';

/** Paginate the document in the page; `pageH` and `width` are the print content box in CSS px. */
export function paginate({ pageH, width }: { pageH: number; width: number }): PaginateResult {
  const EPS = 1.5;
  const NOTE_GAP = 14;
  const problems: string[] = [];
  document.documentElement.style.width = `${width}px`;
  // The pagination's own rules are in the page from the start (PAGINATE_CSS).
  // Document coordinates are viewport coordinates at the top of the document (reading scrollY
  // with every box would cost as much as the boxes themselves), less the shift that keeps the page
  // from being painted on screen (render-pdf.ts, HOLD_CSS).
  window.scrollTo(0, 0);
  const shown = getComputedStyle(document.documentElement).transform;
  const shift = shown === 'none' ? 0 : new DOMMatrixReadOnly(shown).m42;
  const Y = (r: DOMRect): number => r.top - shift;
  // Computed styles are live: one object per element serves every read, before and after the fillers.
  const computed = new Map<Element, CSSStyleDeclaration>();
  const css = (el: Element): CSSStyleDeclaration => {
    let cs = computed.get(el);
    if (!cs) computed.set(el, (cs = getComputedStyle(el)));
    return cs;
  };

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
      const h = r.height + (parseFloat(css(li).marginBottom) || 0);
      noteH.set(id, h);
      sum += h;
    });
    overhead = all.getBoundingClientRect().height - sum;
    probe.replaceChildren();
  }
  const notesHeight = (ids: string[]): number =>
    ids.length === 0 ? 0 : ids.reduce((h, id) => h + (noteH.get(id) ?? 0), overhead + 1);

  // --- the flow as items: monolithic blocks, paragraphs of lines, forced breaks
  type Item = { kind: 'block'; el: Element; rect: DOMRect } | { kind: 'lines'; el: Element } | { kind: 'force'; el: Element; before: boolean };
  const items: Item[] = [];
  const forced = /^(page|left|right|recto|verso|always)$/;
  const inlineOnly = (el: Element): boolean =>
    el.childNodes.length > 0 && [...el.children].every((c) => css(c).display.startsWith('inline') || c.tagName === 'BR') &&
    (!!el.textContent?.trim() || el.children.length > 0);
  const splitAnyway: Array<HTMLElement | SVGElement> = [];
  const walk = (el: Element): void => {
    const cs = css(el);
    const display = cs.display;
    if (display === 'none' || display.startsWith('inline') || el === probe) return;
    const position = cs.position;
    if (position === 'absolute' || position === 'fixed') return;
    if (forced.test(cs.breakBefore)) items.push({ kind: 'force', el, before: true });
    const avoid = /^(avoid|avoid-page)$/.test(cs.breakInside);
    const tag = el.tagName;
    const mono =
      avoid || /^H[1-6]$/.test(tag) || tag === 'TR' || tag === 'IMG' || tag === 'FIGURE' ||
      /(^|\s)(flex|grid|inline-flex)/.test(display) || cs.columnCount !== 'auto' || el.matches('.signature-block, .goal, .job-track');
    const r = mono || el.children.length === 0 ? el.getBoundingClientRect() : undefined;
    if (mono && r!.height <= pageH * 0.9) items.push({ kind: 'block', el, rect: r! });
    else {
      // Too tall to keep on one page: this pagination may break inside it, and so must the print.
      if (avoid && (el instanceof HTMLElement || el instanceof SVGElement)) splitAnyway.push(el);
      if (inlineOnly(el)) items.push({ kind: 'lines', el });
      else if (el.children.length === 0) {
        if (r!.height > 0) items.push({ kind: 'block', el, rect: r! });
      } else for (const c of el.children) walk(c);
    }
    if (forced.test(cs.breakAfter)) items.push({ kind: 'force', el, before: false });
  };
  for (const c of document.body.children) walk(c);
  for (const el of splitAnyway) el.style.setProperty('break-inside', 'auto', 'important');

  // --- units: monolithic blocks once, paragraphs line by line
  interface Unit { item: number; line: number; lines: number; el: Element; top: number; bottom: number; refs: Element[]; whole?: boolean }
  const lineHeight = (cs: CSSStyleDeclaration): number =>
    cs.lineHeight === 'normal' ? parseFloat(cs.fontSize) * 1.2 : parseFloat(cs.lineHeight);
  const textNodes = (el: Element): Text[] => {
    const out: Text[] = [];
    const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = tw.nextNode(); n; n = tw.nextNode()) {
      if (!layoutFixed && n.parentElement?.closest('.page-fill')) continue;
      if ((n.textContent ?? '').trim()) out.push(n as Text);
    }
    return out;
  };
  /** Line boxes of an inline-only element: its text rects and atomic inlines, merged by vertical overlap. */
  const lineBoxes = (el: Element): Array<{ top: number; bottom: number }> => {
    const lh = lineHeight(css(el));
    const rects: Array<{ top: number; bottom: number }> = [];
    const range = document.createRange();
    for (const t of textNodes(el)) {
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width > 0) rects.push({ top: Y(r) + r.height / 2 - lh / 2, bottom: Y(r) + r.height / 2 + lh / 2 });
      }
    }
    for (const c of el.querySelectorAll('*')) {
      if (!layoutFixed && c.closest('.page-fill') || !/^inline-(block|flex|grid|table)$/.test(css(c).display) && c.tagName !== 'IMG') continue;
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
    const cs = css(el);
    const contentBottom = Y(box) + box.height - (parseFloat(cs.paddingBottom) || 0) - (parseFloat(cs.borderBottomWidth) || 0);
    const last = lines[lines.length - 1];
    if (!last) return [{ top: Y(box), bottom: Y(box) + box.height }];
    // A box taller than its lines (a fixed height) ends with its last line.
    last.bottom = Math.max(last.bottom, contentBottom);
    return lines;
  };
  // The units of an item do not change while the page loop runs (it writes nothing): measured once.
  const measured = new Map<number, Unit[]>();
  let layoutFixed = true;
  const unitsOf = (i: number): Unit[] => {
    const known = layoutFixed ? measured.get(i) : undefined;
    if (known) return known;
    const units = measureUnits(i);
    if (layoutFixed) measured.set(i, units);
    return units;
  };
  const refsOf = (el: Element): Element[] =>
    [...el.querySelectorAll('a.fnref')].filter((a) => noteOf(a) && (layoutFixed || !a.closest('.page-fill')));
  const measureUnits = (i: number): Unit[] => {
    const it = items[i];
    if (!it || it.kind === 'force') return [];
    const refs = refsOf(it.el);
    if (it.kind === 'block') {
      const r = layoutFixed ? it.rect : it.el.getBoundingClientRect();
      return [{ item: i, line: 0, lines: 1, el: it.el, top: Y(r), bottom: Y(r) + r.height, refs }];
    }
    const lines = lineBoxes(it.el);
    const units: Unit[] = lines.map((l, k) => ({ item: i, line: k, lines: lines.length, el: it.el, top: l.top, bottom: l.bottom, refs: [] }));
    // A reference belongs to the first line it stands above the foot of, else to the last line.
    for (const a of refs) {
      const y = Y(a.getBoundingClientRect());
      (units.find((u) => y < u.bottom - 0.5) ?? units[units.length - 1]!).refs.push(a);
    }
    return units;
  };
  /**
   * A paragraph that ends more than a line above the page's foot, as one unit: its lines are
   * measured only when the choice of the page's last unit comes to it (see lines()). Not for the
   * first on a page, nor for a box its lines may overflow.
   */
  const wholeOf = (i: number, pageEnd: number): Unit | undefined => {
    const it = items[i];
    if (it?.kind !== 'lines' || measured.has(i)) return undefined;
    const lh = lineHeight(css(it.el));
    const r = it.el.getBoundingClientRect();
    if (!(lh > 1) || Y(r) + r.height + lh > pageEnd - EPS || it.el.scrollHeight > it.el.clientHeight + 1) return undefined;
    return { item: i, line: 0, lines: 1, el: it.el, top: Y(r), bottom: Y(r) + r.height, refs: refsOf(it.el), whole: true };
  };

  // --- break rules between unit a (last on the page) and b (first on the next)
  const keepWithNext = (el: Element): boolean =>
    /^H[1-6]$/.test(el.tagName) || css(el).breakAfter === 'avoid' || el.matches('.list-label, .block-title, .decision-line');
  const items2li = (el: Element): HTMLLIElement | null => el.closest('li');
  const siblingsLi = (li: Element): Element[] => [...(li.parentElement?.children ?? [])].filter((c) => c.tagName === 'LI');
  const allowed = (a: Unit, b: Unit | undefined): boolean => {
    if (!b) return true;
    if (b.top < a.bottom - 0.5) return false;
    if (a.item === b.item) return a.line + 1 >= 2 && a.lines - b.line >= 2;
    if (a.line === a.lines - 1 && keepWithNext(a.el)) return false;
    if (a.el.closest('thead, caption')) return false;
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
  /** A filler; in a table a row whose one cell spans every column (the height goes on that cell). */
  const makeFiller = (tag: 'div' | 'span' | 'tr', ids: string[], page: number): HTMLElement => {
    const f = document.createElement(tag);
    f.className = tag === 'tr' ? 'page-fill-row' : 'page-fill';
    let into: HTMLElement = f;
    if (tag === 'tr') {
      into = document.createElement('td');
      (into as HTMLTableCellElement).colSpan = 1000;
      into.style.cssText = 'padding:0;border:0;vertical-align:bottom';
      f.append(into);
    }
    if (ids.length > 0) {
      const block = notesBlock(ids, false);
      block.id = `page-notes-${page}`;
      into.append(block);
    }
    return f;
  };

  // --- the page loop, on one layout. Every break is decided on the document as it was laid out
  // before any filler: a filler only moves what follows it, so the content of a page measures the
  // same from the page's start with or without the fillers above it. The fillers are inserted after
  // the loop, all at once, and their heights set in one more pass; writing each page's filler as it
  // is decided would make the browser lay the document out again for every page.
  /** Where a page starts, measured on the layout as it stands when called (page 1 starts at 0). */
  type Start = () => number;
  /** A filler to insert on `page`; `h` is known for a split line, else measured once inserted. */
  interface Fill {
    page: number; ids: string[]; notesH: number; tag: 'div' | 'span' | 'tr';
    place: (f: HTMLElement) => void; splitsText: boolean; h?: number; spanGrid?: boolean;
  }
  const fills: Fill[] = [];
  const starts: Start[] = [() => 0];
  /** The top of a unit on the layout as it stands (see unitsOf()). */
  const unitTop = (i: number, line: number): number | undefined => unitsOf(i)[line]?.top;
  // Targets get the page they stand on: those in the flow from the layout before the fillers (the
  // first page whose successor starts below them), those in a note the page the note is placed on.
  const targets: Record<string, number> = {};
  const targetEls = [...byId.values()].filter((e): e is HTMLElement => !!e);
  // Their places in the flow do not change while the page loop runs: measured once.
  const targetY = new Map(targetEls.filter((el) => el.isConnected && !probe.contains(el)).map((el) => [el, Y(el.getBoundingClientRect())]));
  const assign = (limit: number): void => {
    for (const [el, y] of targetY) {
      if (y < limit - 0.25) {
        if (!(el.id in targets)) targets[el.id] = page;
        targetY.delete(el);
      }
    }
  };
  let page = 1;
  let pageStart = 0;
  let cursor = { item: 0, line: 0 };
  for (let guard = 0; guard < 5000 && cursor.item < items.length; guard++) {
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
      const whole = cands.length > 0 ? wholeOf(i, pageEnd) : undefined;
      for (const u of whole ? [whole] : unitsOf(i)) {
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
    /** The candidate at j as its lines, when it is a whole paragraph; the index of its last line. */
    const lines = (j: number): number => {
      const u = cands[j]!;
      if (!u.whole) return j;
      const units = unitsOf(u.item);
      cands.splice(j, 1, ...units);
      return j + units.length - 1;
    };
    for (let j = cands.length - 1; j >= 0; j--) {
      j = lines(j);
      if (fits(j) && allowed(cands[j]!, cands[j + 1] ?? next)) { k = j; break; }
    }
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
    for (const id of ids) {
      targets[id] = page;
      const li = notes.get(id);
      for (const el of targetEls) if (li?.contains(el) && !(el.id in targets)) targets[el.id] = page;
    }
    const naturalEnd = k === cands.length - 1 && !next;
    let start: Start;
    if (!b && (force || naturalEnd)) {
      // The page ends at a forced break (or the end): notes go above it.
      if (ids.length > 0) {
        const place = force?.before ? (f: HTMLElement) => force.el.before(f) : force ? (f: HTMLElement) => force.el.append(f) : (f: HTMLElement) => a.el.after(f);
        fills.push({ page, ids, notesH, tag: 'div', place, splitsText: false });
      }
      if (!force) break;
      const el = force.el;
      cursor = { item: forceAt + 1, line: 0 };
      if (force.before) {
        start = () => {
          let top = Y(el.getBoundingClientRect());
          for (let e: Element | null = el; e; e = e.firstElementChild) {
            const cs = css(e);
            top = Math.min(top, Y(e.getBoundingClientRect()) - (parseFloat(cs.marginTop) || 0));
            if (parseFloat(cs.paddingTop) || parseFloat(cs.borderTopWidth)) break;
          }
          return top;
        };
      } else {
        start = () => {
          const r = el.getBoundingClientRect();
          const end = Y(r) + r.height + (parseFloat(css(el).marginBottom) || 0);
          return Math.min(end, unitTop(forceAt + 1, 0) ?? Infinity);
        };
      }
    } else {
      if (!b) break;
      // A filler between a and b.
      if (a.item === b.item) {
        const at = firstCharOfLine(a.el, b.top);
        const h = Math.max(pageEnd - EPS - a.bottom, notesH);
        const place = at ? (f: HTMLElement) => at.node.splitText(at.offset).before(f) : (f: HTMLElement) => a.el.append(f);
        fills.push({ page, ids, notesH, tag: 'span', place, splitsText: !!at, h });
        // The next page starts at the line after the split.
        const fallback = b.top;
        start = () => unitTop(b.item, b.line) ?? fallback;
      } else {
        const anc = topAncestor(b.el, a.el);
        const place = (f: HTMLElement) => anc.before(f);
        // In a table a filler is a row: a block there would be one cell of the first column, widen
        // it, and stand where the table puts it (after the head) rather than where it is inserted.
        const inTable = anc.tagName === 'TR' || anc.tagName === 'TBODY';
        const spanGrid = !inTable && !!anc.parentElement && /grid/.test(css(anc.parentElement).display);
        if (anc.parentElement?.tagName === 'TABLE' && !inTable) problems.push(`page ${page}: a break inside the head of a table`);
        fills.push({ page, ids, notesH, tag: inTable ? 'tr' : 'div', place, splitsText: false, spanGrid });
        // The next page starts at b or its first ancestor that begins after the filler.
        start = () => {
          let top = unitTop(b.item, b.line) ?? Infinity;
          for (let e: Element | null = b.el; e && e !== document.body; e = e.parentElement) {
            top = Math.min(top, Y(e.getBoundingClientRect()));
            if (e === anc) break;
          }
          const table = b.el.closest('table');
          if (table?.tHead && b.el.tagName === 'TR' && !table.tHead.contains(b.el)) top -= table.tHead.getBoundingClientRect().height;
          return top;
        };
      }
      cursor = { item: b.item, line: b.line };
    }
    starts.push(start);
    pageStart = start();
    assign(pageStart);
    page++;
  }
  for (const el of targetEls) if (!(el.id in targets)) targets[el.id] = page;
  layoutFixed = false;
  probe.remove();

  // --- the fillers into the document. Split lines first, last to first: a paragraph may be split
  // more than once, and each split leaves the text before it in the node the earlier split names.
  const made = fills.map((fl) => {
    const f = makeFiller(fl.tag, fl.ids, fl.page);
    if (fl.spanGrid) f.style.gridColumn = '1 / -1';
    return f;
  });

  for (let i = fills.length - 1; i >= 0; i--) if (fills[i]!.splitsText) fills[i]!.place(made[i]!);
  fills.forEach((fl, i) => { if (!fl.splitsText) fl.place(made[i]!); });
  // One layout: where each filler begins, from the start of its page (both move alike with the
  // fillers above them); then every height at once. A filler reaches its page's foot; one whose notes
  // need more room than is left rises into the page by the difference (negative margin).
  const room = fills.map((fl, i) => (fl.h !== undefined ? 0 : starts[fl.page - 1]!() + pageH - EPS - Y(made[i]!.getBoundingClientRect())));
  fills.forEach((fl, i) => {
    const f = made[i]!;
    const left = room[i]!;
    if (fl.h !== undefined) f.style.height = `${fl.h}px`;
    else if (fl.tag === 'tr') (f.firstElementChild as HTMLElement).style.height = `${Math.max(fl.notesH, left)}px`;
    else {
      if (left < fl.notesH) f.style.marginTop = `${left - fl.notesH}px`;
      f.style.height = `${Math.max(0, left, fl.notesH)}px`;
    }
  });
  const unplaced = [...notes.keys()].filter((id) => !placed.has(id));
  if (unplaced.length > 0) {
    // Notes never cited in the flow: after the last page's content.
    document.body.append(makeFiller('div', unplaced, page));
    for (const id of unplaced) targets[id] = page;
  }
  return { ok: problems.length === 0, pages: page, targets, problems };
}
