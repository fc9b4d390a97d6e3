/**
 * Reading a source file: size, encoding and path checks, so that everything after this stage
 * sees clean NFC text with LF line endings and no byte-order mark.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/diagnostic.ts';

/** Files larger than this cannot be part of an agreement. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** The text of a source file, or the diagnostics that explain why there is none. */
export type ReadResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file with the checks every source file gets. The reads are synchronous: source
 * files are small, and thousands of them are read at 300 agreements, where a promise and a
 * thread-pool round trip per call cost more main-thread time than the read itself.
 */
export async function readSource(absPath: string, displayPath: string): Promise<ReadResult> {
  const at: Place = { file: displayPath, line: 1, column: 1 };
  let bytes: Buffer;
  try {
    const info = statSync(absPath);
    if (info.size > MAX_SOURCE_BYTES) {
      return { ok: false, diagnostics: [diagnostic('fil-for-stor', at, { size: info.size, limit: MAX_SOURCE_BYTES })] };
    }
    bytes = readFileSync(absPath);
  } catch {
    return { ok: false, diagnostics: [diagnostic('fil-saknas', at, { path: displayPath })] };
  }
  if (bytes.includes(0)) return { ok: false, diagnostics: [diagnostic('fil-binar', at)] };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, diagnostics: [diagnostic('fil-inte-utf8', placeOfBadByte(bytes, displayPath))] };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim() === '') return { ok: false, diagnostics: [diagnostic('fil-tom', at)] };
  return { ok: true, text };
}

function placeOfBadByte(bytes: Buffer, file: string): Place {
  // Decode prefix by prefix would be slow; find the first byte sequence that is not valid UTF-8.
  let i = 0;
  let line = 1;
  let column = 1;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) break;
    let ok = i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (!ok) break;
    if (b === 0x0a) { line++; column = 1; } else column++;
    i += len;
  }
  return { file, line, column };
}

/**
 * Resolves a relative path from a source file and checks that it stays inside `root`
 * (also through symbolic links). Returns undefined when it leaves the root.
 */
export async function resolveInside(root: string, fromDir: string, relative: string): Promise<string | undefined> {
  if (path.isAbsolute(relative) || /^[a-z][a-z0-9+.-]*:/i.test(relative)) return undefined;
  const abs = path.resolve(fromDir, relative);
  if (!isInside(root, abs)) return undefined;
  try {
    const real = realpathSync(abs);
    if (!isInside(realRoot(root), real)) return undefined;
  } catch {
    // A missing file is reported by the reader; the lexical check above already passed.
  }
  return abs;
}

/** The real path of each root asked about (the few roots of one run: a project, its agreements). */
const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) { real = realpathSync(root); realRoots.set(root, real); }
  return real;
}

/** True when `p` is `root` or lies below it. */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
