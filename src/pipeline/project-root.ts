/**
 * Finding the content root: the folder whose `agreements/` (and `templates/`, `output/`) a command
 * works on. It is the nearest folder, from where the command starts and upward, that has an
 * `agreements/` folder, or an `overens.config.yaml` that names the content folder:
 *
 *     content: avtal   # the folder with agreements/, relative to this file
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf, placeOfKey } from '../diagnostics/locate.ts';
import { readSource, isInside } from './read.ts';
import { parseYaml } from './parse-yaml.ts';

/** The folder of the överens package (or this repository): src/pipeline/ and dist/cli/ are both two levels down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folder of the templates shipped with överens (src/pipeline/ and dist/cli/ are both two levels down). */
export const PACKAGE_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * The project's own `templates/` folder, when it has one and it is not this package's: a content
 * repository overrides the package's templates (and labels) there, file by file.
 */
export function projectTemplatesDir(projectRoot: string | undefined): string | undefined {
  if (!projectRoot) return undefined;
  const dir = path.join(projectRoot, 'templates');
  if (path.resolve(dir) === path.resolve(PACKAGE_TEMPLATES_DIR) || !existsSync(dir)) return undefined;
  return dir;
}

/** The configuration file's name. */
export const CONFIG_FILE = 'overens.config.yaml';

/** A content root found from some folder, with any problems of the configuration file. */
export interface ContentRoot {
  root: string;
  /** The configuration file that named the root, when one did. */
  config?: string;
  diagnostics: Diagnostic[];
}

const isDir = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);
const isFile = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);
const shown = (base: string, abs: string): string => path.relative(base, abs).split(path.sep).join('/') || '.';

/** Reads `overens.config.yaml` in `dir`: the content root it names (the folder itself when it names none). */
export async function readConfig(dir: string, base: string = process.cwd()): Promise<ContentRoot> {
  const abs = path.join(dir, CONFIG_FILE);
  const file = shown(base, abs);
  const fallback = (diagnostics: Diagnostic[]): ContentRoot => ({ root: dir, config: abs, diagnostics });
  const read = await readSource(abs, file);
  if (!read.ok) return fallback(read.diagnostics);
  const parsed = parseYaml(read.text, file);
  if (parsed.diagnostics.length > 0) return fallback(parsed.diagnostics);
  const data = parsed.data ?? {};
  const top = { file, line: 1, column: 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fallback([diagnostic('konfiguration-ogiltig', top, { detail: 'filen ska innehålla nycklar och värden' })]);
  }
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => k !== 'content');
  if (unknown.length > 0) {
    const key = unknown[0] as string;
    return fallback([diagnostic('konfiguration-ogiltig', placeOfKey(parsed.source, [], key), { detail: `nyckeln "${key}" finns inte (tillåten: content)` })]);
  }
  const content = record.content;
  if (content === undefined || content === null) return { root: dir, config: abs, diagnostics: [] };
  const at = placeOf(parsed.source, ['content']);
  if (typeof content !== 'string' || content.trim() === '') {
    return fallback([diagnostic('konfiguration-ogiltig', at, { detail: 'content ska vara en mapp, t.ex. content: avtal' })]);
  }
  const root = path.resolve(dir, content);
  if (path.isAbsolute(content) || !isInside(dir, root)) {
    return fallback([diagnostic('konfiguration-ogiltig', at, { detail: `mappen "${content}" ligger utanför ${shown(base, dir)}` })]);
  }
  if (!(await isDir(path.join(root, 'agreements')))) {
    return fallback([diagnostic('konfiguration-ogiltig', at, { detail: `mappen "${content}" har ingen agreements/` })]);
  }
  return { root, config: abs, diagnostics: [] };
}

/** The content root of `dir` itself: its configuration file, else its own `agreements/`. */
export async function contentRootAt(dir: string, base: string = process.cwd()): Promise<ContentRoot | undefined> {
  if (await isFile(path.join(dir, CONFIG_FILE))) return readConfig(dir, base);
  if (await isDir(path.join(dir, 'agreements'))) return { root: dir, diagnostics: [] };
  return undefined;
}

/** The nearest content root at or above `start` (see the module comment), or undefined. */
export async function findContentRoot(start: string, base: string = process.cwd()): Promise<ContentRoot | undefined> {
  for (let d = path.resolve(start); ; d = path.dirname(d)) {
    const found = await contentRootAt(d, base);
    if (found) return found;
    if (d === path.dirname(d)) return undefined;
  }
}
