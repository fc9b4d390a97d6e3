/**
 * Seeded generator of before/after Markdown pairs with known prose edits, and a
 * scorer that compares `diffBlocks` output to the known truth (for benchmarks).
 */
import { markdownToBlocks } from './blocks.ts';
import type { BlockChange } from './prose.ts';
import { tokenize } from './tokenize.ts';

/** Kind of a known edit applied by the generator. */
export type KnownChangeKind = 'insert' | 'delete' | 'change-word' | 'change-number' | 'move' | 'move-edit' | 'rewrap';

/** A known edit in canonical block text (`before` and/or `after` depending on kind). */
export interface KnownChange {
  kind: KnownChangeKind;
  before?: string;
  after?: string;
}

/** Options for `generateProsePair`. */
export interface GenerateOptions {
  /** Source paragraphs; they are split into sentences and recombined into unique paragraphs. */
  paragraphs: readonly string[];
  /** Number of paragraphs in the before document (default 40). */
  blocks?: number;
  /** Number of edits to apply (default 5). */
  edits?: number;
  /** Edit kinds to draw from (default: all kinds). */
  kinds?: readonly KnownChangeKind[];
  /** Minimum distance between edited positions in the before document (default 3). */
  minGap?: number;
}

/** A generated pair of Markdown documents and the edits that turn one into the other. */
export interface ProsePair {
  before: string;
  after: string;
  truth: KnownChange[];
}

/** Precision/recall of a diff against known edits. */
export interface DiffScore {
  expected: number;
  reported: number;
  truePositives: number;
  precision: number;
  recall: number;
  movesTotal: number;
  movesFoundAsMoves: number;
  /** Reported changes that touch no edited block at all (e.g. a re-wrapped paragraph). */
  falseChanges: number;
}

/** Real-world style Swedish agreement paragraphs usable as generator input. */
export const SWEDISH_SAMPLE_PARAGRAPHS: readonly string[] = [
  'Överenskommelsen/handlingsplanen gäller från och med 2023-01-01 till 2023-12-31. Beslut om uppdatering inför 2024 tas senast den 30 november 2023.',
  'Minst 60 % av de som avslutats har gått vidare till arbete eller i vissa fall studier. Målgruppen är unga i åldern 16–24 år som varken arbetar eller studerar.',
  'Kommunen och Arbetsförmedlingen finansierar samverkan med sammanlagt 1 200 000 kr per år. Medlen fördelas enligt bilaga 2 och följs upp varje kvartal.',
  'Parterna ska gemensamt verka för att deltagarna får en sammanhållen och individanpassad insats. Delegationen för unga och nyanlända till arbete (DUA:s) riktlinjer ska vara vägledande.',
  'Styrelsen ansvarar för att överenskommelsen följs upp och revideras årligen. Uppföljningen redovisas för kommunstyrelsen senast den 31 mars varje år.',
  'Samverkansgruppen består av representanter från arbetsmarknads- och socialförvaltningen samt Arbetsförmedlingen. Gruppen sammanträder minst fyra gånger per år.',
  'Insatserna omfattar 2- och 3-partssamverkan enligt avsnitt 1.1.3. Arbetsförmedlingen, organisationsnummer 202100-2114, är huvudman för de arbetsmarknadspolitiska insatserna.',
  'Kommunen bidrar med 350 000 kr i personalresurser och lokaler under perioden 2023–2025. Andelen deltagare som fullföljer insatsen ska uppgå till minst 75 %.',
  'Eventuella tvister om tolkningen av överenskommelsen ska i första hand lösas genom samråd mellan parterna. Om parterna inte kan enas hänskjuts frågan till styrgruppen.',
  'Personuppgifter behandlas i enlighet med dataskyddsförordningen. Varje part ansvarar för sin egen behandling och för att deltagarna informeras om hur uppgifterna används.',
  'Överenskommelsen kan sägas upp av vardera parten med sex månaders uppsägningstid. Uppsägningen ska vara skriftlig och ställas till samtliga parter.',
  'Vid förändrade förutsättningar, till exempel ändrade anslag eller nya uppdrag från regeringen, ska parterna omgående ta upp överläggningar. Ändringar ska godkännas av styrgruppen.',
];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_KINDS: readonly KnownChangeKind[] = ['insert', 'delete', 'change-word', 'change-number', 'move', 'move-edit', 'rewrap'];

