/**
 * Damaged Word files never crash the import: bytes of a real .docx flipped at random places (and
 * XML parts cut short inside a sound zip) end in a result with a catalogue diagnostic, never an
 * exception. Seeded, so a failure repeats.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocx } from '../src/import/import-docx.ts';
import { catalogue } from '../src/diagnostics/catalogue.ts';
import { readDocx } from '../src/import/read-docx.ts';
import { makeZip } from './helpers/zip.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-import-fuzz-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURES, 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  return dir;
}

const original = readFileSync(path.join(FIXTURES, 'skelleftea-norsjo.docx'));

async function expectNoCrash(bytes: Buffer): Promise<void> {
  const dir = project();
  writeFileSync(path.join(dir, 'in.docx'), bytes);
  const r = await importDocx({ file: 'in.docx', project: dir, base: dir, id: 'fuzz' });
  expect([0, 1, 2]).toContain(r.exitCode);
  for (const d of r.diagnostics) expect(Object.keys(catalogue)).toContain(d.code);
  if (r.exitCode === 2) expect(r.diagnostics.length).toBeGreaterThan(0);
}

describe('overens import on damaged files', () => {
  it('flipped bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
      const bytes = Buffer.from(original);
      for (const [at, x] of flips) bytes[at] = bytes[at]! ^ x;
      await expectNoCrash(bytes);
    }), { numRuns: 25, seed: 14 });
  }, 120_000);

  it('XML parts cut short inside a sound zip', async () => {
    const read = await readDocx(path.join(FIXTURES, 'skelleftea-norsjo.docx'));
    if (!read.ok) throw new Error('fixture unreadable');
    const entries = [...read.pkg.entries];
    await fc.assert(fc.asyncProperty(fc.nat(entries.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), async (which, cut) => {
      const zip = makeZip(entries.map(([name, data], i) => ({ name, data: i === which ? data.subarray(0, Math.floor(data.length * cut)) : data })));
      await expectNoCrash(zip);
    }), { numRuns: 25, seed: 14 });
  }, 120_000);
});
