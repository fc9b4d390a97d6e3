/**
 * Property test of validation: thousands of random mutations of real sources (cut the text,
 * duplicate, delete or swap lines, retype a value, insert tabs or YAML/Markdown garbage, change
 * indentation) must never make `validatePaths` throw, and every diagnostic must carry a code
 * from the catalogue and a real place (non-empty file, line ≥ 1 and within the file, column ≥ 1).
 *
 * One temp copy per project is reused: each run writes the mutated file, validates, and writes
 * the original back. PROPERTY_RUNS scales the number of runs (default 1800 + 300).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../src/diagnostics/catalogue.ts';
import type { Diagnostic } from '../src/diagnostics/diagnostic.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { casesRoot, repoRoot } from './helpers/validate-cases.ts';

const scale = Number(process.env.PROPERTY_RUNS ?? '1') || 1;

/** Every .yaml/.md file under `dir`, relative to it, with forward slashes. */
function sourceFiles(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...sourceFiles(dir, rel));
    else if (/\.(ya?ml|md)$/.test(e.name)) out.push(rel);
  }
  return out.sort();
}

// ---------------------------------------------------------------- mutations

const junkValues = [
  '42', '-1.5e300', '[1, 2, 3]', '{a: 1, b: [x]}', '', '""', 'null', '~', 'true', '!!binary AAAA', '&a x', '*a',
  'x'.repeat(5000), 'åäö ÅÄÖ – “citat” ‑ \u00a0 \u200b 🙂 \u202e', '"oavslutad', "'oavslutad", '- lista', '|', '>-', '#', '::budget',
];
const garbage = [': ', '[', ']', '"', "'", '{', '}', '- ', '---\n', '\t', '::', '[^', '[^fn-x]', '\n', ' #', '&', '*', '!', '%', '|\n', '\u0000', '\uFEFF'];

type Mutation =
  | { kind: 'cut'; at: number }
  | { kind: 'duplicate' | 'delete' | 'tab' | 'indent' | 'dedent'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'retype'; line: number; value: string }
  | { kind: 'garbage'; at: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('duplicate' as const, 'delete' as const, 'tab' as const, 'indent' as const, 'dedent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('retype' as const),
    line: fc.nat(),
    value: fc.oneof(fc.constantFrom(...junkValues), fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String)),
  }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...garbage), fc.string({ unit: 'grapheme', maxLength: 6 })) }),
);

/** Applies a mutation to a text; indices wrap around so every generated value is usable. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'cut': return text.slice(0, m.at % (text.length + 1));
    case 'duplicate': { const i = li(m.line); lines.splice(i, 0, lines[i] ?? ''); return lines.join('\n'); }
    case 'delete': lines.splice(li(m.line), 1); return lines.join('\n');
    case 'swap': { const i = li(m.line); const j = li(m.other); const a = lines[i] ?? ''; lines[i] = lines[j] ?? ''; lines[j] = a; return lines.join('\n'); }
    case 'tab': { const i = li(m.line); lines[i] = `\t${(lines[i] ?? '').replace(/^ {1,2}/, '')}`; return lines.join('\n'); }
    case 'indent': { const i = li(m.line); lines[i] = `  ${lines[i] ?? ''}`; return lines.join('\n'); }
    case 'dedent': { const i = li(m.line); lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, ''); return lines.join('\n'); }
    case 'retype': {
      // Replace the value of the first `key: value` (or `- value`) line at or after the index.
      for (let k = 0; k < lines.length; k++) {
        const i = li(m.line + k);
        const line = lines[i] ?? '';
        const match = /^(\s*(?:- )?[A-Za-z$][\w-]*:\s)(.*)$/.exec(line) ?? /^(\s*- )(.*)$/.exec(line);
        if (match) { lines[i] = `${match[1] ?? ''}${m.value}`; return lines.join('\n'); }
      }
      return `${text}${m.value}`;
    }
    case 'garbage': { const at = m.at % (text.length + 1); return `${text.slice(0, at)}${m.text}${text.slice(at)}`; }
  }
}

// ---------------------------------------------------------------- the property

/** Checks that a diagnostic is well-formed and points into an existing file's lines. */
function checkDiagnostic(d: Diagnostic, base: string): void {
  expect(Object.keys(catalogue)).toContain(d.code);
  expect(d.severity).toBe(catalogue[d.code].severity);
  expect(d.file.length).toBeGreaterThan(0);
  expect(Number.isInteger(d.line) && d.line >= 1, `line ${d.line} in ${d.file}`).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, `column ${d.column} in ${d.file}`).toBe(true);
  expect(d.message.length).toBeGreaterThan(0);
  const abs = path.join(base, d.file);
  if (existsSync(abs) && statSync(abs).isFile() && d.code !== 'fil-for-stor') {
    const text = readFileSync(abs, 'latin1');
    const lineCount = text.split(/\r\n|\r|\n/).length;
    expect(d.line, `${d.code} at ${d.file}:${d.line} but the file has ${lineCount} lines`).toBeLessThanOrEqual(lineCount);
  }
}

