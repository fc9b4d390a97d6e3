import { markdownToBlocks } from '../src/diff/blocks.ts';
import { diffBlocks } from '../src/diff/prose.ts';
import { generateProsePair, generateProsePair as g, SWEDISH_SAMPLE_PARAGRAPHS } from '../src/diff/generate-pairs.ts';
const big = generateProsePair(4242, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks: 2500, edits: 0 });
const before = markdownToBlocks(big.before);
// every paragraph edited: yearly update of one number/word per paragraph
const after = before.map((b, k) => ({ ...b, text: b.text.replace(/(\d)(?=\D*$)/, (d) => String((Number(d) + 1) % 10)) + (k % 7 === 0 ? ' Tillägg.' : '') }));
let t = performance.now(); const c = diffBlocks(before, after); console.log('all edited:', (performance.now() - t).toFixed(0), 'ms', Object.entries(c.reduce((m, x) => (m[x.type] = (m[x.type] ?? 0) + 1, m), {} as Record<string, number>)));
const other = markdownToBlocks(g(777, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks: 2500, edits: 0 }).before);
t = performance.now(); const d = diffBlocks(before, other); console.log('unrelated docs:', (performance.now() - t).toFixed(0), 'ms', Object.entries(d.reduce((m, x) => (m[x.type] = (m[x.type] ?? 0) + 1, m), {} as Record<string, number>)));
