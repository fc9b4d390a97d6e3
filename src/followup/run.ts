/**
 * The follow-up commands without the command line: find and validate the project, then write the
 * report (`overens report`) or a party's overview (`overens party`). Bad content gives diagnostics
 * and writes nothing.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ProjectModel } from '../model/types.ts';
import { resolveTarget } from '../pipeline/load.ts';
import { validatePaths } from '../pipeline/validate.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';
import { buildReport } from './report.ts';
import { writePages } from './write-pages.ts';

/** The outcome of a follow-up command. */
export interface FollowUpRun {
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  files: string[];
  browserMissing?: string;
}

/** Options shared by the commands that write pages. */
export interface PageCommandOptions {
  cwd?: string;
  /** Folder to write into (default: output/<agreement>/ or output/parter/). */
  out?: string;
  pdf?: boolean;
  openRenderer?: () => Promise<PdfRenderer>;
}

const here = { file: '.', line: 1, column: 1 };
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** Loads and validates the whole project around `cwd` (or only `agreement`); errors stop the command. */
export async function loadValidProject(cwd: string, agreement?: string): Promise<{ project?: ProjectModel; name?: string; diagnostics: Diagnostic[] }> {
  const work = await resolveTarget(cwd);
  if (!work) return { diagnostics: [diagnostic('ingen-overenskommelse', here, { path: 'den här mappen' })] };
  let name = agreement ?? work.only;
  if (agreement && !/^[a-z0-9-]+$/.test(agreement)) {
    const found = await resolveTarget(path.resolve(cwd, agreement));
    name = found?.only;
  }
  if (agreement !== undefined && (!name || !(await exists(path.join(work.root, 'agreements', name, 'agreement.yaml'))))) {
    return { diagnostics: [diagnostic('ingen-overenskommelse', { ...here, file: agreement }, { path: agreement })] };
  }
  const target = name ? path.join(work.root, 'agreements', name) : work.root;
  const { projects, diagnostics } = await validatePaths([target], { base: cwd });
  return { ...(projects[0] ? { project: projects[0] } : {}), ...(name ? { name } : {}), diagnostics };
}

/** `overens report <agreement> [--year YYYY]`. */
export async function runReport(options: PageCommandOptions & { agreement?: string; year?: string }): Promise<FollowUpRun> {
  const cwd = options.cwd ?? process.cwd();
  if (options.year !== undefined && !/^\d{4}$/.test(options.year)) {
    return { exitCode: 2, diagnostics: [diagnostic('rapport-ogiltigt-ar', here, { value: options.year })], files: [] };
  }
  if (options.agreement === undefined && !(await resolveTarget(cwd))?.only) {
    return { exitCode: 2, diagnostics: [diagnostic('rapport-ange-overenskommelse', here)], files: [] };
  }
  const loaded = await loadValidProject(cwd, options.agreement);
  const a = loaded.project?.agreements.find((x) => x.id === loaded.name);
  if (!loaded.project || !a) return { exitCode: 2, diagnostics: loaded.diagnostics, files: [] };
  if (hasErrors(loaded.diagnostics)) return { exitCode: 1, diagnostics: loaded.diagnostics, files: [] };
  const report = await buildReport(loaded.project, a, options.year ? { year: Number(options.year) } : {});
  const dir = options.out ? path.resolve(cwd, options.out) : path.join(loaded.project.root, 'output', a.id);
  const written = await writePages([{ stem: path.join(dir, `${a.id}-uppfoljning-${report.year}`), web: report.web, print: report.print }], options);
  return { exitCode: written.browserMissing ? 2 : 0, diagnostics: sortDiagnostics(loaded.diagnostics), files: written.files, ...(written.browserMissing ? { browserMissing: written.browserMissing } : {}) };
}

/** `overens party <organisation>`: the overview of one organisation across every agreement. */
export async function runParty(options: PageCommandOptions & { organisation: string }): Promise<FollowUpRun> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadValidProject(cwd);
  const project = loaded.project;
  if (!project) return { exitCode: 2, diagnostics: loaded.diagnostics, files: [] };
  if (hasErrors(loaded.diagnostics)) return { exitCode: 1, diagnostics: loaded.diagnostics, files: [] };
  const registry = path.relative(cwd, path.join(project.root, 'agreements', 'organisations.yaml')).split(path.sep).join('/');
  const org = project.organisations.get(options.organisation);
  if (!org) {
    const { suggest } = await import('../checks/walk.ts');
    return { exitCode: 2, diagnostics: [diagnostic('okand-organisation', { ...here, file: registry }, { id: options.organisation, suggest: suggest(options.organisation, project.organisations.keys()) })], files: [] };
  }
  const { agreementsOf, buildPartyPages } = await import('./party.ts');
  if (agreementsOf(project, org.id).length === 0) {
    return { exitCode: 1, diagnostics: [diagnostic('part-utan-overenskommelse', { ...here, file: registry }, { name: org.name })], files: [] };
  }
  const pages = await buildPartyPages(project, org);
  const dir = options.out ? path.resolve(cwd, options.out) : path.join(project.root, 'output', 'parter');
  const written = await writePages([{ stem: path.join(dir, org.id), web: pages.web, print: pages.print }], options);
  return { exitCode: written.browserMissing ? 2 : 0, diagnostics: sortDiagnostics(loaded.diagnostics), files: written.files, ...(written.browserMissing ? { browserMissing: written.browserMissing } : {}) };
}
