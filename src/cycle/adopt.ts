/**
 * `overens adopt` without the command line: records that a revision of an agreement was adopted, in
 * `agreements/<id>/register.yaml`, with the commit, the source hash and the sha256 of the PDF the
 * deciding body saw. Order matters: the PDF is built first and its sha256 taken, and only then is the
 * entry written; the register is not a source (it is outside the source hash) and a document never
 * shows its own revision's entry in its history, so the adopted PDF can be rebuilt byte for byte.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { unknownAgreement } from '../pipeline/unknown-agreement.ts';
import type { RegisterEntryData } from '../model/schema.ts';
import { git, repoTop } from '../diff/git.ts';
import { build, type BuildEvent } from '../pipeline/build.ts';
import { agreementSourceHash, sha256 } from '../pipeline/hash.ts';
import { resolveTarget } from '../pipeline/load.ts';
import { validatePaths } from '../pipeline/validate.ts';
import { REGISTER_FILE, registerPath, writeRegisterEntry } from './register.ts';

/** What to adopt: the agreement, the decision date and body, and whether an earlier entry may be replaced. */
export interface AdoptOptions {
  /** Agreement id (folder under agreements/) or the agreement's folder. */
  agreement: string;
  /** Decision date, YYYY-MM-DD. */
  date: string;
  /** Deciding body; default: decision.body in agreement.yaml. */
  body?: string;
  /** Replace an existing entry of the same revision. */
  replace?: boolean;
  cwd?: string;
  onEvent?: (e: BuildEvent) => void;
}

/** The outcome: exit code, diagnostics, and the entry written (with the register's path). */
export interface AdoptResult {
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  entry?: RegisterEntryData;
  registerFile?: string;
  replaced?: boolean;
  pdfPath?: string;
}

const here = { file: '.', line: 1, column: 1 };
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The project root and agreement folder an argument names (an id from the project at cwd, or a folder). */
export async function locateAgreement(spec: string, cwd: string): Promise<{ root: string; id: string; dir: string } | undefined> {
  const asPath = path.resolve(cwd, spec);
  if (/^[a-z0-9][a-z0-9-]*$/.test(spec) && !(await exists(asPath))) {
    const found = await resolveTarget(cwd);
    if (!found) return undefined;
    const dir = path.join(found.root, 'agreements', spec);
    return (await exists(path.join(dir, 'agreement.yaml'))) ? { root: found.root, id: spec, dir } : undefined;
  }
  const found = await resolveTarget(asPath);
  if (!found?.only) return undefined;
  return { root: found.root, id: found.only, dir: path.join(found.root, 'agreements', found.only) };
}

/** Files under the agreement (and the organisation registry) that differ from HEAD, register.yaml excepted. */
export async function uncommittedSources(root: string, id: string): Promise<string[] | undefined> {
  const r = await git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', `agreements/${id}`, 'agreements/organisations.yaml']);
  if (!r.ok) return undefined;
  const files: string[] = [];
  const tokens = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const m = /^([ MADRCUT?!]{2}) (.+)$/.exec(t);
    if (!m?.[2]) continue;
    // A rename or copy is followed by its old path.
    if (m[1]?.includes('R') || m[1]?.includes('C')) i++;
    if (path.posix.basename(m[2]) === REGISTER_FILE && path.posix.dirname(m[2]).endsWith(`agreements/${id}`)) continue;
    files.push(m[2]);
  }
  return files;
}