interface Project {
  /** Temp copy that the runs mutate. */
  dir: string;
  files: string[];
  originals: Map<string, string>;
  /** What to validate for a mutation of `file` (relative to dir). */
  target: (file: string) => string;
}

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

function copyProject(from: string, only?: (rel: string) => boolean): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-prop-'));
  temps.push(dir);
  cpSync(from, dir, { recursive: true, filter: (src) => path.basename(src) !== 'expected.txt' });
  const files = sourceFiles(dir).filter((f) => f.startsWith('agreements/') && (!only || only(f)));
  const originals = new Map(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  return { dir, files, originals, target: () => '.' };
}

async function runProperty(project: Project, numRuns: number, seed?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: project.files.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (fileIndex, mutations) => {
      const file = project.files[fileIndex] ?? '';
      const original = project.originals.get(file) ?? '';
      const mutated = mutations.reduce(mutate, original);
      const abs = path.join(project.dir, file);
      writeFileSync(abs, mutated);
      try {
        const { diagnostics } = await validatePaths([project.target(file)], { base: project.dir });
        for (const d of diagnostics) checkDiagnostic(d, project.dir);
      } finally {
        writeFileSync(abs, original);
      }
    }),
    { numRuns, ...(seed !== undefined ? { seed } : {}), endOnFailure: true },
  );
}

describe('validation survives mutated sources', () => {
  it('mutate() changes text the way each kind says', () => {
    expect(mutate('a: 1\nb: 2', { kind: 'cut', at: 3 })).toBe('a: ');
    expect(mutate('a: 1\nb: 2', { kind: 'swap', line: 0, other: 1 })).toBe('b: 2\na: 1');
    expect(mutate('a: 1\n  b: 2', { kind: 'retype', line: 1, value: '[x' })).toBe('a: 1\n  b: [x');
    expect(mutate('a: 1\n  b: 2', { kind: 'tab', line: 1 })).toBe('a: 1\n\tb: 2');
  });

  it('valid-minimal: thousands of mutations never throw and give well-formed diagnostics', async () => {
    const project = copyProject(path.join(casesRoot, 'valid-minimal'));
    expect(project.files.length).toBeGreaterThanOrEqual(10);
    await runProperty(project, Math.round(1800 * scale));
  }, 240_000);

  const realAgreements = path.join(repoRoot, 'tests', 'fixtures', 'shipped', 'agreements');
  it.skipIf(!existsSync(path.join(realAgreements, 'organisations.yaml')))('the example agreements (fixture snapshot): mutations never throw', async () => {
    // A snapshot of the project (agreements/ only); each run validates the agreement it mutated.
    const snapshot = mkdtempSync(path.join(tmpdir(), 'overens-prop-src-'));
    temps.push(snapshot);
    cpSync(realAgreements, path.join(snapshot, 'agreements'), { recursive: true });
    const project = copyProject(snapshot);
    const folders = readdirSync(path.join(project.dir, 'agreements'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    project.target = (file) => {
      const folder = file.split('/')[1] ?? '';
      return `agreements/${folders.includes(folder) ? folder : (folders[0] ?? '')}`;
    };
    await runProperty(project, Math.round(300 * scale));
  }, 240_000);
});
