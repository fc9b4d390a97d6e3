/**
 * `overens validate` with its result cache (validate-cache.ts) and, for a large project, its worker
 * threads (validate-parallel.ts). Only the paths are resolved before the cache is asked, so a run
 * with nothing changed loads neither the parsers nor the checks.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LoadOptions } from './load.ts';
import { resolveGroups, type Groups } from './resolve-groups.ts';
import { readValidationCache, statusKey, validateCacheDir, validationKey, writeValidationCache, type CachedValidation } from './validate-cache.ts';

/**
 * `validatePaths` for a command that needs only the diagnostics (`overens validate`): when nothing
 * validation reads has changed since the last run, its result comes from the cache (validate-cache.ts).
 */
export async function validatePathsCached(targets: readonly string[], options: LoadOptions = {}): Promise<CachedValidation & { cached: boolean }> {
  const base = options.base ?? process.cwd();
  const dir = validateCacheDir();
  const { groups, diagnostics } = await resolveGroups(targets, options);
  const roots = [...groups.keys()];
  const entry = dir ? await readValidationCache(dir, base, targets) : undefined;
  // Every file's status as it was: not a byte has changed, and nothing needs to be read.
  const status = dir ? await statusKey(roots, targets, base).catch(() => undefined) : undefined;
  if (entry && status && entry.status === status) return { ...entry.result, cached: true };
  const key = dir ? await validationKey(roots, targets, base).catch(() => undefined) : undefined;
  if (dir && entry && key && entry.key === key) {
    // The same contents with other times (a checkout, a copy): the entry learns the new status.
    if (status) await writeValidationCache(dir, base, targets, key, entry.result, status);
    return { ...entry.result, cached: true };
  }
  const result: CachedValidation = (await inParallel(groups, diagnostics, base)) ?? (await (await import('./validate.ts')).validateGroups(groups, diagnostics, options).then(({ projects, diagnostics: all }) => (
    { diagnostics: all, agreements: projects.reduce((n, p) => n + p.agreements.length, 0) })));
  if (dir && key) await writeValidationCache(dir, base, targets, key, result, status);
  return { ...result, cached: false };
}

/** A whole project, when its paths resolved cleanly, validated on every core (validate-parallel.ts). */
async function inParallel(groups: Groups, diagnostics: Diagnostic[], base: string): Promise<CachedValidation | undefined> {
  const [only, ...rest] = [...groups];
  if (!only || rest.length > 0 || only[1] !== 'all' || diagnostics.length > 0) return undefined;
  const root = only[0];
  const { agreementFolders } = await import('./load.ts');
  const { folders } = await agreementFolders(root);
  const { validateFoldersInParallel } = await import('./validate-parallel.ts');
  return validateFoldersInParallel(root, folders, base);
}