interface Item {
  text: string;
  width: number;
}

/** Generates a before/after Markdown pair with `edits` known random edits, deterministic for a seed. */
export function generateProsePair(seed: number, opts: GenerateOptions): ProsePair {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentences = opts.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+(?=\p{Lu})/u));
  const vocabulary = [...new Set(sentences.flatMap((s) => tokenize(s).filter((t) => /^\p{L}{4,}$/u.test(t))))];
  const used = new Set<string>();
  const freshParagraph = (): string => {
    for (let attempt = 0; ; attempt += 1) {
      const count = 2 + Math.floor(random() * 3);
      const text = Array.from({ length: count }, () => tokenize(pick(sentences)).map((t) => randomizeNumber(t, random, 0.5)).join('')).join(' ');
      if (!used.has(text) || attempt > 50) {
        used.add(text);
        return text;
      }
    }
  };
  const n = opts.blocks ?? 40;
  const items: Item[] = Array.from({ length: n }, () => ({ text: freshParagraph(), width: 60 + Math.floor(random() * 20) }));

  // Choose anchor positions at least `minGap` apart.
  const gap = opts.minGap ?? 3;
  const free = Array.from({ length: n }, (_, k) => k);
  const takeAnchor = (): number | undefined => {
    if (free.length === 0) return undefined;
    const k = pick(free);
    for (let d = -gap + 1; d < gap; d += 1) {
      const at = free.indexOf(k + d);
      if (at >= 0) free.splice(at, 1);
    }
    return k;
  };

  const truth: KnownChange[] = [];
  const replaced = new Map<number, Item>();
  const removed = new Set<number>();
  const appended = new Map<number, Item[]>();
  const append = (k: number, item: Item): void => {
    appended.set(k, [...(appended.get(k) ?? []), item]);
  };
  const canonical = (text: string): string => markdownToBlocks(text)[0]?.text ?? text;
  const kinds = opts.kinds ?? ALL_KINDS;
  for (let e = 0; e < (opts.edits ?? 5); e += 1) {
    const kind = pick(kinds);
    const p = takeAnchor();
    if (p === undefined) break;
    const item = items[p] as Item;
    const before = canonical(item.text);
    if (kind === 'insert') {
      const text = freshParagraph();
      append(p, { text, width: item.width });
      truth.push({ kind, after: canonical(text) });
    } else if (kind === 'delete') {
      removed.add(p);
      truth.push({ kind, before });
    } else if (kind === 'change-word' || kind === 'change-number') {
      const numberText = kind === 'change-number' ? changeNumber(item.text, random) : undefined;
      const text = numberText ?? changeWord(item.text, vocabulary, random);
      replaced.set(p, { text, width: item.width });
      truth.push({ kind: numberText === undefined ? 'change-word' : 'change-number', before, after: canonical(text) });
    } else if (kind === 'rewrap') {
      replaced.set(p, { text: item.text, width: 25 + Math.floor(random() * 30) });
      truth.push({ kind, before, after: before });
    } else {
      const q = takeAnchor();
      if (q === undefined) break;
      const text = kind === 'move-edit' ? changeWord(item.text, vocabulary, random) : item.text;
      removed.add(p);
      append(q, { text, width: item.width });
      truth.push({ kind, before, after: canonical(text) });
    }
  }

  const afterItems: Item[] = [];
  items.forEach((item, k) => {
    if (!removed.has(k)) afterItems.push(replaced.get(k) ?? item);
    afterItems.push(...(appended.get(k) ?? []));
  });
  const render = (list: Item[]): string => `${list.map((item) => wrap(item.text, item.width)).join('\n\n')}\n`;
  return { before: render(items), after: render(afterItems), truth };
}

