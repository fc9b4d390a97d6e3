/**
 * Validation as the build goes: the shared files first, then one agreement at a time, each handed
 * on as soon as it is checked and without errors, so printing starts with the first agreement
 * instead of after the last. Every check concerns the shared files or one agreement
 * (validate.ts: checkProjectFiles, checkAgreement), so the diagnostics are those of validatePaths.
 * Once any error is found, later agreements are still checked (every problem is reported) but no
 * longer handed on: the build will fail and keep the previous output.
 */
import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { agreementFolders, loadAgreementFolder, loadProjectFiles, noAgreement, type LoadOptions } from './load.ts';
import { checkAgreement, checkProjectFiles } from './validate.ts';

/** What the build is told as validation goes. */
export interface ValidationListener {
  /** The agreements that will be checked (folder names), before the first is loaded. */
  start(ids: readonly string[]): void;
  /** An agreement without errors, while the project has none so far. */
  valid(project: ProjectModel, agreement: AgreementModel): Promise<void>;
}

/** Validates the project at `root` (every agreement, or the named folders) agreement by agreement. */
export async function validateStreaming(root: string, only: readonly string[] | undefined, options: LoadOptions, listener: ValidationListener): Promise<{ project: ProjectModel; diagnostics: Diagnostic[] }> {
  const { project, diagnostics, show } = await loadProjectFiles(root, options);
  diagnostics.push(...checkProjectFiles(project));
  let clean = !hasErrors(diagnostics);
  const { folders, named } = await agreementFolders(root, only);
  listener.start(folders.map((f) => path.basename(f)));
  for (const dir of folders) {
    const out: Diagnostic[] = [];
    const a = await loadAgreementFolder(project, dir, show, out);
    if (a) out.push(...(await checkAgreement(project, a)));
    diagnostics.push(...out);
    if (hasErrors(out)) clean = false;
    if (!a) continue;
    project.agreements.push(a);
    if (clean) await listener.valid(project, a);
  }
  if (named === 0) diagnostics.push(noAgreement(root, show));
  return { project, diagnostics: sortDiagnostics(diagnostics) };
}
