/**
 * Marks prose changes inside the rendered HTML of one section: changed words as <ins>/<del>, new
 * blocks underlined, removed blocks struck through where they stood, moved blocks with a double bar.
 */
import { parseFragment, serialize } from 'parse5';
import { markdownToBlocks, type ProseBlock } from './blocks.ts';
import { diffBlocks, type WordPart } from './prose.ts';
import { plainText } from './values.ts';
import type { Change } from './types.ts';

/** The parse5 node shape used here. */
interface N { nodeName: string; tagName?: string; value?: string; attrs?: { name: string; value: string }[]; childNodes?: N[]; parentNode?: N | null }

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const key = (s: string): string => s.toLowerCase().replace(/\[\^[^\]]+\]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
/** Canonical Markdown as reading text, keeping spaces at the ends (for word parts). */
const strip = (s: string): string => s.replace(/\[\^[^\]]+\]/g, '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|\*|~~|`/g, '').replace(/^#+ /, '');
const LIST = new Set(['ul', 'ol']);
const BLOCK = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'pre']);

function text(n: N, own = false): string {
  if (n.nodeName === '#text') return n.value ?? '';
  if (n.tagName === 'sup' || (own && n.tagName && LIST.has(n.tagName))) return '';
  return (n.childNodes ?? []).map((c) => text(c)).join('');
}

/** The prose block elements of a section in document order, without the section heading and footnote headings. */
function candidates(root: N): N[] {
  const out: N[] = [];
  let sawHeading = false;
  const walk = (n: N): void => {
    for (const c of n.childNodes ?? []) {
      const tag = c.tagName ?? '';
      const cls = c.attrs?.find((a) => a.name === 'class')?.value ?? '';
      if (/^h\d$/.test(tag) && !sawHeading) sawHeading = true;
      else if (BLOCK.has(tag) && !(tag === 'p' && n.tagName === 'li') && !cls.includes('footnotes-title')) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

const frag = (html: string): N[] => (parseFragment(html) as unknown as N).childNodes ?? [];
const addClass = (n: N, cls: string): void => {
  const attrs = (n.attrs ??= []);
  const c = attrs.find((a) => a.name === 'class');
  if (c) c.value = `${c.value} ${cls}`; else attrs.push({ name: 'class', value: cls });
};
/** Replaces an element's own content (keeping nested lists) with new nodes. */
function setContent(n: N, html: string): void {
  const keep = (n.childNodes ?? []).filter((c) => c.tagName !== undefined && LIST.has(c.tagName));
  const fresh = frag(html);
  for (const c of [...fresh, ...keep]) c.parentNode = n;
  n.childNodes = [...fresh, ...keep];
}
const note = (s: string): string => `<span class="rl-note">${esc(s)}</span>`;
const wordsHtml = (words: readonly WordPart[]): string => words.map((w) => (w.op === 'equal' ? esc(strip(w.text)) : `<${w.op === 'delete' ? 'del' : 'ins'}>${esc(strip(w.text))}</${w.op === 'delete' ? 'del' : 'ins'}>`)).join('');

/** Marks the prose changes between two versions of a section in its rendered HTML; returns the HTML unchanged when nothing differs. */
export function markSection(sectionHtml: string, before: string, after: string, moves: readonly Change[]): string {
  if (before === after) return sectionHtml;
  const aBlocks = markdownToBlocks(after);
  const root = parseFragment(sectionHtml) as unknown as N;
  const els = candidates(root);
  // Align after-blocks to elements in order by their letters and digits.
  const elOf = new Map<ProseBlock, N>();
  let j = 0;
  for (const b of aBlocks) {
    const k = key(plainText(b.text));
    if (k === '') continue;
    for (let t = j; t < Math.min(els.length, j + 25); t += 1) {
      if (key(text(els[t] as N, true)) === k) { elOf.set(b, els[t] as N); j = t + 1; break; }
    }
  }
  const section = (root.childNodes ?? []).find((n) => n.tagName === 'section') ?? root;
  const heading = (section.childNodes ?? []).find((n) => /^h\d$/.test(n.tagName ?? ''));
  let anchor: N | undefined;
  const insertAfter = (html: string): void => {
    const parent = anchor?.parentNode ?? section;
    const nodes = frag(html);
    const siblings = (parent.childNodes ??= []);
    const at = anchor ? siblings.indexOf(anchor) + 1 : heading ? siblings.indexOf(heading) + 1 : 0;
    for (const n of nodes) n.parentNode = parent;
    siblings.splice(at, 0, ...nodes);
    anchor = nodes[nodes.length - 1] ?? anchor;
  };
  for (const c of diffBlocks(markdownToBlocks(before), aBlocks)) {
    if (c.type === 'deleted') {
      const tag = anchor?.tagName === 'li' ? 'li' : anchor?.tagName === 'tr' ? 'tr' : 'p';
      const inner = `<del>${esc(strip(c.before.text))}</del>`;
      insertAfter(tag === 'tr' ? `<table><tr class="rl-changed rl-removed"><td colspan="9">${inner}</td></tr></table>` : `<${tag} class="rl-changed rl-removed">${note('Utgår')} ${inner}</${tag}>`);
      continue;
    }
    const el = elOf.get(c.after);
    if (el) anchor = el;
    if (!el || c.type === 'equal') continue;
    const crossMove = c.type === 'inserted' ? moves.find((m) => m.after === c.after.text) : undefined;
    if (crossMove) { addClass(el, 'rl-moved'); setContent(el, `${note(`Flyttat ${crossMove.where ?? ''}`.trim())} ${esc(strip(c.after.text))}`); }
    else if (c.type === 'inserted') { addClass(el, 'rl-changed rl-added'); setContent(el, `<ins>${esc(strip(c.after.text))}</ins>`); }
    else if (c.type === 'changed') { addClass(el, 'rl-changed'); setContent(el, wordsHtml(c.words)); }
    else {
      addClass(el, 'rl-moved');
      const where = c.toIndex < c.fromIndex ? 'Flyttat uppåt i avsnittet' : 'Flyttat nedåt i avsnittet';
      setContent(el, `${note(where)} ${c.type === 'moved' ? esc(strip(c.after.text)) : wordsHtml(c.words)}`);
    }
  }
  return serialize(root as never);
}
