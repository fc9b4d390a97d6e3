/**
 * Prose changes marked inside their paragraphs: the rendered blocks of each section (paragraphs,
 * list items, table rows, footnotes) are aligned with the Markdown blocks the change set counts,
 * on both sides, and each change is marked on the element that prints its block.
 */
import type { Change } from '../types.ts';
import { treeToBlocks, type ProseBlock } from '../blocks.ts';
import { diffBlocks } from '../prose.ts';
import { plainText } from '../values.ts';
import type { PlacedSection } from '../changeset-sections.ts';
import { addClass, attr, clone, elements, fragment, insertAfter, insertAt, textOf, type N } from './dom.ts';
import { prependNote, record, type MarkContext } from './context.ts';
import { putBackMovedFrom } from './mark-items.ts';
import { markWords, SKIP, wrapAll } from './words.ts';

const BLOCK = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'pre']);
const key = (s: string): string => s.toLowerCase().replace(/\[\^[^\]]+\]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** The prose block elements of a rendered section in order, without its heading and the footnote heading. */
function candidates(section: N): N[] {
  const out: N[] = [];
  let sawHeading = false;
  for (const c of elements(section)) {
    const tag = c.tagName ?? '';
    if (/^h\d$/.test(tag) && !sawHeading) { sawHeading = true; continue; }
    if (!BLOCK.has(tag) || (attr(c, 'class') ?? '').includes('footnotes-title')) continue;
    if (tag === 'p' && c.parentNode?.tagName === 'li') continue;
    // Facts laid out by directives are marked as structured items, not as prose.
    if (insideFacts(c, section)) continue;
    out.push(c);
  }
  return out;
}

const insideFacts = (n: N, section: N): boolean => {
  for (let p = n.parentNode; p && p !== section; p = p.parentNode) if (attr(p, 'data-item') !== undefined || attr(p, 'data-list') !== undefined) return true;
  return attr(n, 'data-item') !== undefined;
};

/** Each Markdown block's element, matched in order by its letters and digits. */
function align(blocks: ProseBlock[], els: N[]): Map<number, N> {
  const out = new Map<number, N>();
  let j = 0;
  blocks.forEach((b, i) => {
    const k = key(plainText(b.text.replace(/^\[\^[^\]]+\]:\s*/, '')));
    if (k === '') return;
    for (let t = j; t < Math.min(els.length, j + 25); t += 1) {
      if (key(textOf(els[t] as N, SKIP)) === k) { out.set(i, els[t] as N); j = t + 1; return; }
    }
  });
  return out;
}

/** One side of a section: its element, blocks and their elements. */
interface SectionSide { el: N; blocks: ProseBlock[]; els: Map<number, N> }

function sideOf(items: Map<string, N[]>, s: PlacedSection | undefined): SectionSide | undefined {
  const el = s ? items.get(`sections/${s.id}`)?.[0] : undefined;
  if (!s || !el) return undefined;
  const blocks = treeToBlocks(s.source.markdown.tree);
  return { el, blocks, els: align(blocks, candidates(el)) };
}

