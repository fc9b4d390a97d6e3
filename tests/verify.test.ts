/**
 * `overens verify` on real PDFs from a git repository in a temporary folder: the adopted PDF, the same
 * PDF with an appended incremental update (as an e-signature leaves it), a PDF from sources that were
 * never adopted, a PDF from elsewhere, and the adopted PDF after the sources changed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt } from '../src/cycle/adopt.ts';
import { readPdfOrigin, revisionEnds, verifyPdf } from '../src/cycle/verify.ts';
import { build } from '../src/pipeline/build.ts';
import type { RegisterEntryData } from '../src/model/schema.ts';
import { CLI, HAS_BROWSER, sha256 } from './helpers/build-project.ts';
import { makeUmeaRepo } from './helpers/git-repo.ts';

if (!HAS_BROWSER) console.warn('Hoppar över verify-testerna: ingen Chromium att bygga PDF:er med (installera med `apt-get install chromium`).');


/**
 * Appends an incremental update the way a signing tool does: a new object (a signature dictionary),
 * an xref section for it and a trailer with /Prev pointing at the previous xref.
 */
function appendSignatureUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const root = /\/Root\s+(\d+ \d+ R)/.exec(trailer)?.[1];
  const info = /\/Info\s+(\d+ \d+ R)/.exec(trailer)?.[1];
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const num = Math.max(size, 3000);
  const body = `\n${num} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Contents <00> >>\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  const tail = `xref\n${num} 1\n${String(pdf.length + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${num + 1} /Root ${root} /Info ${info} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + tail, 'latin1')]);
}

let repo: string;
let work: string;
let pdfFile: string;
let entry: RegisterEntryData;
beforeAll(async () => {
  repo = makeUmeaRepo('verify');
  work = mkdtempSync(path.join(tmpdir(), 'overens-verify-files-'));
  if (!HAS_BROWSER) return;
  const r = await adopt({ agreement: 'umearegionen', date: '2022-11-25', cwd: repo });
  if (r.exitCode !== 0 || !r.entry || !r.pdfPath) throw new Error(`adopt misslyckades: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  entry = r.entry;
  pdfFile = r.pdfPath;
}, 180_000);
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!HAS_BROWSER)('overens verify', () => {
  it('reads the source hash and revision from the PDF\'s Info keywords', async () => {
    const pdf = readFileSync(pdfFile);
    const origin = await readPdfOrigin(pdf);
    expect(origin).toEqual({ sourceHash: entry.sourceHash, revision: '2023', buildLength: pdf.length });
  });

  it('identifies the built PDF: agreement, revision, commit, adopted, and the same bytes from the current sources', async () => {
    const r = await verifyPdf({ file: pdfFile, cwd: repo });
    expect(r.exitCode).toBe(0);
    expect(r).toMatchObject({ identified: true, agreement: 'umearegionen', revision: '2023', commit: entry.commit, adopted: true, appended: false, sameBytes: true });
    expect(r.sha256).toBe(entry.pdfSha256);
    expect(r.lines.join('\n')).toContain('Antagen: ja');
    expect(r.lines.join('\n')).toContain('Samma byte från nuvarande källor: ja');
    // The rebuild went to a temporary folder: output/ is untouched.
    expect(sha256(readFileSync(pdfFile))).toBe(entry.pdfSha256);
  }, 120_000);

  it('still identifies the PDF after an appended incremental update (signed): the original file matches', async () => {
    const pdf = readFileSync(pdfFile);
    const signed = appendSignatureUpdate(pdf);
    expect(revisionEnds(signed).length).toBe(revisionEnds(pdf).length + 1);
    // pdf-lib can still read the updated file.
    expect((await PDFDocument.load(signed, { updateMetadata: false })).getKeywords()).toContain(`källor:${entry.sourceHash}`);
    const file = path.join(work, 'signerad.pdf');
    writeFileSync(file, signed);
    const r = await verifyPdf({ file, cwd: repo, rebuild: false });
    expect(r.exitCode).toBe(0);
    expect(r).toMatchObject({ identified: true, agreement: 'umearegionen', revision: '2023', commit: entry.commit, adopted: true, appended: true });
    expect(r.sha256).not.toBe(entry.pdfSha256);
    expect(r.originalSha256).toBe(entry.pdfSha256);
    expect(r.lines.join('\n').toLowerCase()).toContain('signerad eller ändrad efter bygget: ursprungsfilen stämmer');
  });

  it('says unknown (exit 1) for a PDF built from a modified copy that was never adopted', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'overens-verify-copy-'));
    try {
      cpSync(path.join(repo, 'agreements'), path.join(copy, 'agreements'), { recursive: true });
      appendFileSync(path.join(copy, 'agreements/umearegionen/text/syfte.md'), '\nEtt stycke som ingen har beslutat om.\n');
      const built = await build({ targets: ['umearegionen'], base: copy });
      expect(built.ok).toBe(true);
      const rel = built.manifest?.files.find((f) => f.format === 'pdf')?.path ?? '';
      const file = path.join(work, 'okand.pdf');
      cpSync(path.join(copy, 'output', rel), file);
      const r = await verifyPdf({ file, cwd: repo });
      expect(r.exitCode).toBe(1);
      expect(r.identified).toBe(false);
      expect(r.lines.join('\n')).toContain('okänd: källornas hash finns inte i något register');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it('says unknown (exit 1) for a PDF from elsewhere, also on the command line', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.setKeywords(['något annat']);
    const file = path.join(work, 'annan.pdf');
    writeFileSync(file, await doc.save());
    const r = await verifyPdf({ file, cwd: repo });
    expect(r.exitCode).toBe(1);
    expect(r.lines.join('\n')).toContain('okänd: källornas hash finns inte i något register');
    const cli = spawnSync(process.execPath, [CLI, 'verify', file], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('okänd: källornas hash finns inte i något register');
  }, 60_000);

  it('after the sources changed: still the adopted file, but the current sources no longer build it', async () => {
    const file = path.join(repo, 'agreements/umearegionen/text/syfte.md');
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '\nNästa års ändring.\n');
    try {
      const r = await verifyPdf({ file: pdfFile, cwd: repo });
      expect(r).toMatchObject({ exitCode: 0, identified: true, adopted: true, commit: entry.commit, sameBytes: false });
      expect(r.lines.join('\n')).toContain('nej: källorna har ändrats');
    } finally {
      writeFileSync(file, before);
    }
  });
});
