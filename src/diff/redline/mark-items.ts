/**
 * Structured changes marked where they print: an added item underlined with "Ny", a removed item
 * put back struck through where it stood (on the title page, in the list, among the signatures),
 * a moved item marked at both places, and a changed field marked word by word inside its sentence.
 */
import type { Change } from '../types.ts';
import { describeChange } from '../describe.ts';
import { addClass, attr, clone, elements, fragment, insertAfter, insertAt, insertBefore, textOf, type N } from './dom.ts';
import { blockOf, firstCell, noteHtml, prependNote, record, type MarkContext } from './context.ts';
import { diffArrays } from 'diff';
import { fromElementPath, longestPrefix, toElementPath } from './paths.ts';
import { markWords, SKIP, wrapAll, words } from './words.ts';

/** Marks one structured change (an entry or one of its parts); false when it found no place to stand. */
export function markStructured(ctx: MarkContext, entry: Change, c: Change): boolean {
  const ap = toElementPath(c.path, ctx.after);
  const bp = toElementPath(c.path, ctx.before);
  if (c.kind === 'added' && ctx.aItems.has(ap)) {
    for (const el of ctx.aItems.get(ap) ?? []) markAdded(ctx, el, entry, c);
    return true;
  }
  if (c.kind === 'removed' && ctx.bItems.has(bp)) {
    for (const el of ctx.bItems.get(bp) ?? []) putBackRemoved(ctx, el, entry, c);
    return true;
  }
  if ((c.kind === 'moved' || c.kind === 'moved-changed') && ctx.aItems.has(ap)) {
    (ctx.aItems.get(ap) ?? []).forEach((el, k) => markMoved(ctx, el, k, bp, entry, c));
    return true;
  }
  return markField(ctx, entry, c, ap, bp);
}

function markAdded(ctx: MarkContext, el: N, entry: Change, c: Change): void {
  wrapAll(el, 'ins');
  addClass(el, 'rl-added');
  prependNote(ctx, el, 'Ny');
  record(ctx, el, entry, c);
  ctx.used.add('added');
}

/** Where an element of the before side stands in the after side: next to a sibling both sides have. */
function placeOf(ctx: MarkContext, bEl: N): { ref: N; where: 'after' | 'before' | 'inside' } | undefined {
  const siblings = (bEl.parentNode?.childNodes ?? []).filter((x) => x.tagName);
  const at = siblings.indexOf(bEl);
  const counterpart = (x: N): N | undefined => {
    const p = attr(x, 'data-item');
    if (!p) return undefined;
    const k = (ctx.bItems.get(p) ?? []).indexOf(x);
    return ctx.aItems.get(toElementPath(fromElementPath(p, ctx.before), ctx.after))?.[k];
  };
  for (let i = at - 1; i >= 0; i -= 1) { const t = counterpart(siblings[i] as N); if (t) return { ref: t, where: 'after' }; }
  for (let i = at + 1; i < siblings.length; i += 1) { const t = counterpart(siblings[i] as N); if (t) return { ref: t, where: 'before' }; }
  // No sibling is left: into the same list or item of the after side.
  for (let p = bEl.parentNode; p?.tagName; p = p.parentNode) {
    const list = attr(p, 'data-list');
    if (list !== undefined) {
      const all = elements(ctx.bDoc).filter((x) => attr(x, 'data-list') === list);
      const mine = elements(ctx.aDoc).filter((x) => attr(x, 'data-list') === list);
      const t = mine[all.indexOf(p)];
      if (t) return { ref: t, where: 'inside' };
    }
    const t = counterpart(p);
    if (t) return { ref: t, where: 'inside' };
  }
  return undefined;
}

function stripIds(n: N): void {
  for (const e of [n, ...elements(n)]) e.attrs = (e.attrs ?? []).filter((a) => a.name !== 'id' && a.name !== 'data-item' && a.name !== 'data-field');
}

