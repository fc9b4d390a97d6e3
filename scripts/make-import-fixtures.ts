/**
 * Makes the .docx fixtures of `overens import`: tests/fixtures/import/sources/*.txt → flat ODT →
 * LibreOffice (`soffice --headless --convert-to docx`) → tests/fixtures/import/<name>.docx, and the
 * edge-case file with the `docx` package, and that file saved by LibreOffice as .doc, .odt and .pdf
 * (tests/fixtures/import/bad/) for the refusals. The .docx files are committed, so tests and CI never need
 * LibreOffice. Run: npx tsx scripts/make-import-fixtures.ts (needs apt-get install libreoffice-writer).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toFodt } from './import-fixtures/fodt.ts';
import { edgeCasesDocx } from './import-fixtures/edge-cases.ts';

const dir = path.resolve(import.meta.dirname, '../tests/fixtures/import');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'overens-fixtures-'));
mkdirSync(path.join(dir, 'bad'), { recursive: true });
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
  // The same document saved in the formats import must refuse with advice: old Word, ODT, PDF.
  for (const format of ['doc', 'odt', 'pdf']) {
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', format, '--outdir', path.join(dir, 'bad'), path.join(dir, 'kantfall.docx')], { stdio: 'inherit' });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
