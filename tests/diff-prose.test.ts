import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToBlocks, type ProseBlock } from '../src/diff/blocks.ts';
import { generateProsePair, scoreDiff, SWEDISH_SAMPLE_PARAGRAPHS } from '../src/diff/generate-pairs.ts';
import { diffBlocks, diffWords, isFormattingOnly, summarizeWords, type BlockChange, type WordPart } from '../src/diff/prose.ts';
import { tokenize } from '../src/diff/tokenize.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'diff-prose');
const UPDATE = process.env['UPDATE'] === '1';

/** Renders a word diff in wdiff notation: [-deleted-]{+inserted+}. */
function wdiff(words: WordPart[]): string {
  return words.map((w) => (w.op === 'equal' ? w.text : w.op === 'delete' ? `[-${w.text}-]` : `{+${w.text}+}`)).join('');
}

/** The reviewable form of a change list stored in expected.json. */
function simplify(changes: BlockChange[]): unknown[] {
  return changes
    .filter((c) => c.type !== 'equal')
    .map((c) => {
      switch (c.type) {
        case 'inserted':
          return { type: c.type, kind: c.after.kind, line: c.after.line, text: c.after.text };
        case 'deleted':
          return { type: c.type, kind: c.before.kind, line: c.before.line, text: c.before.text };
        case 'changed':
          return { type: c.type, kind: c.after.kind, lines: `${c.before.line} → ${c.after.line}`, summary: summarizeWords(c.words), diff: wdiff(c.words) };
        case 'moved':
          return { type: c.type, kind: c.after.kind, lines: `${c.before.line} → ${c.after.line}`, blocks: `${c.fromIndex} → ${c.toIndex}`, text: c.after.text };
        case 'moved-changed':
          return { type: c.type, kind: c.after.kind, lines: `${c.before.line} → ${c.after.line}`, blocks: `${c.fromIndex} → ${c.toIndex}`, summary: summarizeWords(c.words), diff: wdiff(c.words) };
        default:
          return c;
      }
    });
}

const read = (file: string): string => readFileSync(file, 'utf8');
const cases = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory()).sort();
const diffFiles = (dir: string): BlockChange[] => diffBlocks(markdownToBlocks(read(join(dir, 'before.md'))), markdownToBlocks(read(join(dir, 'after.md'))));

describe('fixture cases', () => {
  it.each(cases)('%s', (name) => {
    const dir = join(FIXTURES, name);
    const actual = simplify(diffFiles(dir));
    const expectedFile = join(dir, 'expected.json');
    if (UPDATE || !existsSync(expectedFile)) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(read(expectedFile)));
  });

  it.each(['rewrap-only', 'list-markers-and-emphasis-syntax', 'crlf-and-trailing-spaces'])('%s has no changes', (name) => {
    const dir = join(FIXTURES, name);
    expect(diffFiles(dir).every((c) => c.type === 'equal')).toBe(true);
    expect(isFormattingOnly(read(join(dir, 'before.md')), read(join(dir, 'after.md')))).toBe(true);
  });

  it('number-changed reports the whole number as one delete and one insert', () => {
    const changed = diffFiles(join(FIXTURES, 'number-changed')).filter((c) => c.type === 'changed');
    expect(changed).toHaveLength(1);
    const words = changed[0]?.type === 'changed' ? changed[0].words : [];
    expect(words.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'delete', text: '1 200 000' },
      { op: 'insert', text: '1 350 000' },
    ]);
  });

  it('moves are never reported as deleted + inserted', () => {
    for (const name of ['paragraph-moved', 'paragraph-moved-and-edited', 'list-item-reordered']) {
      const types = diffFiles(join(FIXTURES, name)).map((c) => c.type);
      expect(types).not.toContain('deleted');
      expect(types).not.toContain('inserted');
    }
  });
});

