/** The diagnostic for a named agreement that does not exist, with a "Menade du" of one that does. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { suggest } from '../checks/walk.ts';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/diagnostic.ts';

const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);

/** The agreement ids (folders with agreement.yaml under agreements/) of the nearest project upward from `from`. */
export async function agreementIdsNear(from: string): Promise<string[]> {
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    const dir = path.join(d, 'agreements');
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (entries) {
      const ids: string[] = [];
      for (const e of entries) if (e.isDirectory() && (await isFile(path.join(dir, e.name, 'agreement.yaml')))) ids.push(e.name);
      return ids.sort();
    }
    if (d === path.dirname(d)) return [];
  }
}

/**
 * ingen-overenskommelse for `spec` (an id or a path), suggesting the closest existing agreement id
 * of the project around `base`; the suggestion is never `spec` itself and always an existing folder.
 */
export async function unknownAgreement(spec: string, base: string, place?: Place): Promise<Diagnostic> {
  const name = path.basename(spec.replace(/[\\/]+$/, ''));
  const ids = (await agreementIdsNear(base)).filter((id) => id !== name);
  return diagnostic('ingen-overenskommelse', place ?? { file: spec, line: 1, column: 1 }, { path: spec, suggest: name ? suggest(name, ids) : '' });
}
