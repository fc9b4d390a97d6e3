/** From a path the user named to the content root and the agreement folder it names, if any. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { contentRootAt, findContentRoot } from './project-root.ts';

const exists = async (p: string) => stat(p).then(() => true, () => false);

/**
 * Finds the project root and which agreement folders to load for a path the user named: the
 * folder itself when it has agreements/ (or overens.config.yaml), the agreement folder it lies in,
 * else (unless `upward` is false: a path the user named explicitly) the nearest content root above
 * it (project-root.ts). `diagnostics` are the configuration file's problems, for validate to report.
 */
export async function resolveTarget(target: string, base?: string, upward = true): Promise<{ root: string; only?: string; diagnostics?: Diagnostic[] } | undefined> {
  const abs = path.resolve(target);
  const info = await stat(abs).catch(() => undefined);
  if (!info) return undefined;
  const dir = info.isDirectory() ? abs : path.dirname(abs);
  const here = await contentRootAt(dir, base);
  if (here) return { root: here.root, ...(here.diagnostics.length > 0 ? { diagnostics: here.diagnostics } : {}) };
  if (path.basename(dir) === 'agreements') return { root: path.dirname(dir) };
  // Walk up to the agreement folder (the one with agreement.yaml directly under agreements/).
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (path.basename(path.dirname(d)) === 'agreements' && (await exists(path.join(d, 'agreement.yaml')))) {
      return { root: path.dirname(path.dirname(d)), only: path.basename(d) };
    }
  }
  const above = upward ? await findContentRoot(dir, base) : undefined;
  if (!above) return undefined;
  return { root: above.root, ...(above.diagnostics.length > 0 ? { diagnostics: above.diagnostics } : {}) };
}