describe('tokenize', () => {
  it('keeps Swedish numbers, dates and words whole', () => {
    const words = (s: string): string[] => tokenize(s).filter((t) => t.trim() !== '');
    expect(words('1 350 000 kr')).toEqual(['1 350 000', 'kr']);
    expect(words('1\u00A0200\u00A0000 kr')).toEqual(['1\u00A0200\u00A0000', 'kr']);
    expect(words('60 % 60% 12,5 %')).toEqual(['60 %', '60%', '12,5 %']);
    expect(words('16–24 år, 2023–2025')).toEqual(['16–24', 'år', ',', '2023–2025']);
    expect(words('2023-01-01 212000-2627 1.1.3.')).toEqual(['2023-01-01', '212000-2627', '1.1.3', '.']);
    expect(words('DUA:s arbetsmarknads- och 2- och 3-partssamverkan')).toEqual(['DUA:s', 'arbetsmarknads-', 'och', '2-', 'och', '3-partssamverkan']);
    expect(words('Överenskommelsen/handlingsplanen')).toEqual(['Överenskommelsen', '/', 'handlingsplanen']);
    expect(tokenize('a  b\n')).toEqual(['a', '  ', 'b', '\n']);
  });

  it('joins back to the input for every string', () => {
    const tricky = fc
      .array(fc.constantFrom('1', '200', '000', ' ', '\u00A0', '%', '–', '-', ':', 's', 'å', 'Ö', '.', ',', '2023', '\n', '\t', '*', '\u0308', '🙂'), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tricky), (s) => {
        const tokens = tokenize(s);
        expect(tokens.join('')).toBe(s);
        expect(tokens.every((t) => t.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  }, 15_000);
});

describe('markdownToBlocks', () => {
  it('extracts reader-visible blocks with canonical text and lines', () => {
    const md = '---\ntitel: x\n---\n# Rubrik\n\nEtt _stycke_ med __fet__ text[^1].\n\n- punkt\n  + nästlad\n- [x] klar\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> citat\n\n```\nkod  \n```\n\n[^1]: Fotnot.\n';
    expect(markdownToBlocks(md)).toEqual([
      { kind: 'heading', text: '# Rubrik', line: 4 },
      { kind: 'paragraph', text: 'Ett *stycke* med **fet** text[^1].', line: 6 },
      { kind: 'listItem', text: 'punkt', line: 8 },
      { kind: 'listItem', text: 'nästlad', line: 9 },
      { kind: 'listItem', text: '[x] klar', line: 10 },
      { kind: 'tableRow', text: 'A | B', line: 12 },
      { kind: 'tableRow', text: '1 | 2', line: 14 },
      { kind: 'paragraph', text: '> citat', line: 16 },
      { kind: 'code', text: 'kod', line: 18 },
      { kind: 'footnote', text: '[^1]: Fotnot.', line: 22 },
    ]);
  });

  it('keeps visible differences apart', () => {
    expect(isFormattingOnly('ett ord', 'ett *ord*')).toBe(false);
    expect(isFormattingOnly('[länk](https://a.se)', '[länk](https://b.se)')).toBe(false);
    expect(isFormattingOnly('# Rubrik', '## Rubrik')).toBe(false);
    expect(isFormattingOnly('[länk][r]\n\n[r]: https://a.se', '[länk](https://a.se)')).toBe(true);
    expect(isFormattingOnly('a\nb', 'a b')).toBe(true);
  });
});

describe('diffWords and summarizeWords', () => {
  it('merges confetti but keeps number changes crisp', () => {
    const words = diffWords('Parterna ska betala 1 200 000 kr per år.', 'Parterna ska inte betala 1 350 000 kr per år.');
    expect(summarizeWords(words)).toBe('«ska» → «ska inte»; «1 200 000» → «1 350 000»');
    const reworded = diffWords('a b c d', 'x b y d');
    expect(wdiff(reworded)).toBe('[-a b c-]{+x b y+} d');
  });
});

const WORDS = ['Kommunen', 'Arbetsförmedlingen', 'ansvarar', 'för', 'insatser', '60 %', '1 200 000', 'kr', 'och', 'unga', '2023-01-01', 'år'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const block: fc.Arbitrary<ProseBlock> = fc
  .tuple(fc.constantFrom<ProseBlock['kind']>('paragraph', 'listItem'), text, fc.nat(500))
  .map(([kind, t, line]) => ({ kind, text: t, line }));

/** Checks that every block of both lists appears exactly once and `after` order is kept. */
function expectConserved(before: ProseBlock[], after: ProseBlock[], changes: BlockChange[]): void {
  const seenBefore = changes.flatMap((c) => ('before' in c ? [c.before] : []));
  const seenAfter = changes.flatMap((c) => ('after' in c ? [c.after] : []));
  expect(seenBefore).toHaveLength(before.length);
  expect(new Set(seenBefore).size).toBe(before.length);
  expect(seenBefore.every((b) => before.includes(b))).toBe(true);
  expect(seenAfter).toEqual(after);
  for (const c of changes) {
    if (c.type === 'changed' || c.type === 'moved-changed') {
      expect(c.words.filter((w) => w.op !== 'insert').map((w) => w.text).join('')).toBe(c.before.text);
      expect(c.words.filter((w) => w.op !== 'delete').map((w) => w.text).join('')).toBe(c.after.text);
    }
  }
}

describe('diffBlocks properties', () => {
  it('diffing a block list against itself gives only equal', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), (blocks) => {
        expect(diffBlocks(blocks, blocks).every((c) => c.type === 'equal')).toBe(true);
      }),
    );
  });

  it('loses no block and keeps after-order for arbitrary edits', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 25 }), fc.array(block, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 25 }), (before, extra, picks) => {
        // after = a reshuffled, partly edited subset of before plus new blocks
        const after = picks.map((p, k) => (k % 3 === 2 ? extra[p % Math.max(extra.length, 1)] : before[p % Math.max(before.length, 1)])).filter((b): b is ProseBlock => b !== undefined).map((b) => ({ ...b }));
        expectConserved(before, after, diffBlocks(before, after));
      }),
      { numRuns: 300 },
    );
  });

  it('generated pairs: conservation, no false changes on formatting-only pairs, high precision and recall', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const pair = generateProsePair(seed, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks: 20, edits: 4 });
        const before = markdownToBlocks(pair.before);
        const after = markdownToBlocks(pair.after);
        const changes = diffBlocks(before, after);
        expectConserved(before, after, changes);
        const score = scoreDiff(pair.truth, changes);
        expect(score.falseChanges).toBe(0);
        expect(score.movesFoundAsMoves).toBe(score.movesTotal);
        const formatting = generateProsePair(seed, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks: 20, edits: 4, kinds: ['rewrap'] });
        expect(isFormattingOnly(formatting.before, formatting.after)).toBe(true);
      }),
      { numRuns: 30 },
    );
    let truePositives = 0;
    let expected = 0;
    let reported = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      const pair = generateProsePair(seed, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks: 30, edits: 5 });
      const score = scoreDiff(pair.truth, diffBlocks(markdownToBlocks(pair.before), markdownToBlocks(pair.after)));
      truePositives += score.truePositives;
      expected += score.expected;
      reported += score.reported;
    }
    expect(truePositives / reported).toBeGreaterThanOrEqual(0.95);
    expect(truePositives / expected).toBeGreaterThanOrEqual(0.95);
  }, 30_000);

  it('generator is deterministic for a seed', () => {
    const a = generateProsePair(7, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS });
    const b = generateProsePair(7, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS });
    expect(a).toEqual(b);
  });
});
