/**
 * The result cache of `overens validate`: when not one byte of what validation reads has changed
 * (the content root's agreements/, templates/ and overens.config.yaml, and the tool itself), the
 * diagnostics of the last run are shown again without parsing or checking anything.
 *
 * The key is a sha256 over the tool's own code, the working directory, the named paths and every
 * file's path and content hash (a symbolic link by its target), so any change, however small, makes
 * a new key. The cache lives outside the repository (`$XDG_CACHE_HOME/overens`, else
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

/** The cached result for `key`, if there is one. */
export async function readValidationCache(dir: string, base: string, targets: readonly string[], key: string): Promise<CachedValidation | undefined> {
  try {
    const data = JSON.parse(await readFile(entryFile(dir, base, targets), 'utf8')) as { key?: unknown; diagnostics?: unknown; agreements?: unknown };
    if (data.key !== key || !Array.isArray(data.diagnostics) || typeof data.agreements !== 'number') return undefined;
    return { diagnostics: data.diagnostics as Diagnostic[], agreements: data.agreements };
  } catch {
    return undefined;
  }
}

/** Stores a result under `key` (atomically: a whole file or none); failures are ignored. */
export async function writeValidationCache(dir: string, base: string, targets: readonly string[], key: string, result: CachedValidation): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const file = entryFile(dir, base, targets);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ key, ...result }));
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
