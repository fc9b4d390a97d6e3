/**
 * `overens verify` without the command line: which agreement, revision and commit a PDF came from,
 * whether it is the adopted file, and whether today's sources still build the same bytes. A PDF that
 * was signed (or otherwise changed) after the build carries incremental updates after the build's
 * own end: the build's bytes are found again as a prefix of the file that ends at an `%%EOF`.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RegisterEntryData } from '../model/schema.ts';
import { git } from '../diff/git.ts';
import { build } from '../pipeline/build.ts';
import { agreementSourceHash, sha256, shortHash } from '../pipeline/hash.ts';
import { loadProject, resolveTarget } from '../pipeline/load.ts';
import { readRegister } from './register.ts';
import { uncommittedSources } from './adopt.ts';

/** What to verify and against which project. */
export interface VerifyOptions {
  file: string;
  /** The project folder (default: the one holding cwd). */
  project?: string;
  /** Build the agreement again to compare bytes (default true). */
  rebuild?: boolean;
  cwd?: string;
}

/** What a PDF says about itself: the source hash and revision in its Info keywords. */
export interface PdfOrigin {
  sourceHash?: string | undefined;
  revision?: string | undefined;
  /** Length of the build's own bytes: up to the end of the revision whose Info carries the keywords. */
  buildLength: number;
}

/** The verdict on one PDF, with the Swedish report lines. */
export interface VerifyResult {
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  identified: boolean;
  agreement?: string;
  revision?: string;
  commit?: string;
  sourceHash?: string;
  /** The register entry whose PDF this is (by sha256), if any. */
  adoptedEntry?: RegisterEntryData;
  adopted: boolean;
  /** Bytes follow the build's own end (a signature or another incremental update). */
  appended: boolean;
  sha256: string;
  originalSha256: string;
  /** true/false when the rebuild was compared; undefined when it could not be tried. */
  sameBytes?: boolean;
  lines: string[];
}

const latin1 = (b: Uint8Array, start = 0, end = b.length): string => Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');

/** Ends (exclusive) of every revision of a PDF: after each `%%EOF` and its line end. */
export function revisionEnds(pdf: Uint8Array): number[] {
  const text = latin1(pdf);
  const ends: number[] = [];
  for (let at = text.indexOf('%%EOF'); at >= 0; at = text.indexOf('%%EOF', at + 5)) {
    let end = at + 5;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    ends.push(end);
  }
  return ends;
}

/** Decodes a PDF string token: `<hex>` or `(literal)`, UTF-16BE with a BOM or PDFDocEncoding (as Latin-1). */
function decodePdfString(token: string): string {
  let bytes: Buffer;
  if (token.startsWith('<')) bytes = Buffer.from(token.slice(1, -1).replace(/\s+/g, ''), 'hex');
  else {
    const body = token.slice(1, -1).replace(/\\(\d{1,3}|.)/gs, (_m, c: string) => {
      if (/^\d+$/.test(c)) return String.fromCharCode(parseInt(c, 8) & 0xff);
      return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\n': '' } as Record<string, string>)[c] ?? c;
    });
    bytes = Buffer.from(body, 'latin1');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/** The Keywords of the Info dictionary in effect at the end of `prefix` bytes, read without a PDF library. */
function keywordsAt(pdf: Uint8Array, end: number): string | undefined {
  const text = latin1(pdf, 0, end);
  const trailerAt = text.lastIndexOf('trailer');
  const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailerAt >= 0 ? text.slice(trailerAt) : '') ?? [...text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)].at(-1);
  if (!infoRef) return undefined;
  const objRe = new RegExp(`(?:^|[\\r\\n\\s])${infoRef[1]}\\s+${infoRef[2]}\\s+obj\\b`, 'g');
  const starts = [...text.matchAll(objRe)];
  const last = starts.at(-1);
  if (!last) return undefined;
  const from = last.index + last[0].length;
  const stop = text.indexOf('endobj', from);
  const dict = text.slice(from, stop < 0 ? undefined : stop);
  const m = /\/Keywords\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/s.exec(dict);
  return m?.[1] === undefined ? undefined : decodePdfString(m[1]);
}

