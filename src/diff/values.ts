/** Swedish display of values (numbers, amounts, dates, targets) and the deltas between them. */
import { markdownToBlocks } from './blocks.ts';
import type { TargetData } from '../model/schema.ts';

const MINUS = '−';

/** Formats a number the Swedish way: "1 200 000", "12,5". */
export function formatNumber(n: number, maxDecimals = 2): string {
  const sign = n < 0 ? MINUS : '';
  const [int = '0', dec] = Math.abs(n).toFixed(maxDecimals).replace(/\.?0+$/, '').split('.');
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + (dec ? `,${dec}` : '');
}

/** A signed number: "+5", "−150 000". */
export function signed(n: number, maxDecimals = 2): string {
  return n > 0 ? `+${formatNumber(n, maxDecimals)}` : formatNumber(n, maxDecimals);
}

/** An amount in kronor: "1 200 000 kr". */
export const formatAmount = (n: number): string => `${formatNumber(n)} kr`;

/** The delta between two amounts: "+150 000 kr, +12,5 %". */
export function amountDelta(before: number, after: number): string {
  const diff = after - before;
  const pct = before !== 0 ? `, ${signed((diff / Math.abs(before)) * 100, 1)} %` : '';
  return `${signed(diff)} kr${pct}`;
}

/** The delta between two plain numbers, with an optional unit: "+2", "+2 jobbspår". */
export function numberDelta(before: number, after: number, unit?: string): string {
  return `${signed(after - before)}${unit ? ` ${unit}` : ''}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The delta between two ISO dates: "+1 år", "+3 månader" or "+366 dagar"; undefined if either is not a date. */
export function dateDelta(before: unknown, after: unknown): string | undefined {
  const b = typeof before === 'string' ? ISO.exec(before) : null;
  const a = typeof after === 'string' ? ISO.exec(after) : null;
  if (!b || !a) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ay, am, ad] = [Number(a[1]), Number(a[2]), Number(a[3])];
  if (bm === am && bd === ad) return `${signed(ay - by)} år`;
  if (bd === ad) {
    const months = (ay - by) * 12 + (am - bm);
    return `${signed(months)} ${Math.abs(months) === 1 ? 'månad' : 'månader'}`;
  }
  const days = Math.round((Date.UTC(ay, am - 1, ad) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  return `${signed(days)} ${Math.abs(days) === 1 ? 'dag' : 'dagar'}`;
}

/** A target in words: "minst 60 %", "minst 12 jobbspår", "minska jämfört med föregående år". */
export function formatTarget(t: TargetData | undefined): string {
  if (!t) return 'inget målvärde';
  if (t.type === 'comparison') return `${t.direction}${t.baseline ? ` jämfört med ${t.baseline}` : ''}`;
  const op = t.operator ? `${t.operator} ` : '';
  return t.type === 'percent' ? `${op}${formatNumber(t.value)} %` : `${op}${formatNumber(t.value)}${t.unit ? ` ${t.unit}` : ''}`;
}

/** The delta between two targets of the same kind: "+5 procentenheter", "+2 jobbspår". */
export function targetDelta(b: TargetData | undefined, a: TargetData | undefined): string | undefined {
  if (!b || !a || b.type !== a.type || b.type === 'comparison' || a.type === 'comparison') return undefined;
  if (b.value === a.value) return undefined;
  if (b.type === 'percent') {
    const d = a.value - b.value;
    return `${signed(d)} ${Math.abs(d) === 1 ? 'procentenhet' : 'procentenheter'}`;
  }
  const unit = a.type === 'number' ? a.unit : undefined;
  return numberDelta(b.value, a.value, unit);
}

const canonCache = new Map<string, string>();

/** Canonical text of inline Markdown: formatting-only differences (wrapping, `_x_` vs `*x*`, spaces) vanish. */
export function canonicalText(text: string): string {
  const hit = canonCache.get(text);
  if (hit !== undefined) return hit;
  const canon = /[*_\[`<~\n\\]|^\s|\s$|\s\s/.test(text) ? markdownToBlocks(text).map((b) => b.text).join('\n') : text.normalize('NFC');
  if (canonCache.size > 50_000) canonCache.clear();
  canonCache.set(text, canon);
  return canon;
}

/** Plain reading text of canonical Markdown: emphasis marks, footnote references and link targets removed. */
export function plainText(canon: string): string {
  return canon
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(\*\*|\*|~~|`)/g, '')
    .replace(/^#+ /, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens a text to at most `max` characters at a word boundary, with "…". */
export function shorten(text: string, max = 70): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** Swedish typographic quotes: ”text”. */
export const quote = (text: string): string => `”${text}”`;
