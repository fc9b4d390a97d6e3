/**
 * A hash of the tool's own code, for cache keys: the files `inClone` names in a clone of this
 * repository, else (an installed package has no src/) the files `installed` names. Computed once
 * per process and list.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { PACKAGE_ROOT } from './project-root.ts';

const hashes = new Map<string, Promise<string>>();

/** sha256 over the names and bytes of the matching files, sorted. */
export function codeHash(inClone: readonly string[], installed: readonly string[]): Promise<string> {
  const key = JSON.stringify([inClone, installed]);
  let hash = hashes.get(key);
  if (!hash) {
    hash = (async () => {
      // Synchronous: a few hundred files, read in a fraction of the time promises take.
      let files = fg.sync([...inClone], { cwd: PACKAGE_ROOT, dot: false }).sort();
      if (!files.some((f) => f.startsWith('src/'))) files = fg.sync([...installed], { cwd: PACKAGE_ROOT, dot: false }).sort();
      const h = createHash('sha256');
      for (const f of files) h.update(`${f}\0`).update(readFileSync(path.join(PACKAGE_ROOT, f))).update('\0');
      return h.digest('hex');
    })();
    hashes.set(key, hash);
  }
  return hash;
}
