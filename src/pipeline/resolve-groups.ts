/** The paths a command names, resolved to content roots and the agreements named in each. */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LoadOptions } from './load.ts';
import { resolveTarget } from './resolve-target.ts';
import { unknownAgreement } from './unknown-agreement.ts';

/** Content root → the agreement folders named there, or all of them. */
export type Groups = Map<string, Set<string> | 'all'>;

/** The content roots the named paths lie in, each with the agreements named there (or all). */
export async function resolveGroups(targets: readonly string[], options: LoadOptions): Promise<{ groups: Groups; diagnostics: Diagnostic[] }> {
  const base = options.base ?? process.cwd();
  const groups: Groups = new Map();
  const diagnostics: Diagnostic[] = [];
  for (const t of targets.length > 0 ? targets : [base]) {
    // The working directory finds its content root upward; a path the user named must be in one.
    const found = await resolveTarget(path.resolve(base, t), base, targets.length === 0);
    if (found?.diagnostics) {
      // A broken overens.config.yaml: report it once and load nothing from that root.
      const file = found.diagnostics[0]?.file;
      if (!diagnostics.some((d) => d.file === file)) diagnostics.push(...found.diagnostics);
      continue;
    }
    if (!found) {
      const shown = path.relative(base, path.resolve(base, t)) || '.';
      diagnostics.push(await unknownAgreement(shown, base));
      continue;
    }
    const prev = groups.get(found.root);
    if (!found.only || prev === 'all') groups.set(found.root, 'all');
    else groups.set(found.root, new Set([...(prev ?? []), found.only]));
  }
  return { groups, diagnostics };
}
