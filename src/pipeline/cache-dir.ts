/**
 * overens's cache folder, outside every repository (so a pull request cannot bring a cache of its
 * own): `OVERENS_CACHE_DIR`, else `$XDG_CACHE_HOME/overens`, else `~/.cache/overens`.
 * `OVERENS_CACHE=0` turns every cache off. Holds validate's results (validate-cache.ts), the parsed
 * Markdown of each agreement's sections (tree-cache.ts) and the footer's font subsets
 * (print-fonts.ts); anything in it may be deleted at any time.
 */
import { homedir } from 'node:os';
import path from 'node:path';

/** The cache folder, or undefined when the cache is off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OVERENS_CACHE === '0') return undefined;
  if (env.OVERENS_CACHE_DIR) return path.resolve(env.OVERENS_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(homedir(), '.cache');
  return path.join(base, 'overens');
}
