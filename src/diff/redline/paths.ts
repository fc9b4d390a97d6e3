/**
 * Model paths of the change set against the element paths of the rendered document. Most items are
 * named by id in both; lists matched by their text (other partners, table rows, process steps) are
 * named by position in the HTML ("otherPartners/#2") and by text in the change set.
 */
import type { Side } from '../changeset.ts';
import { canonicalText } from '../values.ts';

const cellText = (c: unknown): string => (Array.isArray(c) ? c.map((x) => canonicalText(String(x))).join(', ') : canonicalText(String(c ?? '')));

interface Keyed { prefix: RegExp; keys: (side: Side, m: RegExpExecArray) => string[] }

/** The lists keyed by text, with the keys of their items on one side in document order. */
const KEYED: Keyed[] = [
  { prefix: /^(otherPartners)\//, keys: (s) => (s.agreement.agreement.otherPartners ?? []).map(canonicalText) },
  { prefix: /^(tables\/[^/]+\/rows)\//, keys: (s, m) => (s.agreement.organisation?.tables?.find((t) => `tables/${t.id}/rows` === m[1])?.rows ?? []).map((r) => cellText(cellText(r[0]))) },
  { prefix: /^(processes\/[^/]+\/steps)\//, keys: (s, m) => (s.agreement.organisation?.processes?.find((p) => `processes/${p.id}/steps` === m[1])?.steps ?? []).map((x) => canonicalText(x.title)) },
];

/** The element path of a change path on one side: "otherPartners/<text>" → "otherPartners/#2". */
export function toElementPath(path: string, side: Side): string {
  for (const k of KEYED) {
    const m = k.prefix.exec(path);
    if (!m) continue;
    const rest = path.slice(m[0].length);
    const keys = k.keys(side, m);
    let i = keys.indexOf(rest);
    let tail = '';
    if (i < 0) {
      const cut = rest.lastIndexOf('/');
      if (cut > 0) { i = keys.indexOf(rest.slice(0, cut)); tail = rest.slice(cut); }
    }
    return i < 0 ? path : `${m[1]}/#${i}${tail}`;
  }
  return path;
}

/** The change path of an element path on one side: "otherPartners/#2" → "otherPartners/<text>". */
export function fromElementPath(path: string, side: Side): string {
  for (const k of KEYED) {
    const m = k.prefix.exec(path);
    if (!m) continue;
    const idx = /^#(\d+)(.*)$/.exec(path.slice(m[0].length));
    const key = idx ? k.keys(side, m)[Number(idx[1])] : undefined;
    return key === undefined || !idx ? path : `${m[1]}/${key}${idx[2] ?? ''}`;
  }
  return path;
}

/** The longest prefix of `path` (by segments) that `has` knows, or undefined. */
export function longestPrefix(path: string, has: (p: string) => boolean): string | undefined {
  const segs = path.split('/');
  for (let i = segs.length; i > 0; i -= 1) {
    const p = segs.slice(0, i).join('/');
    if (has(p)) return p;
  }
  return undefined;
}
