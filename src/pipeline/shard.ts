/**
 * Splitting a build across machines (`overens build --shard i/n`): which agreements a share builds,
 * and the identity every share records so that `overens merge-manifests` can check that the shares
 * belong to one build.
 *
 * Assignment is rendezvous hashing with bounded loads: every agreement ranks the shares by
 * sha256(share number, id) and, in sorted id order, takes the best-ranked share that still has room.
 * Room is ⌊N/n⌋ agreements per share, and ⌈N/n⌉ for the first N mod n shares to fill up, so shares
 * differ by at most one agreement; and since the ranking depends only on the id, adding or removing
 * one agreement moves very few others (about one or two of 300 in a simulation, against about half of
 * them for "sorted index modulo n"). The assignment depends on nothing but the ids and n.
 */
import { sha256 } from './hash.ts';

/** Share `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** What a shard's manifest.json records besides its agreements (the key `shard`). */
export interface ShardInfo extends Shard {
  /** sha256 of every agreement's id and cache key (sources, register and tool): equal for shares of one build. */
  build: string;
  /** The tool's version hash (src/pipeline/hash.ts toolVersionHash); the merge must run the same tool. */
  tool: string;
  /** Every agreement of the project, sorted, so that the merge can see that nothing is missing. */
  agreements: string[];
}

/** The most shares a build can be split into. */
export const MAX_SHARDS = 256;

/** Reads "i/n" (whole numbers, 1 ≤ i ≤ n ≤ MAX_SHARDS), or says in Swedish why it cannot be used. */
export function parseShard(text: string): { shard: Shard } | { why: string } {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  if (!m) return { why: 'skriv delens nummer och antalet delar som i/n' };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return { why: 'antalet delar ska vara minst 1' };
  if (count > MAX_SHARDS) return { why: `högst ${MAX_SHARDS} delar` };
  if (index < 1) return { why: 'delarna numreras från 1' };
  if (index > count) return { why: `del ${index} finns inte när bygget delas i ${count}` };
  return { shard: { index, count } };
}

/** The share (1-based) of every agreement id when the build is split into `count` shares. */
export function assignShards(ids: readonly string[], count: number): Map<string, number> {
  const sorted = [...new Set(ids)].sort();
  const floor = Math.floor(sorted.length / count);
  const extra = sorted.length % count;
  const load = new Array<number>(count).fill(0);
  let atCeiling = 0;
  const out = new Map<string, number>();
  for (const id of sorted) {
    const ranked = Array.from({ length: count }, (_, s) => ({ s, rank: sha256(`${s + 1}\0${id}`) }))
      .sort((a, b) => (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : a.s - b.s));
    const hasRoom = (s: number): boolean => (load[s] ?? 0) < floor || ((load[s] ?? 0) === floor && atCeiling < extra);
    const chosen = ranked.find((r) => hasRoom(r.s));
    if (!chosen) throw new Error('Internt fel: ingen del har plats kvar.');
    load[chosen.s] = (load[chosen.s] ?? 0) + 1;
    if (load[chosen.s] === floor + 1) atCeiling++;
    out.set(id, chosen.s + 1);
  }
  return out;
}

/** The ids (in the given order) that share `shard` builds. */
export function shardMembers(ids: readonly string[], shard: Shard): string[] {
  const assigned = assignShards(ids, shard.count);
  return ids.filter((id) => assigned.get(id) === shard.index);
}

/** The build identity of a project: its agreements' ids and cache keys, sorted by id. */
export function buildIdentity(entries: readonly { id: string; cacheKey: string }[]): string {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256(sorted.map((e) => `${e.id}\0${e.cacheKey}\n`).join(''));
}

/** "2/3". */
export const shardLabel = (s: Shard): string => `${s.index}/${s.count}`;
