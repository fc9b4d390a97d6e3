/** Validation: loading plus every check beyond the schema, for the paths the user named. */
import path from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { unknownAgreement } from './unknown-agreement.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { checkRegistry } from '../checks/registry.ts';
import { checkReferences, checkUniqueIds } from '../checks/ids.ts';
import { checkDates } from '../checks/dates.ts';
import { checkFinsam, checkSignatures } from '../checks/parties.ts';
import { checkDirectives, checkFigureFiles, checkFootnotes } from '../checks/content.ts';
import { checkFollowUpOf, checkSharedCycle } from '../checks/followup.ts';
import { checkSanitized } from '../checks/sanitized.ts';
import { checkNonParties, checkTargetTexts } from '../checks/consistency.ts';
import { checkYamlMarkdownLimits } from '../checks/markdown-limits.ts';
import { checkSubtitles } from '../checks/titles.ts';
import { agreementFolders, loadProject, resolveTarget, type LoadOptions } from './load.ts';
import { readValidationCache, validateCacheDir, validationKey, writeValidationCache, type CachedValidation } from './validate-cache.ts';

/** The outcome of validating: the projects that loaded and every diagnostic, sorted. */
export interface ValidateResult {
  projects: ProjectModel[];
  diagnostics: Diagnostic[];
}

/** Runs every check on one loaded project. */
export async function checkProject(project: ProjectModel): Promise<Diagnostic[]> {
  const out = checkProjectFiles(project);
  for (const a of project.agreements) out.push(...(await checkAgreement(project, a)));
  return out;
}

/**
 * The checks of the project's shared files (the registry, which it also normalises, and the shared
 * årshjul): run first, before any agreement's checks.
 */
export function checkProjectFiles(project: ProjectModel): Diagnostic[] {
  return [...checkRegistry(project), ...checkYamlMarkdownLimits(project, []), ...checkSharedCycle(project)];
}

/** Every check of one agreement: none looks at another agreement, so agreements can be checked one by one. */
export async function checkAgreement(project: ProjectModel, a: AgreementModel): Promise<Diagnostic[]> {
  return [
    ...checkUniqueIds(a),
    ...checkReferences(project, a),
    ...checkDates(a),
    ...checkSignatures(project, a),
    ...checkFinsam(project, a),
    ...checkFootnotes(a),
    ...checkSanitized(a),
    ...checkTargetTexts(a),
    ...checkNonParties(project, a),
    ...checkSubtitles(a),
    ...checkDirectives(project, a),
    ...(await checkFigureFiles(project, a)),
    ...checkYamlMarkdownLimits(project, [a], false),
    ...checkFollowUpOf(a),
  ];
}

/** Validates the named paths (project folders, agreement folders or files); none means the working directory. */
export async function validatePaths(targets: readonly string[], options: LoadOptions = {}): Promise<ValidateResult> {
  const { groups, diagnostics } = await resolveGroups(targets, options);
  return validateGroups(groups, diagnostics, options);
}

/**
 * `validatePaths` for a command that needs only the diagnostics (`overens validate`): when nothing
 * validation reads has changed since the last run, its result comes from the cache (validate-cache.ts).
 */
export async function validatePathsCached(targets: readonly string[], options: LoadOptions = {}): Promise<CachedValidation & { cached: boolean }> {
  const base = options.base ?? process.cwd();
  const dir = validateCacheDir();
  const { groups, diagnostics } = await resolveGroups(targets, options);
  const key = dir ? await validationKey([...groups.keys()], targets, base).catch(() => undefined) : undefined;
  const hit = dir && key ? await readValidationCache(dir, base, targets, key) : undefined;
  if (hit) return { ...hit, cached: true };
  const result: CachedValidation = (await inParallel(groups, diagnostics, base)) ?? (await validateGroups(groups, diagnostics, options).then(({ projects, diagnostics: all }) => (
    { diagnostics: all, agreements: projects.reduce((n, p) => n + p.agreements.length, 0) })));
  if (dir && key) await writeValidationCache(dir, base, targets, key, result);
  return { ...result, cached: false };
}

export type Groups = Map<string, Set<string> | 'all'>;

/** A whole project, when its paths resolved cleanly, validated on every core (validate-parallel.ts). */
async function inParallel(groups: Groups, diagnostics: Diagnostic[], base: string): Promise<CachedValidation | undefined> {
  const [only, ...rest] = [...groups];
  if (!only || rest.length > 0 || only[1] !== 'all' || diagnostics.length > 0) return undefined;
  const root = only[0];
  const { folders } = await agreementFolders(root);
  const { validateFoldersInParallel } = await import('./validate-parallel.ts');
  return validateFoldersInParallel(root, folders, base);
}

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

async function validateGroups(groups: Groups, diagnostics: Diagnostic[], options: LoadOptions): Promise<ValidateResult> {
  const base = options.base ?? process.cwd();
  const projects: ProjectModel[] = [];
  for (const [root, only] of groups) {
    const loaded = await loadProject(root, only === 'all' ? undefined : [...only], { base });
    diagnostics.push(...loaded.diagnostics);
    if (loaded.project) {
      projects.push(loaded.project);
      diagnostics.push(...(await checkProject(loaded.project)));
    }
  }
  return { projects, diagnostics: sortDiagnostics(diagnostics) };
}
