/**
 * Source hashes: what an agreement was built from (its files, the registry, the templates and
 * the tool's own code), so a PDF can be traced to its sources and unchanged agreements are not
 * rendered again.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { projectTemplatesDir } from './project-root.ts';
import { codeHash } from './code-hash.ts';

/** sha256 of bytes or text, as hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A hash of what renders (src/pipeline, src/model, templates/, the lock file; in an installed
 * package, which has no sources, the bundle and package.json), computed once per process.
 */
export function toolVersionHash(): Promise<string> {
  return codeHash(['src/pipeline/**/*.ts', 'src/model/**/*.ts', 'src/cycle/register.ts', 'templates/**/*', 'package-lock.json'], ['dist/cli/*.js', 'templates/**/*', 'package.json']);
}

/** The register of adopted revisions: rendered (revision history) but not a source, so never in the source hash. */
export const REGISTER_FILE = 'register.yaml';

/** Files of an agreement folder that are loaded but are not the agreement's content: the register, outcomes and årshjul. */
export const NOT_SOURCE_FILES: readonly string[] = [REGISTER_FILE, 'outcomes.yaml', 'cycle.yaml'];

/** The agreement's source files (and template overrides) relative to the project root, sorted; register.yaml is not one. */
export async function agreementFiles(project: ProjectModel, a: AgreementModel): Promise<string[]> {
  const overrides = await fg(['templates/**/*'], { cwd: a.dir, dot: false });
  const shared = projectTemplatesDir(project.root);
  const sharedOverrides = shared ? (await fg(['**/*'], { cwd: shared, dot: false })).map((f) => path.join(shared, f)) : [];
  const excluded = new Set(NOT_SOURCE_FILES.map((f) => path.join(a.dir, f)));
  const files = [...a.texts.keys(), ...overrides.map((f) => path.join(a.dir, f)), ...sharedOverrides].filter((f) => !excluded.has(f));
  return [...new Set(files)].map((f) => path.relative(project.root, f).split(path.sep).join('/')).sort();
}

/**
 * The hash of an agreement's content: its files and the organisation registry (paths included,
 * so a rename counts as a change). Printed on every page; the tool's version is not part of it.
 */
export async function agreementSourceHash(project: ProjectModel, a: AgreementModel): Promise<string> {
  const h = createHash('sha256');
  h.update(`registry\0${project.organisationsText ?? ''}\0`);
  for (const rel of await agreementFiles(project, a)) {
    const abs = path.join(project.root, rel);
    const text = a.texts.get(abs);
    h.update(`${rel}\0`).update(text ?? (await readFile(abs))).update('\0');
  }
  return h.digest('hex');
}

/** The short form of a hash printed on every page: the first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * What renders besides the sources: register.yaml (the revision history), as text; '' when there is none.
 * It goes into the cache key, never into the printed source hash.
 */
export function renderedExtras(a: AgreementModel): string {
  return a.texts.get(path.join(a.dir, REGISTER_FILE)) ?? '';
}

/** The cache key of an agreement's built files: its source hash, the tool that builds them and any extra rendered input. */
export async function buildCacheKey(sourceHash: string, extra = ''): Promise<string> {
  return sha256(`${sourceHash}\0${await toolVersionHash()}${extra === '' ? '' : `\0${sha256(extra)}`}`);
}
