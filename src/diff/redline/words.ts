/**
 * Word marks inside a rendered element: the words that changed are wrapped in <ins> and the words
 * that went are put back as <del> where they stood, on the element's own text nodes, so emphasis,
 * links and footnote references of the new text stay as they print.
 */
import { diffWords } from '../prose.ts';
import { attr, escapeHtml, fragment, hasClass, type N } from './dom.ts';

/** Subtrees whose text is not part of the element's own words: nested lists, footnote numbers, back-links, notes. */
export const SKIP = (n: N): boolean =>
  n.tagName === 'ul' || n.tagName === 'ol' || n.tagName === 'sup' || hasClass(n, 'fn-back') || hasClass(n, 'rl-note') || hasClass(n, 'toc-page') || attr(n, 'aria-hidden') === 'true';

interface Piece { node: N; start: number; end: number }

/** The text nodes of an element in order, with their offsets in the element's own text. */
function textNodes(el: N, skip: (n: N) => boolean): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  const walk = (n: N): void => {
    for (const c of n.childNodes ?? []) {
      if (c.nodeName === '#text') {
        const len = (c.value ?? '').length;
        out.push({ node: c, start: at, end: at + len });
        at += len;
      } else if (c.tagName && !skip(c)) walk(c);
    }
  };
  walk(el);
  return out;
}

/** Whitespace runs collapsed to one space, with the map back to the raw offsets. */
function collapse(raw: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] as string;
    if (/\s/.test(ch)) {
      if (text.endsWith(' ')) continue;
      text += ' ';
    } else text += ch;
    map.push(i);
  }
  map.push(raw.length);
  return { text, map };
}

/** Plain words of a text, whitespace collapsed. */
export const words = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Marks the difference from `beforeText` inside `el`; false when the text could not be mapped (nothing changed then). */
export function markWords(el: N, beforeText: string): boolean {
  const pieces = textNodes(el, SKIP);
  const raw = pieces.map((p) => p.node.value ?? '').join('');
  const { text, map } = collapse(raw);
  const parts = diffWords(words(beforeText), text);
  const ins: [number, number][] = [];
  const dels: { at: number; text: string }[] = [];
  let pos = 0;
  // diffWords sees the trimmed before text; leading space of the after text is equal text.
  for (const part of parts) {
    if (part.op === 'delete') { if (part.text.trim() !== '') dels.push({ at: pos, text: part.text }); continue; }
    if (part.op === 'insert' && part.text.trim() !== '') ins.push([pos, pos + part.text.length]);
    pos += part.text.length;
  }
  if (pos !== text.length) return false;
  const rawIns = ins.map(([s, e]) => [map[s] ?? raw.length, map[e] ?? raw.length] as const);
  const rawDels = dels.map((d) => ({ at: map[d.at] ?? raw.length, text: d.text }));
  for (let k = 0; k < pieces.length; k += 1) {
    const p = pieces[k] as Piece;
    const last = k === pieces.length - 1;
    const cuts = new Set<number>([p.start, p.end]);
    for (const [s, e] of rawIns) { if (s > p.start && s < p.end) cuts.add(s); if (e > p.start && e < p.end) cuts.add(e); }
    const here = rawDels.filter((d) => d.at >= p.start && (d.at < p.end || (last && d.at === p.end)));
    for (const d of here) cuts.add(d.at);
    const points = [...cuts].sort((x, y) => x - y);
    const value = p.node.value ?? '';
    let html = '';
    for (let i = 0; i < points.length; i += 1) {
      const at = points[i] as number;
      for (const d of here.filter((x) => x.at === at)) html += `<del>${escapeHtml(d.text)}</del>`;
      const next = points[i + 1];
      if (next === undefined) break;
      const slice = value.slice(at - p.start, next - p.start);
      const inserted = rawIns.some(([s, e]) => at >= s && next <= e);
      html += inserted && slice.trim() !== '' ? `<ins>${escapeHtml(slice)}</ins>` : escapeHtml(slice);
    }
    replaceWith(p.node, html);
  }
  return true;
}

/** Wraps every word of an element (all its text) in <ins> or <del>. */
export function wrapAll(el: N, tag: 'ins' | 'del', skip: (n: N) => boolean = (n) => hasClass(n, 'rl-note') || hasClass(n, 'toc-page')): void {
  for (const p of textNodes(el, skip)) {
    const v = p.node.value ?? '';
    if (v.trim() === '') continue;
    const lead = /^\s*/.exec(v)?.[0] ?? '';
    const trail = /\s*$/.exec(v)?.[0] ?? '';
    replaceWith(p.node, `${escapeHtml(lead)}<${tag}>${escapeHtml(v.trim())}</${tag}>${escapeHtml(trail)}`);
  }
}

/** Replaces a text node by the nodes of an HTML string. */
function replaceWith(textNode: N, html: string): void {
  const parent = textNode.parentNode;
  if (!parent?.childNodes) return;
  const nodes = fragment(html);
  for (const n of nodes) n.parentNode = parent;
  parent.childNodes.splice(parent.childNodes.indexOf(textNode), 1, ...nodes);
}
