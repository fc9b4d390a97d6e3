/** Validation: loading plus every check beyond the schema, for the paths the user named. */
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
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
import { loadProject, type LoadOptions } from './load.ts';
import { resolveGroups, type Groups } from './resolve-groups.ts';

export { resolveGroups, type Groups };

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

/** Loads and checks the resolved projects; `diagnostics` are the resolution's own. */
export async function validateGroups(groups: Groups, diagnostics: Diagnostic[], options: LoadOptions): Promise<ValidateResult> {
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
