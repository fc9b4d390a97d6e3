/**
 * Block-level prose diff with move detection and merged word-level changes.
 *
 * Blocks are aligned by exact canonical text (jsdiff `diffArrays`), then the
 * remaining deletions and insertions are paired by token-set similarity. A pair
 * that keeps its place relative to the aligned blocks is 'changed'; a pair that
 * crosses aligned blocks (or another pair) is 'moved' / 'moved-changed'.
 */
import { diffArrays } from 'diff';
import { markdownToBlocks, type ProseBlock } from './blocks.ts';
import { isMarkupText, isNumberText, isWhitespaceToken, isWordToken, tokenize } from './tokenize.ts';

/** One piece of a word-level diff. */
export interface WordPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * One entry of a block diff, in `after` document order with deletions where they stood;
 * `fromIndex`/`toIndex` are indices into the `before`/`after` block arrays.
 */
export type BlockChange =
  | { type: 'equal'; before: ProseBlock; after: ProseBlock }
  | { type: 'inserted'; after: ProseBlock }
  | { type: 'deleted'; before: ProseBlock }
  | { type: 'changed'; before: ProseBlock; after: ProseBlock; words: WordPart[] }
  | { type: 'moved'; before: ProseBlock; after: ProseBlock; fromIndex: number; toIndex: number }
  | { type: 'moved-changed'; before: ProseBlock; after: ProseBlock; words: WordPart[]; fromIndex: number; toIndex: number };

/** Tuning knobs for `diffBlocks` and `diffWords`. */
export interface DiffOptions {
  /** Minimum token-set Jaccard similarity for pairing a deletion with an insertion (default 0.5). */
  similarityThreshold?: number;
  /** Lower similarity threshold for a deletion and insertion at the same place in the alignment (default 0.3). */
  inPlaceThreshold?: number;
  /** Equal runs of at most this many words between two changes are folded into them (default 1). */
  mergeEqualWords?: number;
}

type Entry = { op: 'equal'; b: number; a: number } | { op: 'del'; b: number; hunk: number } | { op: 'ins'; a: number; hunk: number };

/** At most this many deletions are scored as partners for one insertion (bounds the cost on rewritten documents). */
const MAX_CANDIDATES = 64;

/** Appends a value to the list stored under a key. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const blockKey = (block: ProseBlock): string => `${block.kind}\u0000${block.text}`;

/** Returns the set of lower-cased word tokens of a text, plus a digit-shape token for each number. */
function wordSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const token of tokenize(text.toLowerCase())) {
    if (!isWordToken(token)) continue;
    set.add(token);
    if (/^\d/.test(token)) set.add(`#${token.replace(/\d/g, '0')}`);
  }
  return set;
}

