/**
 * Reading a .docx safely: the file's kind is told from its first bytes (old .doc, encrypted Word,
 * PDF, ODT, RTF), and the zip is unpacked with limits on size, ratio and entry count and with every
 * entry path checked, before any XML reader or mammoth sees it.
 */
import { readFile, stat } from 'node:fs/promises';
import yauzl from 'yauzl';
import type { Code } from '../diagnostics/catalogue.ts';

/** The largest .docx the import reads, in bytes. */
export const MAX_DOCX_BYTES = 25 * 1024 * 1024;
/** The most bytes one entry may unpack to. */
export const MAX_ENTRY_BYTES = 60 * 1024 * 1024;
/** The most bytes all entries together may unpack to. */
export const MAX_TOTAL_BYTES = 150 * 1024 * 1024;
/** The highest unpacked:packed ratio of an entry above 1 MB (Word's XML packs about 10:1). */
export const MAX_RATIO = 200;
/** The most entries a .docx may hold. */
export const MAX_ENTRIES = 5000;

/** A problem with the input file, as a catalogue code and its facts. */
export interface DocxProblem {
  code: Code;
  facts: Record<string, string | number>;
}

/** The unpacked .docx: its raw bytes and every entry by its path. */
export interface DocxPackage {
  buffer: Buffer;
  entries: Map<string, Buffer>;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_EMPTY = Buffer.from('PK\x05\x06', 'latin1');

/** Reads and unpacks a .docx, or says what is wrong with the file. */
export async function readDocx(file: string): Promise<{ ok: true; pkg: DocxPackage } | { ok: false; problem: DocxProblem }> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return fail('import-inte-docx', { detail: 'det är en mapp' });
    size = st.size;
  } catch {
    return fail('import-fil-saknas', { path: file });
  }
  if (size > MAX_DOCX_BYTES) return fail('import-for-stor', { size, limit: MAX_DOCX_BYTES });
  const buffer = await readFile(file);
  const kind = sniff(buffer, file);
  if (kind) return { ok: false, problem: kind };
  const unpacked = await unzip(buffer);
  if (!unpacked.ok) return unpacked;
  const entries = unpacked.entries;
  const mimetype = entries.get('mimetype')?.toString('latin1') ?? '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument')) return fail('import-odt', {});
  if (!entries.has('[Content_Types].xml') || !entries.has('word/document.xml')) {
    return fail('import-inte-docx', { detail: 'zip-filen saknar word/document.xml' });
  }
  return { ok: true, pkg: { buffer, entries } };
}

function fail(code: Code, facts: Record<string, string | number>): { ok: false; problem: DocxProblem } {
  return { ok: false, problem: { code, facts } };
}

/** Tells the file's kind from its first bytes; undefined when it is a zip to look into. */
function sniff(buf: Buffer, file: string): DocxProblem | undefined {
  if (buf.subarray(0, 8).equals(OLE)) {
    // Word writes an encrypted .docx as an OLE container with these streams (UTF-16 names).
    const encrypted = buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    return { code: encrypted ? 'import-krypterad' : 'import-doc', facts: {} };
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return { code: 'import-pdf', facts: {} };
  if (buf.subarray(0, 5).toString('latin1') === '{\\rtf') return { code: 'import-rtf', facts: {} };
  if (buf.subarray(0, 4).equals(ZIP) || buf.subarray(0, 4).equals(ZIP_EMPTY)) return undefined;
  if (/\.odt$/i.test(file)) return { code: 'import-odt', facts: {} };
  if (/\.doc$/i.test(file)) return { code: 'import-doc', facts: {} };
  return { code: 'import-inte-docx', facts: { detail: buf.length === 0 ? 'filen är tom' : 'filen är ingen zip-fil' } };
}

/** True for a zip entry name that stays inside the archive. */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 500) return false;
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return !name.split('/').some((part) => part === '..');
}

type Unzipped = { ok: true; entries: Map<string, Buffer> } | { ok: false; problem: DocxProblem };

function unzip(buffer: Buffer): Promise<Unzipped> {
  return new Promise((resolve) => {
    // decodeStrings: false gives raw names, so we check paths ourselves and name the bad one;
    // sizes are checked here too, so a part that unpacks to more than it declares is named a bomb.
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false }, (err, zip) => {
      if (err || !zip) {
        resolve(fail('import-trasig', { detail: 'zip-arkivet går inte att öppna' }));
        return;
      }
      const entries = new Map<string, Buffer>();
      let total = 0;
      let count = 0;
      let done = false;
      const finish = (r: Unzipped) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(r);
      };
      zip.on('error', () => finish(fail('import-trasig', { detail: 'zip-arkivet är ofullständigt' })));
      zip.on('end', () => finish({ ok: true, entries }));
      zip.on('entry', (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
        count += 1;
        if (count > MAX_ENTRIES) return finish(fail('import-zipbomb', { detail: `fler än ${MAX_ENTRIES} delar` }));
        if (!isSafeEntryName(name)) return finish(fail('import-sokvag-utanfor', { path: name.slice(0, 120) }));
        if (name.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted()) return finish(fail('import-krypterad', {}));
        const bomb = sizeProblem(entry.uncompressedSize, entry.compressedSize, total);
        if (bomb) return finish(fail('import-zipbomb', { detail: bomb }));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return finish(fail('import-trasig', { detail: `delen ${name} går inte att packa upp` }));
          const chunks: Buffer[] = [];
          let n = 0;
          stream.on('data', (c: Buffer) => {
            n += c.length;
            if (n > entry.uncompressedSize || n > MAX_ENTRY_BYTES || total + n > MAX_TOTAL_BYTES) {
              stream.destroy();
              finish(fail('import-zipbomb', { detail: n > entry.uncompressedSize ? `delen ${name.slice(0, 80)} packas upp till mer än de ${entry.uncompressedSize} byte den uppger` : `mer än ${MAX_TOTAL_BYTES} byte` }));
              return;
            }
            chunks.push(c);
          });
          stream.on('error', () => finish(fail('import-trasig', { detail: `delen ${name.slice(0, 80)} är skadad` })));
          stream.on('end', () => {
            if (n !== entry.uncompressedSize) return finish(fail('import-trasig', { detail: `delen ${name.slice(0, 80)} är ofullständig` }));
            total += n;
            entries.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function sizeProblem(uncompressed: number, compressed: number, total: number): string | undefined {
  if (uncompressed > MAX_ENTRY_BYTES) return `en del är ${uncompressed} byte, mer än ${MAX_ENTRY_BYTES} byte`;
  if (total + uncompressed > MAX_TOTAL_BYTES) return `sammanlagt mer än ${MAX_TOTAL_BYTES} byte`;
  if (uncompressed > 1024 * 1024 && uncompressed > MAX_RATIO * Math.max(1, compressed)) {
    return `en del packas upp ${Math.round(uncompressed / Math.max(1, compressed))} gånger, mer än ${MAX_RATIO} gånger`;
  }
  return undefined;
}