/** Adopts the agreement's current revision: checks, builds the PDF, then writes the register entry. */
export async function adopt(options: AdoptOptions): Promise<AdoptResult> {
  const cwd = options.cwd ?? process.cwd();
  const fail = (exitCode: 1 | 2, diagnostics: Diagnostic[]): AdoptResult => ({ exitCode, diagnostics: sortDiagnostics(diagnostics) });

  const where = await locateAgreement(options.agreement, cwd);
  if (!where) return fail(1, [await unknownAgreement(options.agreement, cwd, { ...here, file: options.agreement })]);
  if (!isIsoDate(options.date)) return fail(2, [diagnostic('antagning-ogiltigt-datum', here, { value: options.date })]);
  const show = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  if (!(await repoTop(where.root))) return fail(2, [diagnostic('antagning-inte-git', here, { path: show(where.dir) })]);

  const dirty = await uncommittedSources(where.root, where.id);
  if (dirty === undefined) return fail(2, [diagnostic('antagning-inte-git', here, { path: show(where.dir) })]);
  if (dirty.length > 0) {
    const list = dirty.length > 5 ? `${dirty.slice(0, 5).join(', ')} och ${dirty.length - 5} till` : dirty.join(', ');
    return fail(1, [diagnostic('antagning-ej-incheckad', { ...here, file: show(where.dir) }, { name: where.id, files: list })]);
  }
  const head = await git(where.root, ['rev-parse', '--verify', 'HEAD^{commit}']);
  if (!head.ok) return fail(1, [diagnostic('antagning-ej-incheckad', { ...here, file: show(where.dir) }, { name: where.id, files: 'förrådet har inga incheckningar ännu' })]);
  const commit = head.stdout.toString('utf8').trim();

  const { projects, diagnostics } = await validatePaths([where.dir], { base: cwd });
  const project = projects[0];
  const a = project?.agreements.find((x) => x.id === where.id);
  if (!project || !a || hasErrors(diagnostics)) return fail(1, diagnostics.filter((d) => d.severity === 'fel'));
  const revision = a.agreement.revision.id;
  const earlier = (a.register?.adopted ?? []).find((e) => e.revision === revision);
  const registerFile = registerPath(a.dir);
  if (earlier && options.replace !== true) {
    return fail(1, [diagnostic('antagning-finns-redan', { ...here, file: show(registerFile) }, { name: a.id, revision, date: earlier.date, body: earlier.body })]);
  }
  const body = options.body?.trim() || a.agreement.decision?.body;
  if (!body) return fail(2, [diagnostic('antagning-organ-saknas', { ...here, file: show(path.join(a.dir, 'agreement.yaml')) }, { name: a.id })]);
  const sourceHash = await agreementSourceHash(project, a);

  // 1. Build the PDF the board decides on, and take its sha256 (before the register changes).
  let built = await build({ targets: [a.dir], base: cwd, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
  let pdf = await builtPdf(built, a.id);
  if (built.ok && pdf && pdf.onDisk !== pdf.sha256) {
    // A carried-over file that no longer matches the manifest: build it again from scratch.
    built = await build({ targets: [a.dir], base: cwd, force: true, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    pdf = await builtPdf(built, a.id);
  }
  if (!built.ok) return fail(1, built.diagnostics);
  if (!pdf) return fail(2, [...built.diagnostics, diagnostic('antagning-pdf-saknas', here, { name: a.id })]);
  if (pdf.sourceHash !== sourceHash) {
    return fail(1, [diagnostic('antagning-ej-incheckad', { ...here, file: show(a.dir) }, { name: a.id, files: 'källorna ändrades medan PDF:en byggdes' })]);
  }

  // 2. Only now write the entry.
  const entry: RegisterEntryData = { revision, date: options.date, body, commit, sourceHash, pdfSha256: pdf.sha256, pdfFile: pdf.path };
  await writeRegisterEntry(a.dir, entry, options.replace === true);
  return { exitCode: 0, diagnostics: built.diagnostics, entry, registerFile, replaced: earlier !== undefined, pdfPath: pdf.abs };
}

async function builtPdf(result: Awaited<ReturnType<typeof build>>, id: string) {
  const entry = result.manifest?.agreements.find((x) => x.id === id);
  const file = entry?.files.find((f) => f.format === 'pdf');
  if (!entry || !file || !result.outputDir || result.browserMissing) return undefined;
  const abs = path.join(result.outputDir, file.path);
  const onDisk = sha256(await readFile(abs));
  return { path: file.path, abs, sha256: file.sha256, onDisk, sourceHash: entry.sourceHash };
}
