/**
 * overens import on bad input: each case gives one Swedish diagnostic from the catalogue, on the
 * Word file at line 1, exit code 2, and writes nothing (agreements/ and organisations.yaml are
 * byte for byte as before). Zip bombs and hostile archives are generated here, so nothing big is
 * committed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocx } from '../src/import/import-docx.ts';
import { MAX_DOCX_BYTES, isSafeEntryName } from '../src/import/read-docx.ts';
import { makeZip } from './helpers/zip.ts';
import { CLI, hashTree } from './helpers/build-project.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-import-bad-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURES, 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  return dir;
}

const docx = (name: string) => readFileSync(path.join(FIXTURES, `${name}.docx`));
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') };

/** Writes the bytes as a file in the project and returns its name. */
type Maker = (dir: string) => string;
const file = (name: string, data: Buffer | string): Maker => (dir) => { writeFileSync(path.join(dir, name), data); return name; };
const real = (name: string): Maker => (dir) => { cpSync(path.join(FIXTURES, 'bad', name), path.join(dir, name)); return name; };

const CASES: { name: string; code: string; make: Maker; text: RegExp }[] = [
  { name: 'an old Word file (.doc) saved by LibreOffice', code: 'import-doc', make: real('kantfall.doc'), text: /Spara som → Word-dokument \(\*\.docx\)/ },
  { name: 'an OLE file named .docx', code: 'import-doc', make: file('gammal.docx', Buffer.concat([OLE, Buffer.alloc(4096)])), text: /gamla Word-formatet/ },
  { name: 'a password-protected .docx', code: 'import-krypterad', make: file('skyddad.docx', Buffer.concat([OLE, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(2048)])), text: /lösenord/ },
  { name: 'an OpenDocument file (.odt) saved by LibreOffice', code: 'import-odt', make: real('kantfall.odt'), text: /Word 2007–365 \(\.docx\)/ },
  { name: 'a PDF saved by LibreOffice', code: 'import-pdf', make: real('kantfall.pdf'), text: /Word-originalet/ },
  { name: 'a minimal OpenDocument zip', code: 'import-odt', make: file('dokument.odt', makeZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') }, { name: 'content.xml', data: Buffer.from('<office:document-content/>') }])), text: /Word 2007–365 \(\.docx\)/ },
  { name: 'a PDF', code: 'import-pdf', make: file('avtal.pdf', '%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'), text: /Word-originalet/ },
  { name: 'an RTF file', code: 'import-rtf', make: file('avtal.rtf', '{\\rtf1\\ansi Hej}'), text: /\.docx/ },
  { name: 'a text file named .docx', code: 'import-inte-docx', make: file('text.docx', 'Det här är ingen Word-fil.\n'), text: /ingen zip-fil/ },
  { name: 'a zip without word/document.xml', code: 'import-inte-docx', make: file('annan.docx', makeZip([contentTypes, { name: 'readme.txt', data: Buffer.from('hej') }])), text: /saknar word\/document\.xml/ },
  { name: 'a truncated .docx', code: 'import-trasig', make: (dir) => file('trasig.docx', docx('kantfall').subarray(0, 3000))(dir), text: /skadad/ },
  { name: 'a .docx whose XML is not XML', code: 'import-trasig', make: file('fel-xml.docx', makeZip([contentTypes, { name: 'word/document.xml', data: Buffer.from('<w:document><w:body><w:p>') }])), text: /skadad/ },
  { name: 'a zip bomb (a part that unpacks 2 MB from a few kB)', code: 'import-zipbomb', make: file('bomb.docx', makeZip([contentTypes, { name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024, 0x20) }])), text: /zip-bomb/ },
  { name: 'a zip bomb that lies about its size', code: 'import-zipbomb', make: file('lognare.docx', makeZip([contentTypes, { name: 'word/media/a.bin', data: Buffer.alloc(61 * 1024 * 1024), declaredSize: 100 }])), text: /zip-bomb/ },
  { name: 'an entry path outside the archive', code: 'import-sokvag-utanfor', make: file('utanfor.docx', makeZip([contentTypes, { name: '../../etc/evil.xml', data: Buffer.from('x') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }])), text: /\.\.\/\.\.\/etc\/evil\.xml/ },
  { name: 'a file over the size limit', code: 'import-for-stor', make: (dir) => { const n = 'stor.docx'; writeFileSync(path.join(dir, n), docx('kantfall')); truncateSync(path.join(dir, n), MAX_DOCX_BYTES + 1); return n; }, text: /mer än gränsen 26214400 byte/ },
  { name: 'a file that does not exist', code: 'import-fil-saknas', make: () => 'finns-inte.docx', text: /finns-inte\.docx finns inte/ },
];

describe('overens import on bad input', () => {
  it.each(CASES)('$name: $code, nothing written', async ({ code, make, text }) => {
    const dir = project();
    const name = make(dir);
    const before = hashTree(path.join(dir, 'agreements'));
    const r = await importDocx({ file: name, project: dir, base: dir });
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect({ code: d.code, file: d.file, line: d.line, column: d.column, severity: d.severity }).toEqual({ code, file: name, line: 1, column: 1, severity: 'fel' });
    expect(`${d.message} ${d.hint}`).toMatch(text);
    expect(hashTree(path.join(dir, 'agreements'))).toEqual(before);
  }, 30_000);

  it('never writes over an existing folder', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'agreements', 'kantfall'));
    writeFileSync(path.join(dir, 'agreements', 'kantfall', 'agreement.yaml'), 'id: kantfall\n');
    const before = hashTree(path.join(dir, 'agreements'));
    const r = await importDocx({ file: path.join(FIXTURES, 'kantfall.docx'), project: dir, base: dir });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['import-mapp-finns', path.relative(dir, path.join(FIXTURES, 'kantfall.docx')), 1]]);
    expect(r.exitCode).toBe(2);
    expect(hashTree(path.join(dir, 'agreements'))).toEqual(before);
  }, 30_000);

  it('refuses an --id that is no folder name, and a folder without agreements/', async () => {
    const dir = project();
    const bad = await importDocx({ file: path.join(FIXTURES, 'kantfall.docx'), id: '../ut', project: dir, base: dir });
    expect(bad.diagnostics.map((d) => [d.code, d.line])).toEqual([['import-ogiltigt-id', 1]]);
    const empty = mkdtempSync(path.join(tmpdir(), 'overens-import-empty-'));
    temps.push(empty);
    const none = await importDocx({ file: path.join(FIXTURES, 'kantfall.docx'), project: empty, base: empty });
    expect(none.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['import-inget-projekt', '.', 1]]);
    expect(none.exitCode).toBe(2);
  }, 30_000);

  it('checks entry names: relative paths inside the archive only', () => {
    for (const ok of ['word/document.xml', '[Content_Types].xml', 'word/media/image1.png']) expect(isSafeEntryName(ok), ok).toBe(true);
    for (const bad of ['../x', 'word/../../x', '/etc/passwd', 'C:/x', 'word\\..\\x', '']) expect(isSafeEntryName(bad), bad).toBe(false);
  });

  it('the CLI prints the diagnostic in Swedish and exits 2 for a PDF, 0 after a good import', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'avtal.pdf'), '%PDF-1.7\n%%EOF\n');
    const bad = spawnSync(process.execPath, [CLI, 'import', 'avtal.pdf'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^avtal\.pdf:1:1 {2}fel {2}import-pdf {2}Filen är en PDF\./m);
    const good = spawnSync(process.execPath, [CLI, 'import', path.join(FIXTURES, 'skelleftea-norsjo.docx'), '--id', 'sn', '--kluster', 'Skellefteå och Norsjö'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^Importerade till agreements\/sn\/: 8 avsnitt, 3 parter, 3 undertecknare/m);
    expect(good.stdout).toMatch(/^Inga fel\.$/m);
  }, 90_000);
});