/** Marks the prose changes of the entries; returns the entries (or parts) that found no element. */
export function markProse(ctx: MarkContext, list: { entry: Change; change: Change }[], bSections: Map<string, PlacedSection>, aSections: Map<string, PlacedSection>): Change[] {
  const missed: Change[] = [];
  const sides = new Map<string, { a?: SectionSide; b?: SectionSide; pairs: Map<number, number> }>();
  const get = (aId: string, bId: string): { a?: SectionSide; b?: SectionSide; pairs: Map<number, number> } => {
    const k = `${aId}\u0000${bId}`;
    let s = sides.get(k);
    if (!s) {
      const a = sideOf(ctx.aItems, aSections.get(aId));
      const b = sideOf(ctx.bItems, bSections.get(bId));
      const pairs = new Map<number, number>();
      if (a && b) {
        const bi = new Map(b.blocks.map((x, i) => [x, i]));
        const ai = new Map(a.blocks.map((x, i) => [x, i]));
        for (const d of diffBlocks(b.blocks, a.blocks)) if (d.type !== 'inserted' && d.type !== 'deleted') pairs.set(bi.get(d.before) ?? -1, ai.get(d.after) ?? -1);
      }
      s = { ...(a ? { a } : {}), ...(b ? { b } : {}), pairs };
      sides.set(k, s);
    }
    return s;
  };
  for (const { entry, change: c } of list) {
    const id = c.section?.id ?? '';
    const s = get(id, c.section?.fromId ?? id);
    const ai = c.section?.afterIndex;
    const bi = c.section?.beforeIndex;
    const aEl = ai !== undefined ? s.a?.els.get(ai) : undefined;
    const bEl = bi !== undefined ? s.b?.els.get(bi) : undefined;
    let ok = false;
    if (c.kind === 'added' && aEl) {
      wrapAll(aEl, 'ins');
      addClass(aEl, 'rl-added');
      ctx.used.add('ins');
      record(ctx, aEl, entry, c);
      ok = true;
    } else if (c.kind === 'changed' && aEl && bEl) {
      ok = markWords(aEl, textOf(bEl, SKIP));
      if (ok) { ctx.used.add('ins'); ctx.used.add('del'); record(ctx, aEl, entry, c); }
    } else if (c.kind === 'removed' && bEl && s.a && s.b) {
      ok = putBack(ctx, s.a, s.b, s.pairs, bi ?? 0, bEl, entry, c);
    } else if ((c.kind === 'moved' || c.kind === 'moved-changed') && aEl) {
      if (c.kind === 'moved-changed' && bEl) markWords(aEl, textOf(bEl, SKIP));
      addClass(aEl, 'rl-moved');
      prependNote(ctx, aEl, `Flyttat ${c.where ?? ''}`.trim());
      record(ctx, aEl, entry, c, 'rl-bar-moved');
      ctx.used.add('moved');
      if (bEl && s.b && s.a) putBackMoved(ctx, s.a, s.b, s.pairs, bi ?? 0, entry);
      ok = true;
    }
    if (!ok) missed.push(c);
  }
  return missed;
}

/** The after element of the nearest earlier before block that both sides have. */
function anchorFor(a: SectionSide, b: SectionSide, pairs: Map<number, number>, bi: number): N | undefined {
  for (let j = bi - 1; j >= 0; j -= 1) {
    const ai = pairs.get(j);
    const el = ai !== undefined ? a.els.get(ai) : undefined;
    if (el && b.els.has(j)) return el;
  }
  return undefined;
}

function putBack(ctx: MarkContext, a: SectionSide, b: SectionSide, pairs: Map<number, number>, bi: number, bEl: N, entry: Change, c: Change): boolean {
  const copy = clone(bEl);
  for (const e of [copy, ...elements(copy)]) e.attrs = (e.attrs ?? []).filter((x) => x.name !== 'id');
  wrapAll(copy, 'del');
  addClass(copy, 'rl-removed');
  insertAt(copy, 0, fragment('<span class="rl-note">Utgår</span> '));
  const ref = anchorFor(a, b, pairs, bi);
  if (ref && (ref.tagName === copy.tagName || (copy.tagName !== 'li' && copy.tagName !== 'tr'))) insertAfter(ref, [copy]);
  else {
    const heading = (a.el.childNodes ?? []).find((x) => /^h\d$/.test(x.tagName ?? ''));
    const host = copy.tagName === 'li' ? fragment('<ul class="rl-list"></ul>')[0] as N : copy.tagName === 'tr' ? undefined : copy;
    if (!host) return false;
    if (host !== copy) insertAt(host, 0, [copy]);
    if (heading) insertAfter(heading, [host]); else insertAt(a.el, 0, [host]);
  }
  record(ctx, copy, entry, c);
  ctx.used.add('removed');
  ctx.used.add('note');
  return true;
}

function putBackMoved(ctx: MarkContext, a: SectionSide, b: SectionSide, pairs: Map<number, number>, bi: number, entry: Change): void {
  const bEl = b.els.get(bi);
  if (!bEl) return;
  const ref = anchorFor(a, b, pairs, bi);
  if (!ref) { putBackMovedFrom(ctx, bEl, entry); return; }
  const tag = ref.tagName === 'li' ? 'li' : 'p';
  const first = textOf(bEl, SKIP).replace(/\s+/g, ' ').trim().split(' ').slice(0, 6).join(' ');
  insertAfter(ref, fragment(`<${tag} class="rl-moved-away rl-bar-moved"><span class="rl-note">Flyttat härifrån</span> ”${first.replace(/[<&]/g, '')}…” står nu på sida <span class="toc-page rl-page" data-target="chg-${entry.id ?? ''}"></span>.</${tag}>`));
}