/** Replaces a digit-bearing token by a same-shaped random number with probability `p`. */
function randomizeNumber(token: string, random: () => number, p: number): string {
  if (!/\d/.test(token) || random() >= p) return token;
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) {
    const two = (v: number): string => String(v).padStart(2, '0');
    return `${2020 + Math.floor(random() * 8)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
  }
  let first = true;
  return token.replace(/\d/g, () => {
    const digit = first ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10);
    first = false;
    return String(digit);
  });
}

function changeNumber(text: string, random: () => number): string | undefined {
  const tokens = tokenize(text);
  const numeric = tokens.map((t, k) => (/^\d/.test(t) ? k : -1)).filter((k) => k >= 0);
  if (numeric.length === 0) return undefined;
  const k = numeric[Math.floor(random() * numeric.length)] as number;
  const old = tokens[k] as string;
  let next = old;
  for (let attempt = 0; next === old && attempt < 20; attempt += 1) next = randomizeNumber(old, random, 1);
  if (next === old) return undefined;
  tokens[k] = next;
  return tokens.join('');
}

function changeWord(text: string, vocabulary: readonly string[], random: () => number): string {
  const tokens = tokenize(text);
  const words = tokens.map((t, k) => (/^\p{L}{4,}$/u.test(t) ? k : -1)).filter((k) => k >= 0);
  const k = words[Math.floor(random() * words.length)] ?? 0;
  const old = tokens[k] ?? '';
  let next = old;
  for (let attempt = 0; next.toLowerCase() === old.toLowerCase() && attempt < 20; attempt += 1) {
    next = vocabulary[Math.floor(random() * vocabulary.length)] ?? 'ändrad';
  }
  if (next.toLowerCase() === old.toLowerCase()) next = `${old}x`;
  tokens[k] = /^\p{Lu}/u.test(old) ? next[0]?.toUpperCase() + next.slice(1) : next.toLowerCase();
  return tokens.join('');
}

/** Wraps plain text at `width` columns on regular spaces, never starting a line with a block marker. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const unsafe = /^(?:[-+*#>=]|\d+[.)])/.test(word);
    if (line !== '' && line.length + 1 + word.length > width && !unsafe) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Scores reported block changes against the known edits: precision, recall, moves found as moves, false changes. */
export function scoreDiff(truth: readonly KnownChange[], changes: readonly BlockChange[]): DiffScore {
  const expectedType: Record<KnownChangeKind, string> = {
    insert: 'inserted',
    delete: 'deleted',
    'change-word': 'changed',
    'change-number': 'changed',
    move: 'moved',
    'move-edit': 'moved-changed',
    rewrap: '',
  };
  const key = (type: string, before?: string, after?: string): string => `${type}\u0000${before ?? ''}\u0000${after ?? ''}`;
  const expected = new Map<string, number>();
  const touched = new Set<string>();
  for (const t of truth) {
    if (t.kind === 'rewrap') continue;
    const k = key(expectedType[t.kind], t.before, t.after);
    expected.set(k, (expected.get(k) ?? 0) + 1);
    if (t.before !== undefined) touched.add(t.before);
    if (t.after !== undefined) touched.add(t.after);
  }
  const expectedCount = [...expected.values()].reduce((a, b) => a + b, 0);
  const reported = changes.filter((c) => c.type !== 'equal');
  let truePositives = 0;
  let falseChanges = 0;
  let movesFoundAsMoves = 0;
  for (const c of reported) {
    const before = 'before' in c ? c.before.text : undefined;
    const after = 'after' in c ? c.after.text : undefined;
    const k = key(c.type, before, after);
    const left = expected.get(k) ?? 0;
    if (left > 0) {
      truePositives += 1;
      expected.set(k, left - 1);
    }
    if (!(before !== undefined && touched.has(before)) && !(after !== undefined && touched.has(after))) falseChanges += 1;
  }
  for (const t of truth) {
    if (t.kind !== 'move' && t.kind !== 'move-edit') continue;
    if (reported.some((c) => (c.type === 'moved' || c.type === 'moved-changed') && c.before.text === t.before)) movesFoundAsMoves += 1;
  }
  return {
    expected: expectedCount,
    reported: reported.length,
    truePositives,
    precision: reported.length === 0 ? 1 : truePositives / reported.length,
    recall: expectedCount === 0 ? 1 : truePositives / expectedCount,
    movesTotal: truth.filter((t) => t.kind === 'move' || t.kind === 'move-edit').length,
    movesFoundAsMoves,
    falseChanges,
  };
}
