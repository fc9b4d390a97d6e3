/** The state one redline is marked in: both rendered documents, their indexes, and what was marked. */
import type { Side } from '../changeset.ts';
import type { Change } from '../types.ts';
import { addChange, addClass, attr, closest, escapeHtml, fragment, indexBy, insertAt, setAttr, type N } from './dom.ts';

/** The kinds of mark, for the legend (only those that occur are explained). */
export type MarkKind = 'ins' | 'del' | 'added' | 'removed' | 'moved' | 'note';

/** Both sides of the redline while it is being marked. */
export interface MarkContext {
  before: Side;
  after: Side;
  aDoc: N;
  bDoc: N;
  aItems: Map<string, N[]>;
  bItems: Map<string, N[]>;
  aFields: Map<string, N[]>;
  bFields: Map<string, N[]>;
  /** The element the summary links to, by entry id. */
  anchors: Map<string, N>;
  used: Set<MarkKind>;
  /** Entries that could only be marked by a note at the top of their section. */
  fallbacks: Set<string>;
}

/** Indexes both documents. */
export function markContext(before: Side, after: Side, aDoc: N, bDoc: N): MarkContext {
  return {
    before, after, aDoc, bDoc,
    aItems: indexBy(aDoc, 'data-item'), bItems: indexBy(bDoc, 'data-item'),
    aFields: indexBy(aDoc, 'data-field'), bFields: indexBy(bDoc, 'data-field'),
    anchors: new Map(), used: new Set(), fallbacks: new Set(),
  };
}

const BLOCKS = new Set(['p', 'li', 'dd', 'td', 'th', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'section', 'article', 'header', 'caption', 'pre', 'blockquote']);

/** The block an inline mark stands in, which gets the bar in the margin. */
export const blockOf = (n: N): N | undefined => closest(n, (x) => BLOCKS.has(x.tagName ?? ''));

/** A note badge, e.g. "Ny" or "Flyttad från plats 3". */
export const noteHtml = (text: string): string => `<span class="rl-note">${escapeHtml(text)}</span> `;

/** Records that `el` shows the entry `entry` (and the part `part`): data-change, the bar, and the summary's anchor. */
export function record(ctx: MarkContext, el: N, entry: Change, part: Change, bar: 'rl-bar' | 'rl-bar-moved' = 'rl-bar'): void {
  addChange(el, entry.id ?? '');
  if (part !== entry && part.id) addChange(el, part.id);
  const block = el.tagName === 'tr' ? firstCell(el) ?? el : blockOf(el) ?? el;
  addClass(block, bar);
  if (block !== el) addChange(block, entry.id ?? '');
  if (!ctx.anchors.has(entry.id ?? '')) {
    const target = attr(el, 'id') === undefined ? el : undefined;
    if (target) setAttr(target, 'id', `chg-${entry.id ?? ''}`);
    else {
      const badge = fragment(`<span class="rl-anchor" id="chg-${entry.id ?? ''}">\u200b</span>`);
      insertAt(el, 0, badge);
    }
    ctx.anchors.set(entry.id ?? '', el);
  }
}

/** The first cell of a table row (marks inside a row must stand in a cell). */
export const firstCell = (tr: N): N | undefined => (tr.childNodes ?? []).find((c) => c.tagName === 'td' || c.tagName === 'th');

/** Puts a note badge first in an element (after its heading, for a section; in the first cell, for a row). */
export function prependNote(ctx: MarkContext, target: N, text: string): void {
  const el = target.tagName === 'tr' ? firstCell(target) ?? target : target;
  const kids = el.childNodes ?? [];
  const heading = kids.find((x) => x.tagName !== undefined);
  const at = heading && /^h\d$/.test(heading.tagName ?? '') ? kids.indexOf(heading) + 1 : 0;
  insertAt(el, at, fragment(at > 0 ? `<p>${noteHtml(text)}</p>` : noteHtml(text)));
  ctx.used.add('note');
}