/** Jaccard similarity of the word-token sets of two texts (1 for identical texts). */
export function blockSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return jaccard(wordSet(a), wordSet(b));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Diffs two block lists, reporting equal, inserted, deleted, changed and moved blocks. */
export function diffBlocks(before: ProseBlock[], after: ProseBlock[], options: DiffOptions = {}): BlockChange[] {
  const threshold = options.similarityThreshold ?? 0.5;
  const inPlaceThreshold = Math.min(threshold, options.inPlaceThreshold ?? 0.3);
  const entries = align(before, after);
  const dels = entries.filter((e): e is Extract<Entry, { op: 'del' }> => e.op === 'del');
  const ins = entries.filter((e): e is Extract<Entry, { op: 'ins' }> => e.op === 'ins');
  const partnerOfIns = new Map<number, { b: number; hunk: number }>();
  const pairedDel = new Set<number>();
  const pair = (a: number, d: { b: number; hunk: number }): void => {
    partnerOfIns.set(a, { b: d.b, hunk: d.hunk });
    pairedDel.add(d.b);
  };

  // 1. Exact matches found out of order.
  const byKey = new Map<string, Extract<Entry, { op: 'del' }>[]>();
  for (const d of dels) {
    pushTo(byKey, blockKey(before[d.b] as ProseBlock), d);
  }
  for (const i of ins) {
    const d = byKey.get(blockKey(after[i.a] as ProseBlock))?.shift();
    if (d !== undefined) pair(i.a, d);
  }

  // 2. In each hunk, align the remaining blocks in order by similarity (jsdiff with a fuzzy comparator).
  const delSet = new Map(dels.map((d) => [d.b, wordSet((before[d.b] as ProseBlock).text)]));
  const insSet = new Map(ins.map((i) => [i.a, wordSet((after[i.a] as ProseBlock).text)]));
  const similar = (b: number, a: number): number => jaccard(delSet.get(b) ?? new Set(), insSet.get(a) ?? new Set());
  const hunkDels = new Map<number, number[]>();
  const hunkIns = new Map<number, number[]>();
  for (const d of dels) if (!pairedDel.has(d.b)) pushTo(hunkDels, d.hunk, d.b);
  for (const i of ins) if (!partnerOfIns.has(i.a)) pushTo(hunkIns, i.hunk, i.a);
  for (const [hunk, hDels] of hunkDels) {
    const hIns = hunkIns.get(hunk) ?? [];
    // maxEditLength bounds the cost on large rewritten stretches; they fall through to step 3.
    const parts = diffArrays<number>(hDels, hIns, { comparator: (b, a) => similar(b, a) >= threshold, maxEditLength: 200 });
    let [x, y] = [0, 0];
    for (const part of parts ?? []) {
      if (part.added) y += part.count;
      else if (part.removed) x += part.count;
      else for (let k = 0; k < part.count; k += 1) pair(hIns[y++] as number, { b: hDels[x++] as number, hunk });
    }
  }

  // 3. Pair the rest greedily by similarity (moves across the document, low-similarity in-place edits).
  const openDels = dels.filter((d) => !pairedDel.has(d.b));
  const index = new Map<string, number[]>();
  for (const d of openDels) for (const token of delSet.get(d.b) ?? []) pushTo(index, token, d.b);
  const delHunk = new Map(openDels.map((d) => [d.b, d.hunk]));
  const candidates: { a: number; b: number; score: number }[] = [];
  for (const i of ins) {
    if (partnerOfIns.has(i.a)) continue;
    // Visit deletions sharing the rarest tokens first, and at most MAX_CANDIDATES of them.
    const postings = [...(insSet.get(i.a) ?? [])].map((t) => index.get(t) ?? []).sort((p, q) => p.length - q.length);
    const seen = new Set<number>();
    for (const posting of postings) {
      for (const b of posting) {
        if (seen.size >= MAX_CANDIDATES) break;
        if (seen.has(b)) continue;
        seen.add(b);
        const sameHunk = delHunk.get(b) === i.hunk;
        const similarity = similar(b, i.a);
        if (similarity >= (sameHunk ? inPlaceThreshold : threshold)) candidates.push({ a: i.a, b, score: similarity + (sameHunk ? 0.05 : 0) });
      }
    }
  }
  candidates.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  for (const c of candidates) {
    if (!partnerOfIns.has(c.a) && !pairedDel.has(c.b)) pair(c.a, { b: c.b, hunk: delHunk.get(c.b) ?? -1 });
  }

  // 3. Pairs inside one hunk that keep their relative order stay in place; the rest moved.
  const inPlace = inPlacePairs(ins, partnerOfIns);

  // 4. Emit in `after` order, deletions where they stood.
  const result: BlockChange[] = [];
  for (const e of entries) {
    if (e.op === 'equal') {
      result.push({ type: 'equal', before: before[e.b] as ProseBlock, after: after[e.a] as ProseBlock });
    } else if (e.op === 'del') {
      if (!pairedDel.has(e.b)) result.push({ type: 'deleted', before: before[e.b] as ProseBlock });
    } else {
      const blockAfter = after[e.a] as ProseBlock;
      const partner = partnerOfIns.get(e.a);
      if (partner === undefined) {
        result.push({ type: 'inserted', after: blockAfter });
        continue;
      }
      const blockBefore = before[partner.b] as ProseBlock;
      const same = blockKey(blockBefore) === blockKey(blockAfter);
      const moved = !inPlace.has(e.a);
      const where = { fromIndex: partner.b, toIndex: e.a };
      if (same && !moved) result.push({ type: 'equal', before: blockBefore, after: blockAfter });
      else if (same) result.push({ type: 'moved', before: blockBefore, after: blockAfter, ...where });
      else {
        const words = diffWords(blockBefore.text, blockAfter.text, options);
        if (moved) result.push({ type: 'moved-changed', before: blockBefore, after: blockAfter, words, ...where });
        else result.push({ type: 'changed', before: blockBefore, after: blockAfter, words });
      }
    }
  }
  return result;
}