/** Puts a removed element back where it stood, struck through and marked "Utgår". */
function putBackRemoved(ctx: MarkContext, bEl: N, entry: Change, c: Change): boolean {
  const place = placeOf(ctx, bEl);
  if (!place) return false;
  const copy = clone(bEl);
  stripIds(copy);
  wrapAll(copy, 'del');
  addClass(copy, 'rl-removed');
  insertAt(copy.tagName === 'tr' ? firstCell(copy) ?? copy : copy, 0, fragment(noteHtml('Utgår')));
  if (place.where === 'after') insertAfter(place.ref, [copy]);
  else if (place.where === 'before') insertBefore(place.ref, [copy]);
  else insertAt(place.ref, (place.ref.childNodes ?? []).length, [copy]);
  record(ctx, copy, entry, c);
  ctx.used.add('removed');
  ctx.used.add('note');
  return true;
}

function markMoved(ctx: MarkContext, el: N, k: number, bp: string, entry: Change, c: Change): void {
  addClass(el, 'rl-moved');
  prependNote(ctx, el, `Flyttad ${c.where ?? ''}`.trim());
  record(ctx, el, entry, c, 'rl-bar-moved');
  ctx.used.add('moved');
  const bEl = ctx.bItems.get(bp)?.[k];
  if (bEl) putBackMovedFrom(ctx, bEl, entry);
}

/** A short marker at a moved element's old place, with the page it went to. */
export function putBackMovedFrom(ctx: MarkContext, bEl: N, entry: Change): void {
  const place = placeOf(ctx, bEl);
  if (!place) return;
  const tag = bEl.tagName === 'li' ? 'li' : bEl.tagName === 'tr' ? 'tr' : bEl.tagName === 'section' ? 'div' : 'p';
  const first = words(textOf(bEl, SKIP)).split(' ').slice(0, 6).join(' ');
  const body = `<span class="rl-note">Flyttat härifrån</span> ”${first}…” står nu på sida <span class="toc-page rl-page" data-target="chg-${entry.id ?? ''}"></span>.`;
  const html = tag === 'tr' ? `<tr class="rl-moved-away rl-bar-moved"><td colspan="9">${body}</td></tr>` : `<${tag} class="rl-moved-away rl-bar-moved">${body}</${tag}>`;
  const nodes = fragment(tag === 'tr' ? `<table><tbody>${html}</tbody></table>` : html);
  const node = tag === 'tr' ? (elements({ nodeName: '#f', childNodes: nodes }).find((x) => x.tagName === 'tr') as N) : (nodes[0] as N);
  if (place.where === 'after') insertAfter(place.ref, [node]);
  else if (place.where === 'before') insertBefore(place.ref, [node]);
  else insertAt(place.ref, (place.ref.childNodes ?? []).length, [node]);
}

/** A changed field: old words struck and new underlined where the field prints, else a note on its item. */
function markField(ctx: MarkContext, entry: Change, c: Change, ap: string, bp: string): boolean {
  const has = (m: Map<string, N[]>) => (p: string) => m.has(p);
  const aKey = longestPrefix(ap, has(ctx.aFields));
  const bKey = longestPrefix(bp, has(ctx.bFields));
  const aEls = aKey ? ctx.aFields.get(aKey) ?? [] : [];
  const bEls = bKey ? ctx.bFields.get(bKey) ?? [] : [];
  let marked = false;
  for (let k = 0; k < Math.max(aEls.length, bEls.length); k += 1) {
    const a = aEls[k];
    const b = bEls[k];
    if (a && b && listOf(a) && listOf(b)) {
      marked = markList(ctx, listOf(a) as N, listOf(b) as N, entry, c) || marked;
    } else if (a && b) {
      const same = words(textOf(a, SKIP)) === words(textOf(b, SKIP));
      if (same || !markWords(a, textOf(b, SKIP))) prependNote(ctx, a, `Ändrat: ${describeChange(c)}`);
      else { ctx.used.add('ins'); ctx.used.add('del'); }
      record(ctx, a, entry, c);
      marked = true;
    } else if (a) {
      wrapAll(a, 'ins');
      ctx.used.add('ins');
      record(ctx, a, entry, c);
      marked = true;
    } else if (b) {
      marked = putBackField(ctx, b, entry, c) || marked;
    }
  }
  if (marked) return true;
  // Not printed as a field of its own: a note on the item where it stands.
  const item = longestPrefix(ap, has(ctx.aItems));
  const el = item ? ctx.aItems.get(item)?.[0] : undefined;
  if (!el) return false;
  const host = blockOf((el.childNodes ?? []).find((x) => x.tagName) ?? el) ?? el;
  prependNote(ctx, host, `Ändrat: ${describeChange(c)}`);
  record(ctx, host, entry, c);
  return true;
}