/** Reads the source hash and revision from a PDF's Info keywords (`källor:<hash>`, `revision:<id>`). */
export async function readPdfOrigin(pdf: Uint8Array): Promise<PdfOrigin> {
  const parse = (keywords: string | undefined) => ({
    sourceHash: /källor:([0-9a-f]{64})/.exec(keywords ?? '')?.[1],
    revision: /(?:^|[\s,])revision:([^,]+?)\s*(?:,|$)/.exec(keywords ?? '')?.[1],
  });
  for (const end of revisionEnds(pdf)) {
    const found = parse(keywordsAt(pdf, end));
    if (found.sourceHash) return { ...found, buildLength: end };
  }
  // Not the classic layout the build writes: ask a PDF library, for the whole file.
  try {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    const found = parse(doc.getKeywords());
    if (found.sourceHash) return { ...found, buildLength: pdf.length };
  } catch {
    // Not a PDF pdf-lib can read: no origin.
  }
  return { buildLength: pdf.length };
}

interface Candidate { id: string; dir: string; entries: RegisterEntryData[]; currentHash?: string; title?: string }

/** Identifies a PDF against every agreement's register and current sources, and optionally rebuilds it. */
export async function verifyPdf(options: VerifyOptions): Promise<VerifyResult> {
  const cwd = options.cwd ?? process.cwd();
  const file = path.resolve(cwd, options.file);
  const show = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  const here = { file: show(file), line: 1, column: 1 };
  const bytes = await readFile(file).catch(() => undefined);
  const empty = { identified: false, adopted: false, appended: false, sha256: '', originalSha256: '', lines: [] };
  if (!bytes) return { ...empty, exitCode: 2, diagnostics: [diagnostic('verifiera-inte-pdf', here, { path: options.file, missing: 1 })] };
  if (latin1(bytes, 0, Math.min(bytes.length, 1024)).indexOf('%PDF-') < 0) {
    return { ...empty, exitCode: 2, diagnostics: [diagnostic('verifiera-inte-pdf', here, { path: options.file })] };
  }
  const projectAt = await resolveTarget(path.resolve(cwd, options.project ?? '.'));
  if (!projectAt) return { ...empty, exitCode: 2, diagnostics: [diagnostic('ingen-overenskommelse', { ...here, file: options.project ?? '.' }, { path: options.project ?? 'den här mappen' })] };
  const root = projectAt.root;

  const origin = await readPdfOrigin(bytes);
  const full = sha256(bytes);
  const prefixes = revisionEnds(bytes).filter((end) => end < bytes.length).map((end) => ({ end, sha: sha256(bytes.subarray(0, end)) }));
  const original = origin.buildLength < bytes.length ? sha256(bytes.subarray(0, origin.buildLength)) : full;
  const appended = latin1(bytes, origin.buildLength).trim() !== '';

  // Every agreement's register and current source hash.
  const diagnostics: Diagnostic[] = [];
  const candidates: Candidate[] = [];
  const folders = (await readdir(path.join(root, 'agreements'), { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const loaded = await loadProject(root, folders, { base: cwd });
  for (const id of folders) {
    const dir = path.join(root, 'agreements', id);
    if (!(await stat(path.join(dir, 'agreement.yaml')).then(() => true, () => false))) continue;
    const register = await readRegister(dir, show(path.join(dir, 'register.yaml')));
    diagnostics.push(...register.diagnostics);
    const model = loaded.project?.agreements.find((a) => a.id === id);
    const currentHash = model && loaded.project ? await agreementSourceHash(loaded.project, model) : undefined;
    candidates.push({ id, dir, entries: register.entries, ...(currentHash ? { currentHash } : {}), ...(model ? { title: model.agreement.title } : {}) });
  }

  // 1. The exact bytes of an adopted PDF (the whole file, or the build's part of a signed file).
  const shas = new Map<string, 'full' | 'original'>([[full, 'full'], [original, 'original'], ...prefixes.map((p): [string, 'original'] => [p.sha, 'original'])]);
  let agreement: Candidate | undefined;
  let entry: RegisterEntryData | undefined;
  let matchedBy: 'full' | 'original' | undefined;
  for (const c of candidates) {
    for (const e of c.entries) {
      const how = shas.get(e.pdfSha256);
      if (how && (!matchedBy || (how === 'full' && matchedBy !== 'full'))) { agreement = c; entry = e; matchedBy = how; }
    }
  }
  const hash = entry?.sourceHash ?? origin.sourceHash;
  // 2. The current sources of an agreement; 3. the source hash of an adopted revision.
  agreement ??= candidates.find((c) => hash !== undefined && c.currentHash === hash);
  const byHash = candidates.flatMap((c) => c.entries.filter((e) => e.sourceHash === hash).map((e) => ({ c, e })));
  if (!agreement && byHash[0]) agreement = byHash[0].c;
  const sameSources = agreement ? byHash.find((x) => x.c === agreement)?.e : undefined;

  const lines: string[] = [`Fil: ${show(file)}`];
  if (!agreement || !hash) {
    lines.push(origin.sourceHash
      ? `okänd: källornas hash finns inte i något register (${shortHash(origin.sourceHash)}) och stämmer inte med några nuvarande källor.`
      : 'okänd: källornas hash finns inte i något register (PDF:en saknar källornas hash i sina metadata och är inte byggd med överens).');
    lines.push(`sha256: ${full}`);
    return { exitCode: 1, diagnostics, identified: false, adopted: false, appended, sha256: full, originalSha256: original, lines, ...(origin.sourceHash ? { sourceHash: origin.sourceHash } : {}) };
  }

  const revision = entry?.revision ?? origin.revision ?? sameSources?.revision;
  let commit = entry?.commit ?? sameSources?.commit;
  let commitNote = '';
  if (!commit && agreement.currentHash === hash) {
    const dirty = await uncommittedSources(root, agreement.id);
    const head = await git(root, ['rev-parse', '--verify', 'HEAD^{commit}']);
    if (dirty && dirty.length === 0 && head.ok) { commit = head.stdout.toString('utf8').trim(); commitNote = ' (HEAD: källorna är oförändrade sedan dess; revisionen är inte antagen)'; }
    else commitNote = 'ingen: byggd från arbetskopian med ändringar som inte är incheckade';
  }

  // Would today's sources build the very same bytes?
  let sameBytes: boolean | undefined;
  let sameBytesLine: string;
  if (agreement.currentHash !== hash) {
    sameBytes = false;
    sameBytesLine = `nej: källorna har ändrats sedan PDF:en byggdes (nu ${shortHash(agreement.currentHash ?? '?')}, PDF:en ${shortHash(hash)}).`;
  } else if (options.rebuild === false) {
    sameBytesLine = 'prövades inte (källornas hash stämmer).';
  } else {
    const out = await mkdtemp(path.join(tmpdir(), 'overens-verify-'));
    try {
      const rebuilt = await build({ targets: [agreement.dir], base: cwd, outputDir: path.join(out, 'output') });
      const pdf = rebuilt.manifest?.agreements.find((x) => x.id === agreement.id)?.files.find((f) => f.format === 'pdf');
      if (!rebuilt.ok || !pdf) {
        sameBytesLine = rebuilt.browserMissing
          ? 'kunde inte prövas: ingen webbläsare (Chromium) för att bygga PDF:en.'
          : 'kunde inte prövas: överenskommelsen går inte att bygga just nu (kör overens validate).';
      } else {
        sameBytes = pdf.sha256 === original || pdf.sha256 === full;
        sameBytesLine = sameBytes
          ? 'ja: de nuvarande källorna bygger exakt samma byte.'
          : 'nej: källorna är desamma, men bygget ger andra byte (troligen en annan version av överens eller av mallarna).';
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }

  lines.push(`Överenskommelse: ${agreement.id}${agreement.title ? ` (${agreement.title})` : ''}`);
  lines.push(`Revision: ${revision ?? 'okänd'}`);
  lines.push(`Källornas hash: ${hash}`);
  lines.push(`Commit: ${commit ? `${commit}${commitNote}` : commitNote}`);
  if (entry) {
    lines.push(matchedBy === 'full' || !appended
      ? `Antagen: ja, detta är den PDF som antogs ${entry.date} av ${entry.body}.`
      : `Antagen: ja, ursprungsfilen är den PDF som antogs ${entry.date} av ${entry.body}.`);
  } else if (sameSources) {
    lines.push(`Antagen: nej, inte just denna fil; källorna är desamma som i revision ${sameSources.revision}, antagen ${sameSources.date} av ${sameSources.body}, men PDF:en skiljer sig från den antagna.`);
  } else {
    lines.push('Antagen: nej, revisionen finns inte i registret.');
  }
  const originalMatches = (entry !== undefined && matchedBy !== 'full') || sameBytes === true;
  if (appended) {
    lines.push(originalMatches
      ? 'Signerad eller ändrad efter bygget: ursprungsfilen stämmer.'
      : 'Signerad eller ändrad efter bygget: ursprungsfilen går inte att pröva mot registret.');
  }
  lines.push(`Samma byte från nuvarande källor: ${sameBytesLine}`);
  lines.push(`sha256: ${full}${appended ? ` (ursprungsfilen: ${original})` : ''}`);
  return {
    exitCode: 0, diagnostics, identified: true, agreement: agreement.id, sourceHash: hash,
    ...(revision ? { revision } : {}), ...(commit ? { commit } : {}), ...(entry ? { adoptedEntry: entry } : {}),
    adopted: entry !== undefined, appended, sha256: full, originalSha256: original, ...(sameBytes !== undefined ? { sameBytes } : {}), lines,
  };
}
