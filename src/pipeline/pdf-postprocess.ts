// Byte-level post-processing of the PDFs Chromium (Skia) writes: classic xref table,
// uncompressed dictionaries, no object streams. Kept free of pdf-lib so that it costs ~1 ms.

/** Document metadata written into the PDF Info dictionary. */
export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** BCP 47 language tag for the catalog's /Lang (Chromium writes it from `<html lang>`). */
  language: string;
  /** 'YYYY-MM-DD'; used for /CreationDate and /ModDate. */
  date: string;
}

/** Parsed cross-reference data of a Chromium PDF. */
interface XrefData {
  offsets: Map<number, number>;
  trailer: string;
  startxref: number;
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

/** Parse the classic xref tables of a PDF (newest first, following /Prev) and its newest trailer. */
function readXref(pdf: Uint8Array): XrefData {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (m?.[1] === undefined) throw new Error('PDF saknar startxref');
  const startxref = Number(m[1]);
  const offsets = new Map<number, number>();
  let trailer = '';
  for (let at: number | undefined = startxref, n = 0; at !== undefined && n < 32; n++) {
    const trailerAt = indexOf(pdf, 'trailer', at);
    const table = latin1(pdf, at, trailerAt);
    if (!table.startsWith('xref')) throw new Error('PDF:ens xref-tabell har okänt format');
    let obj = 0;
    for (const line of table.split(/\r?\n/).slice(1)) {
      const sub = /^(\d+) (\d+)\s*$/.exec(line);
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (sub) obj = Number(sub[1]);
      else if (entry) {
        if (entry[3] === 'n' && !offsets.has(obj)) offsets.set(obj, Number(entry[1]));
        obj++;
      }
    }
    const section = latin1(pdf, trailerAt, Math.min(pdf.length, trailerAt + 512));
    if (trailer === '') trailer = section;
    const prev = /\/Prev\s+(\d+)/.exec(section.slice(0, section.indexOf('>>')))?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  return { offsets, trailer, startxref };
}

/** Byte index of an ASCII needle in the PDF, starting at `from`. */
function indexOf(pdf: Uint8Array, needle: string, from = 0): number {
  const i = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).indexOf(needle, from, 'latin1');
  if (i < 0) throw new Error(`PDF saknar ${needle}`);
  return i;
}

/** Text of an indirect (non-stream) object, between `obj` and `endobj`. */
function objectText(pdf: Uint8Array, xref: XrefData, num: number): string {
  const at = xref.offsets.get(num);
  if (at === undefined) throw new Error(`PDF saknar objekt ${num}`);
  const end = indexOf(pdf, 'endobj', at);
  const text = latin1(pdf, at, end);
  return text.slice(text.indexOf('obj') + 3);
}

/** Object number of a `/Key N 0 R` reference in a dictionary text, if any. */
function refOf(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Page object numbers in page order, walking a (possibly nested) page tree. */
function pageObjects(pdf: Uint8Array, xref: XrefData, root: number): number[] {
  const out: number[] = [];
  const walk = (num: number): void => {
    const dict = objectText(pdf, xref, num);
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]));
    } else out.push(num);
  };
  walk(root);
  return out;
}