/** The one list a field prints (members of a group, a table cell with a list). */
const listOf = (n: N): N | undefined => {
  const lists = (n.childNodes ?? []).filter((x) => x.tagName === 'ul' || x.tagName === 'ol');
  return lists.length === 1 ? lists[0] : undefined;
};

/** A list field entry by entry: new entries underlined, removed ones put back struck where they stood. */
function markList(ctx: MarkContext, aList: N, bList: N, entry: Change, c: Change): boolean {
  const items = (l: N): N[] => (l.childNodes ?? []).filter((x) => x.tagName === 'li');
  const ai = items(aList);
  const bi = items(bList);
  const text = (x: N): string => words(textOf(x, SKIP));
  let [x, y] = [0, 0];
  let last: N | undefined;
  let marked = false;
  for (const part of diffArrays(bi.map(text), ai.map(text))) {
    if (part.added) {
      for (let k = 0; k < part.count; k += 1) { const li = ai[y++] as N; wrapAll(li, 'ins'); record(ctx, li, entry, c); last = li; marked = true; }
      ctx.used.add('ins');
    } else if (part.removed) {
      for (let k = 0; k < part.count; k += 1) {
        const copy = clone(bi[x++] as N);
        wrapAll(copy, 'del');
        if (last) insertAfter(last, [copy]); else insertAt(aList, 0, [copy]);
        record(ctx, copy, entry, c);
        last = copy;
        marked = true;
      }
      ctx.used.add('del');
    } else { y += part.count; x += part.count; last = ai[y - 1]; }
  }
  return marked;
}

/** A field that only the before side prints, struck through in the same place of the after item. */
function putBackField(ctx: MarkContext, bEl: N, entry: Change, c: Change): boolean {
  let item: N | undefined;
  for (let p = bEl.parentNode; p?.tagName; p = p.parentNode) if (attr(p, 'data-item')) { item = p; break; }
  const path = item ? attr(item, 'data-item') : undefined;
  const aItem = path ? ctx.aItems.get(toElementPath(fromElementPath(path, ctx.before), ctx.after))?.[(ctx.bItems.get(path) ?? []).indexOf(item as N)] : undefined;
  if (!aItem) return false;
  const copy = clone(bEl);
  stripIds(copy);
  wrapAll(copy, 'del');
  // Same child position inside the item as on the before side, as near as the after item allows.
  let parent = aItem;
  const chain: N[] = [];
  for (let x: N | null | undefined = bEl.parentNode; x && x !== item; x = x.parentNode) chain.unshift(x);
  for (const step of chain) {
    const i = (step.parentNode?.childNodes ?? []).indexOf(step);
    const next = parent.childNodes?.[i];
    if (!next?.tagName || next.tagName !== step.tagName) break;
    parent = next;
  }
  const at = (bEl.parentNode?.childNodes ?? []).indexOf(bEl);
  insertAt(parent, Math.min(at, (parent.childNodes ?? []).length), [copy]);
  record(ctx, copy, entry, c);
  ctx.used.add('del');
  return true;
}
