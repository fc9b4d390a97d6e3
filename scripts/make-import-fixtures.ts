/**
 * Makes the .docx fixtures of `overens import`: tests/fixtures/import/sources/*.txt → flat ODT →
 * LibreOffice (`soffice --headless --convert-to docx`) → tests/fixtures/import/<name>.docx, and the
 * edge-case file with the `docx` package. The .docx files are committed, so tests and CI never need
 * LibreOffice. Run: npx tsx scripts/make-import-fixtures.ts (needs apt-get install libreoffice-writer).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toFodt } from './import-fixtures/fodt.ts';
import { edgeCasesDocx } from './import-fixtures/edge-cases.ts';

const dir = path.resolve(import.meta.dirname, '../tests/fixtures/import');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'overens-fixtures-'));
try {
  for (const file of readdirSync(path.join(dir, 'sources')).filter((f) => f.endsWith('.txt')).sort()) {
    const name = file.replace(/\.txt$/, '');
    const fodt = path.join(tmp, `${name}.fodt`);
    writeFileSync(fodt, toFodt(readFileSync(path.join(dir, 'sources', file), 'utf8')));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, fodt], { stdio: 'inherit' });
    copyFileSync(path.join(tmp, `${name}.docx`), path.join(dir, `${name}.docx`));
    process.stdout.write(`${name}.docx\n`);
  }
  writeFileSync(path.join(dir, 'kantfall.docx'), await edgeCasesDocx());
  process.stdout.write('kantfall.docx\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