/** Decode a PDF name token (without the slash): `#xx` escapes, then UTF-8. */
function decodeName(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '#' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(raw.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Read Chromium's named destinations (one per linked `#id`) as a map id → 1-based page number. */
export function readNamedDestinationPages(pdf: Uint8Array): { pages: number; dests: Record<string, number> } {
  const xref = readXref(pdf);
  const rootNum = refOf(xref.trailer, 'Root');
  if (rootNum === undefined) throw new Error('PDF saknar /Root');
  const catalog = objectText(pdf, xref, rootNum);
  const pagesNum = refOf(catalog, 'Pages');
  if (pagesNum === undefined) throw new Error('PDF saknar /Pages');
  const pageNums = pageObjects(pdf, xref, pagesNum);
  const pageIndex = new Map(pageNums.map((n, i) => [n, i + 1]));
  const dests: Record<string, number> = {};
  const destsNum = refOf(catalog, 'Dests');
  const destsText = destsNum !== undefined ? objectText(pdf, xref, destsNum) : '';
  for (const m of destsText.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageIndex.get(Number(m[2]));
    if (m[1] !== undefined && page !== undefined) dests[decodeName(m[1])] = page;
  }
  return { pages: pageNums.length, dests };
}

/** A PDF date string for `YYYY-MM-DD` at midnight UTC, shaped to exactly `length` characters. */
function pdfDate(date: string, length: number): string {
  const ymd = date.replaceAll('-', '');
  if (!/^\d{8}$/.test(ymd)) throw new Error(`Ogiltigt datum för PDF-metadata: ${date}`);
  for (const candidate of [`D:${ymd}000000+00'00'`, `D:${ymd}000000Z`, `D:${ymd}000000+00'00`, `D:${ymd}000000`]) {
    if (candidate.length === length) return candidate;
  }
  throw new Error(`Oväntat datumformat i PDF (längd ${length})`);
}

/** Overwrite /CreationDate and /ModDate in place (same byte length) with the fixed date; mutates `pdf`. */
export function fixPdfDates(pdf: Uint8Array, date: string): void {
  const head = latin1(pdf, 0, Math.min(pdf.length, 4096));
  for (const key of ['CreationDate', 'ModDate']) {
    const re = new RegExp(`/${key}\\s*\\((D:[^)]*)\\)`, 'g');
    for (const m of head.matchAll(re)) {
      const value = m[1] ?? '';
      const at = m.index + m[0].indexOf(value);
      Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).write(pdfDate(date, value.length), at, 'latin1');
    }
  }
}

/**
 * Renumber Chromium's structure-element IDs (`(node00001234)`, DOM node ids that grow while a page is
 * reused) monotonically from 1, in place and at the same length, so the ID tree stays sorted.
 */
export function normalizeNodeIds(pdf: Uint8Array): void {
  const text = latin1(pdf);
  const re = /\(node(\d{8})\)/g;
  const distinct = [...new Set(Array.from(text.matchAll(re), (m) => m[1] ?? ''))].sort();
  const renum = new Map(distinct.map((id, i) => [id, String(i + 1).padStart(8, '0')]));
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  for (const m of text.matchAll(re)) buf.write(renum.get(m[1] ?? '') ?? '', m.index + 5, 'latin1');
}

/** Encode a text string as a PDF hex string in UTF-16BE with BOM. */
function pdfText(s: string): string {
  const buf = Buffer.from(`\ufeff${s}`, 'utf16le').swap16();
  return `<${buf.toString('hex').toUpperCase()}>`;
}

/**
 * Append a deterministic incremental update that replaces the Info dictionary (and the catalog, only
 * if its /Lang is missing or different); returns a new buffer.
 */
export function appendInfoUpdate(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const xref = readXref(pdf);
  const infoNum = refOf(xref.trailer, 'Info');
  const rootNum = refOf(xref.trailer, 'Root');
  const size = Number(/\/Size\s+(\d+)/.exec(xref.trailer)?.[1] ?? NaN);
  if (infoNum === undefined || rootNum === undefined || Number.isNaN(size)) {
    throw new Error('PDF:ens trailer saknar /Info, /Root eller /Size');
  }
  const old = objectText(pdf, xref, infoNum);
  const producer = /\/Producer\s*(\([^)]*\))/.exec(old)?.[1] ?? '(Skia/PDF)';
  const date = pdfDate(info.date, 23);
  const needsNewline = pdf[pdf.length - 1] !== 0x0a;
  const objects: Array<[number, string]> = [[infoNum,
    `<</Title ${pdfText(info.title)}\n/Author ${pdfText(info.author)}\n` +
    `/Subject ${pdfText(info.subject)}\n/Keywords ${pdfText(info.keywords.join(', '))}\n` +
    `/Creator ${pdfText(info.creator)}\n/Producer ${producer}\n/CreationDate (${date})\n/ModDate (${date})>>`]];
  const catalog = objectText(pdf, xref, rootNum).trim();
  const lang = `/Lang ${/^[A-Za-z0-9-]+$/.test(info.language) ? `(${info.language})` : pdfText(info.language)}`;
  if (!catalog.includes(`/Lang (${info.language})`) && catalog.endsWith('>>')) {
    const without = catalog.replace(/\/Lang\s*(\([^)]*\)|<[0-9A-Fa-f]*>)/, '').slice(0, -2);
    objects.push([rootNum, `${without}\n${lang}>>`]);
  }
  let body = needsNewline ? '\n' : '';
  let table = '';
  for (const [num, dict] of objects.sort((a, b) => a[0] - b[0])) {
    table += `${num} 1\n${String(pdf.length + Buffer.byteLength(body, 'latin1')).padStart(10, '0')} 00000 n \n`;
    body += `${num} 0 obj\n${dict}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  const tail =
    `xref\n${table}` +
    `trailer\n<</Size ${size}\n/Root ${rootNum} 0 R\n/Info ${infoNum} 0 R\n/Prev ${xref.startxref}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  const add = Buffer.from(body + tail, 'latin1');
  const out = new Uint8Array(pdf.length + add.length);
  out.set(pdf, 0);
  out.set(add, pdf.length);
  return out;
}