/**
 * Aligns blocks by exact key and numbers the gaps between aligned blocks ("hunks"). Blocks whose key
 * does not occur in the other list are left out of the jsdiff run (they cannot align), which keeps
 * heavily edited documents fast; they are put back as deletions/insertions in the gaps.
 */
function align(before: ProseBlock[], after: ProseBlock[]): Entry[] {
  const beforeKeys = before.map(blockKey);
  const afterKeys = after.map(blockKey);
  const inBefore = new Set(beforeKeys);
  const inAfter = new Set(afterKeys);
  const b0 = beforeKeys.flatMap((key, k) => (inAfter.has(key) ? [k] : []));
  const a0 = afterKeys.flatMap((key, k) => (inBefore.has(key) ? [k] : []));
  const anchors: [number, number][] = [];
  let [x, y] = [0, 0];
  for (const part of diffArrays(b0.map((k) => beforeKeys[k]), a0.map((k) => afterKeys[k]))) {
    if (part.added) y += part.count;
    else if (part.removed) x += part.count;
    else for (let k = 0; k < part.count; k += 1) anchors.push([b0[x++] as number, a0[y++] as number]);
  }
  anchors.push([before.length, after.length]);
  const entries: Entry[] = [];
  let [b, a, hunk] = [0, 0, 0];
  for (const [eb, ea] of anchors) {
    while (b < eb) entries.push({ op: 'del', b: b++, hunk });
    while (a < ea) entries.push({ op: 'ins', a: a++, hunk });
    if (eb < before.length) {
      entries.push({ op: 'equal', b: b++, a: a++ });
      hunk += 1;
    }
  }
  return entries;
}

/** Returns the insertion indices of pairs that are in place: same hunk and on a longest non-crossing chain (jsdiff LCS). */
function inPlacePairs(ins: Extract<Entry, { op: 'ins' }>[], partners: Map<number, { b: number; hunk: number }>): Set<number> {
  const byHunk = new Map<number, { a: number; b: number }[]>();
  for (const i of ins) {
    const partner = partners.get(i.a);
    if (partner === undefined || partner.hunk !== i.hunk) continue;
    pushTo(byHunk, i.hunk, { a: i.a, b: partner.b });
  }
  const result = new Set<number>();
  for (const pairs of byHunk.values()) {
    const inAfterOrder = pairs.map((p) => p.a);
    const inBeforeOrder = [...pairs].sort((p, q) => p.b - q.b).map((p) => p.a);
    for (const part of diffArrays(inBeforeOrder, inAfterOrder)) {
      if (!part.added && !part.removed) for (const a of part.value) result.add(a);
    }
  }
  return result;
}

