/**
 * The result cache of `overens validate`: when not one byte of what validation reads has changed
 * (the content root's agreements/, templates/ and overens.config.yaml, and the tool itself), the
 * diagnostics of the last run are shown again without parsing or checking anything.
 *
 * The key is a sha256 over the tool's own code, the working directory, the named paths and every
 * file's path and content hash (a symbolic link by its target), so any change, however small, makes
 * a new key. Reading every file for it is most of what a run with nothing changed costs, so an entry
 * also keeps the files' status (inode, size, and modification and change times, as git's index
 * does): when that is the same, not a byte can have changed, and the contents are not read. A write
 * always moves a file's change time, which no tool can set back. Status is not kept when a file
 * changed less than two seconds before the run (the clock's granularity could hide a second write
 * in the same tick); the contents decide then. The cache lives outside the repository (`$XDG_CACHE_HOME/overens`, else
 * `~/.cache/overens`; `OVERENS_CACHE_DIR` to choose, `OVERENS_CACHE=0` to turn it off), so a pull
 * request cannot bring a cache of its own. A cache that cannot be read or written is skipped.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { CONFIG_FILE } from './project-root.ts';
import { codeHash } from './code-hash.ts';
import { cacheDir } from './cache-dir.ts';

export { cacheDir as validateCacheDir };

/** What a cached run returns: every diagnostic and how many agreements were checked. */
export interface CachedValidation {
  diagnostics: Diagnostic[];
  agreements: number;
  /** Threads that validated (validate-parallel.ts), when more than this one did. */
  threads?: number;
}

/** Entries kept; older ones are removed when there are more. */
const MAX_ENTRIES = 200;

/** A hash of the tool's code: the sources in a clone, the bundle in an installed package. */
const validatorHash = (): Promise<string> =>
  codeHash(['src/**/*.{ts,cjs}', 'templates/**/*', 'package-lock.json'], ['dist/cli/*.js', 'templates/**/*', 'package.json']);

/** The key of a validation of `targets` from `base` over the content roots `roots`. */
export async function validationKey(roots: readonly string[], targets: readonly string[], base: string): Promise<string> {
  const h = createHash('sha256');
  h.update(`${await validatorHash()}\0${base}\0${JSON.stringify(targets)}\0`);
  for (const root of [...roots].sort()) {
    h.update(`root\0${root}\0`);
    for (const rel of ['agreements', 'templates', CONFIG_FILE]) {
      // Read synchronously, in path order: for thousands of small files far faster than async reads.
      for (const e of walk(root, rel)) {
        const abs = path.join(root, e.rel);
        h.update(`${e.rel}\0`);
        if (e.kind === 'link') h.update(`link\0${readlinkOr(abs)}`);
        else if (e.kind === 'dir') h.update('dir');
        else h.update('file\0').update(readOr(abs));
        h.update('\0');
      }
    }
  }
  return h.digest('hex');
}

/**
 * The status of every file the key covers, or undefined when one changed within `racyMs` of now
 * (OVERENS_CACHE_RACY_MS, default two seconds): then only the contents can tell.
 */
export async function statusKey(roots: readonly string[], targets: readonly string[], base: string, racyMs = Number(process.env.OVERENS_CACHE_RACY_MS ?? 2000)): Promise<string | undefined> {
  const h = createHash('sha256');
  h.update(`status\0${await validatorHash()}\0${base}\0${JSON.stringify(targets)}\0`);
  const recent = Date.now() - racyMs;
  for (const root of [...roots].sort()) {
    h.update(`root\0${root}\0`);
    for (const rel of ['agreements', 'templates', CONFIG_FILE]) {
      for (const e of walk(root, rel)) {
        // Times in milliseconds with their fraction: a double holds them to well under a microsecond.
        const st = lstatSync(path.join(root, e.rel), { throwIfNoEntry: false });
        if (!st) { h.update(`${e.rel}\0gone\0`); continue; }
        if (st.ctimeMs > recent || st.mtimeMs > recent) return undefined;
        h.update(`${e.rel}\0${e.kind}\0${st.dev}\0${st.ino}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0`);
      }
    }
  }
  return h.digest('hex');
}

type Entry = { rel: string; kind: 'file' | 'dir' | 'link' };

/** Every entry at or under `rel` in `root`, in path order, symbolic links not followed. */
function walk(root: string, rel: string): Entry[] {
  let info;
  try { info = lstatSync(path.join(root, rel)); } catch { return []; }
  if (info.isSymbolicLink()) return [{ rel, kind: 'link' }];
  if (!info.isDirectory()) return [{ rel, kind: 'file' }];
  const out: Entry[] = [];
  const into = (dir: string): void => {
    out.push({ rel: dir, kind: 'dir' });
    let entries;
    try { entries = readdirSync(path.join(root, dir), { withFileTypes: true }); } catch { return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = path.join(dir, e.name);
      if (e.isSymbolicLink()) out.push({ rel: r, kind: 'link' });
      else if (e.isDirectory()) into(r);
      else out.push({ rel: r, kind: 'file' });
    }
  };
  into(rel);
  return out;
}

const readOr = (abs: string): Buffer => { try { return readFileSync(abs); } catch { return Buffer.from('\0unreadable'); } };
const readlinkOr = (abs: string): string => { try { return readlinkSync(abs); } catch { return ''; } };

const entryFile = (dir: string, base: string, targets: readonly string[]): string =>
  path.join(dir, `validate-${createHash('sha256').update(`${base}\0${JSON.stringify(targets)}`).digest('hex').slice(0, 24)}.json`);

/** A stored run: its content key, its status key (when one was kept) and its result. */
export interface CacheEntry { key: string; status?: string; result: CachedValidation }

/** The stored run of `targets` from `base`, if there is one that can be read. */
export async function readValidationCache(dir: string, base: string, targets: readonly string[]): Promise<CacheEntry | undefined> {
  try {
    const data = JSON.parse(await readFile(entryFile(dir, base, targets), 'utf8')) as { key?: unknown; status?: unknown; diagnostics?: unknown; agreements?: unknown };
    if (typeof data.key !== 'string' || !Array.isArray(data.diagnostics) || typeof data.agreements !== 'number') return undefined;
    return { key: data.key, ...(typeof data.status === 'string' ? { status: data.status } : {}), result: { diagnostics: data.diagnostics as Diagnostic[], agreements: data.agreements } };
  } catch {
    return undefined;
  }
}

/** Stores a result under `key` and `status` (atomically: a whole file or none); failures are ignored. */
export async function writeValidationCache(dir: string, base: string, targets: readonly string[], key: string, result: CachedValidation, status?: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const file = entryFile(dir, base, targets);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ key, ...(status ? { status } : {}), ...result }));
    await rename(tmp, file);
    await prune(dir);
  } catch {
    // A cache is an optimisation: a read-only home or a full disk only makes the next run slower.
  }
}

async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.startsWith('validate-') && n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => a.t - b.t);
  for (const { n } of dated.slice(0, dated.length - MAX_ENTRIES)) await rm(path.join(dir, n), { force: true });
}
