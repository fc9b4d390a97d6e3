/** Matching two ordered lists by a stable key: what was added, removed, kept, and what moved. */

/** One item of a matched list; `moved` is true when a kept item changed its place relative to the others. */
export interface Matched<T> {
  key: string;
  before?: T;
  after?: T;
  beforeIndex?: number;
  afterIndex?: number;
  moved: boolean;
}

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i += 1) {
    const v = seq[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) keep.add(i);
  return keep;
}

/**
 * Matches two lists by key, in the after order with removed items where they stood. Items kept
 * but out of the longest common order are marked moved. Duplicate keys are matched in order.
 */
export function matchList<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): Matched<T>[] {
  const beforeKeys = before.map(key);
  const afterKeys = after.map(key);
  const pool = new Map<string, number[]>();
  beforeKeys.forEach((k, i) => pool.set(k, [...(pool.get(k) ?? []), i]));
  const partner = afterKeys.map((k) => pool.get(k)?.shift());
  const usedBefore = new Set(partner.filter((p): p is number => p !== undefined));
  const keptAfter = partner.map((p, i) => (p === undefined ? -1 : i)).filter((i) => i >= 0);
  const inOrder = longestIncreasing(keptAfter.map((i) => partner[i] as number));
  const stays = new Set(keptAfter.filter((_, n) => inOrder.has(n)));

  const out: Matched<T>[] = [];
  let nextBefore = 0;
  const flushRemoved = (upTo: number): void => {
    for (; nextBefore < upTo; nextBefore += 1) {
      if (!usedBefore.has(nextBefore)) out.push({ key: beforeKeys[nextBefore] as string, before: before[nextBefore] as T, beforeIndex: nextBefore, moved: false });
    }
  };
  after.forEach((item, i) => {
    const p = partner[i];
    if (p !== undefined && stays.has(i)) flushRemoved(p + 1);
    out.push({
      key: afterKeys[i] as string,
      after: item,
      afterIndex: i,
      ...(p !== undefined ? { before: before[p] as T, beforeIndex: p } : {}),
      moved: p !== undefined && !stays.has(i),
    });
  });
  flushRemoved(before.length);
  return out;
}