/** Word-level diff of two canonical texts, with small equal runs between changes folded into them. */
export function diffWords(before: string, after: string, options: DiffOptions = {}): WordPart[] {
  const maxEqual = options.mergeEqualWords ?? 1;
  type Group = { op: 'equal'; text: string; words: number } | { op: 'change'; del: string; ins: string; words: number };
  const groups: Group[] = [];
  for (const part of diffArrays(tokenize(before), tokenize(after))) {
    const text = part.value.join('');
    const words = part.value.filter((t) => !isWhitespaceToken(t)).length;
    const last = groups[groups.length - 1];
    if (!part.added && !part.removed) groups.push({ op: 'equal', text, words });
    else if (last?.op === 'change') {
      last[part.added ? 'ins' : 'del'] += text;
      last.words = Math.max(last.words, words);
    } else groups.push({ op: 'change', del: part.removed ? text : '', ins: part.added ? text : '', words });
  }
  // Fold short equal runs that sit between two changes into one change.
  for (let k = 1; k + 1 < groups.length; k += 1) {
    const left = groups[k - 1];
    const middle = groups[k];
    const right = groups[k + 1];
    if (left?.op !== 'change' || middle?.op !== 'equal' || right?.op !== 'change') continue;
    const limit = Math.max(maxEqual, Math.floor(Math.min(left.words, right.words) / 2));
    const keepApart = isNumberChange(left) || isNumberChange(right) || /\d/.test(middle.text);
    const markupAround = isMarkupText(left.del + left.ins) && isMarkupText(right.del + right.ins) && middle.words <= 20;
    if (middle.words > 0 && !markupAround && (middle.words > limit || keepApart)) continue;
    left.del += middle.text + right.del;
    left.ins += middle.text + right.ins;
    left.words += middle.words + right.words;
    groups.splice(k, 2);
    k -= 1;
  }
  const parts: WordPart[] = [];
  for (const g of groups) {
    if (g.op === 'equal') parts.push({ op: 'equal', text: g.text });
    else {
      if (g.del !== '') parts.push({ op: 'delete', text: g.del });
      if (g.ins !== '') parts.push({ op: 'insert', text: g.ins });
    }
  }
  return parts;
}

/** A change replacing one number by another is kept apart from its neighbours so amounts read crisply. */
const isNumberChange = (g: { del: string; ins: string }): boolean => (g.del === '' || isNumberText(g.del)) && (g.ins === '' || isNumberText(g.ins));

/** Describes the changes of a word diff as short "«gammal» → «ny»" phrases joined by "; ". */
export function summarizeWords(words: WordPart[], maxLength = 60): string {
  const quote = (text: string): string => {
    const clean = text.replace(/\s+/g, ' ').trim();
    return `«${clean.length > maxLength ? `${clean.slice(0, maxLength - 1).trimEnd()}…` : clean}»`;
  };
  const phrases: string[] = [];
  let k = 0;
  while (k < words.length) {
    if (words[k]?.op === 'equal') {
      k += 1;
      continue;
    }
    const prev = words[k - 1];
    let del = '';
    let ins = '';
    for (; k < words.length && words[k]?.op !== 'equal'; k += 1) {
      const part = words[k];
      if (part?.op === 'delete') del += part.text;
      else if (part?.op === 'insert') ins += part.text;
    }
    const next = words[k];
    let left = '';
    let right = '';
    if (del.trim() === '' || ins.trim() === '') {
      // Pure insertion or deletion: show one neighbouring word as context.
      if (prev?.op === 'equal') left = /\S+\s*$/.exec(prev.text)?.[0] ?? '';
      if (left === '' && next?.op === 'equal') right = /^\s*\S+/.exec(next.text)?.[0] ?? '';
    }
    phrases.push(`${quote(left + del + right)} → ${quote(left + ins + right)}`);
  }
  return phrases.join('; ');
}

/** Returns true when two Markdown texts render to identical canonical blocks (formatting-only difference). */
export function isFormattingOnly(a: string, b: string): boolean {
  const left = markdownToBlocks(a);
  const right = markdownToBlocks(b);
  return left.length === right.length && left.every((block, k) => right[k] !== undefined && blockKey(block) === blockKey(right[k]));
}
