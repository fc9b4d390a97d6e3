/**
 * `overens ci` without the command line: in a pull-request checkout, validate and build everything,
 * then write the board pack (styrelsepaketet) for each agreement the change touches, and one
 * Markdown comment that a workflow step posts on the pull request. The CI services' own files
 * (ci-templates/) only call this.
 */
import { copyFile, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, summarizeDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { build, type BuildEvent, type BuildResult } from '../pipeline/build.ts';
import { resolveTarget } from '../pipeline/load.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';
import { git, repoTop, resolveCommit } from '../diff/git.ts';
import { runDiff, type DiffRun } from '../diff/run.ts';
import { newestEntry, readRegister } from './register.ts';

/** The first line of the pull-request comment, by which a workflow finds the comment to update. */
export const COMMENT_MARKER = '<!-- overens-styrelsepaket -->';

/** Where diagnostics are shown besides the log: GitHub annotations, a GitLab Code Quality report, or nowhere. */
export type Annotations = 'github' | 'gitlab' | 'none';

/** Options of a CI run. */
export interface CiOptions {
  /** The revision the change goes into (default: see defaultBase). */
  base?: string;
  /** The output folder; the pack goes into `<out>/styrelsepaket` (default: output/ in the project). */
  out?: string;
  /** Also write the comment to this file. */
  commentFile?: string;
  /** Write `<out>/gl-code-quality-report.json` for GitLab's merge-request widget. */
  codeQuality?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Opens the PDF renderer of the build; injected by tests. */
  openRenderer?: () => Promise<PdfRenderer>;
  onEvent?: (e: BuildEvent) => void;
  onProgress?: (line: string) => void;
}

/** What the pack holds for one agreement the change touches. */
export interface PackEntry {
  id: string;
  status: 'andrad' | 'ny' | 'borttagen' | 'fel' | 'ej-jamford';
  /** What it was compared with, in words. */
  comparedWith?: string;
  /** Files of the pack, relative to the pack folder. */
  files: string[];
  summary?: string;
  /** Why the comparison could not be made (status ej-jamford). */
  diagnostics: Diagnostic[];
}

/** The outcome: exit code, diagnostics of validation and build, the pack and the comment. */
export interface CiResult {
  exitCode: 0 | 1 | 2;
  /** Validation, build and CI diagnostics; files relative to the working directory. */
  diagnostics: Diagnostic[];
  /** The working directory relative to the repository top ('' at the top), for annotation paths. */
  repoPrefix: string;
  packDir?: string;
  commentPath?: string;
  comment?: string;
  entries: PackEntry[];
  browserMissing?: string;
}

const here = { file: '.', line: 1, column: 1 };
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
const slash = (p: string): string => p.split(path.sep).join('/');

/** The base revision from the CI service's environment: origin/<target branch>, else main. */
export function defaultBase(env: NodeJS.ProcessEnv): string {
  const target = env['GITHUB_BASE_REF'] || env['CI_MERGE_REQUEST_TARGET_BRANCH_NAME'];
  return target ? `origin/${target}` : 'main';
}

/** The annotation style the CI service understands: github on GitHub Actions, gitlab on GitLab CI, else none. */
export function defaultAnnotations(env: NodeJS.ProcessEnv): Annotations {
  if (env['GITHUB_ACTIONS'] === 'true') return 'github';
  if (env['GITLAB_CI'] === 'true') return 'gitlab';
  return 'none';
}

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One diagnostic as a GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::…`). */
export function githubAnnotation(d: Diagnostic, file: string): string {
  const level = d.severity === 'fel' ? 'error' : d.severity === 'varning' ? 'warning' : 'notice';
  const props = `file=${escapeProperty(file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
  return `::${level} ${props}::${escapeData(`${d.message}\n${d.hint}`)}`;
}

/** Diagnostics as a GitLab Code Quality report (JSON), with paths from the repository top. */
export function codeQualityReport(list: readonly Diagnostic[], repoPrefix: string): string {
  const issues = list.map((d) => {
    const file = path.posix.join(repoPrefix || '.', d.file);
    return {
      description: `${d.message} ${d.hint}`,
      check_name: d.code,
      fingerprint: createHash('sha256').update(`${d.code}\0${file}\0${d.line}\0${d.column}\0${d.message}`).digest('hex'),
      severity: d.severity === 'fel' ? 'major' : d.severity === 'varning' ? 'minor' : 'info',
      location: { path: file, lines: { begin: d.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** Agreement ids whose files differ between the base and HEAD, and whether organisations.yaml changed. */
export async function changedAgreements(root: string, base: string): Promise<{ ids: string[]; registry: boolean } | undefined> {
  const r = await git(root, ['diff', '--name-only', '--relative', `${base}...HEAD`, '--', 'agreements/']);
  if (!r.ok) return undefined;
  const ids = new Set<string>();
  let registry = false;
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const parts = line.trim().split('/');
    if (parts[0] !== 'agreements') continue;
    if (parts.length === 2 && parts[1] === 'organisations.yaml') registry = true;
    else if (parts.length > 2 && parts[1]) ids.add(parts[1]);
  }
  return { ids: [...ids].sort(), registry };
}

/** Runs the whole CI step: validate, build, compare and write the pack; never throws for bad content. */
export async function runCi(options: CiOptions = {}): Promise<CiResult> {
  const cwd = await realpath(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const say = options.onProgress ?? (() => {});
  const fail = (d: Diagnostic): CiResult => ({ exitCode: 2, diagnostics: [d], repoPrefix: '', entries: [] });
  const found = await resolveTarget(cwd);
  if (!found) return fail(diagnostic('ingen-overenskommelse', here, { path: 'den här mappen' }));
  const root = found.root;
  const top = await repoTop(root);
  const baseSpec = options.base ?? defaultBase(env);
  if (!top) return fail(diagnostic('ci-okand-bas', here, { rev: baseSpec, detail: 'mappen ligger inte i något git-förråd' }));
  const repoPrefix = slash(path.relative(await realpath(top), cwd));
  const base = await resolveBase(top, baseSpec);
  if (!base) return { ...fail(diagnostic('ci-okand-bas', here, { rev: baseSpec, detail: 'git känner inte till den' })), repoPrefix };

  say('Kontrollerar och bygger alla överenskommelser …');
  const outDir = path.resolve(cwd, options.out ?? path.join(root, 'output'));
  const built = await build({ targets: [root], base: cwd, outputDir: outDir, ...(options.openRenderer ? { openRenderer: options.openRenderer } : {}), ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
  const diagnostics = [...built.diagnostics];
  const changed = await changedAgreements(root, base.name);
  if (!changed) return { ...fail(diagnostic('ci-okand-bas', here, { rev: base.name, detail: 'git diff mot den misslyckades' })), repoPrefix };

  const packDir = path.join(outDir, 'styrelsepaket');
  await rm(packDir, { recursive: true, force: true });
  await mkdir(packDir, { recursive: true });
  let browserMissing = built.browserMissing;
  const entries: PackEntry[] = [];
  const direct = new Set(changed.ids);
  const candidates = changed.registry ? [...new Set([...changed.ids, ...(await agreementFolders(root))])].sort() : changed.ids;
  for (const id of candidates) {
    const dir = path.join(root, 'agreements', id);
    if (!(await exists(path.join(dir, 'agreement.yaml')))) { entries.push({ id, status: 'borttagen', files: [], diagnostics: [] }); continue; }
    if (hasErrors(diagnostics.filter((d) => blames(cwd, root, id, d)))) { entries.push({ id, status: 'fel', files: [], diagnostics: [] }); continue; }
    const from = await compareFrom(top, dir, id, base, diagnostics);
    // Only organisations.yaml changed for this one: keep it only if the change shows in it.
    if (!direct.has(id)) {
      const probe = await runDiff({ agreement: id, from: from.rev, to: 'HEAD', format: 'json', cwd: root });
      if (probe.exitCode !== 0 || (probe.changeSet?.changes.length ?? 0) === 0) continue;
    }
    say(`Skriver styrelsepaketet för ${id} …`);
    const entry = await packAgreement(id, from, root, path.join(packDir, id), built);
    if (entry.browserMissing) browserMissing ??= entry.browserMissing;
    entries.push(entry.entry);
  }

  const validationFailed = hasErrors(diagnostics);
  const comment = formatComment({ entries, diagnostics, base, browserMissing, validationFailed, link: artifactLink(env, top, packDir) });
  const commentPath = path.join(packDir, 'kommentar.md');
  await writeFile(commentPath, comment);
  if (options.commentFile) {
    const file = path.resolve(cwd, options.commentFile);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, comment);
  }
  const sorted = sortDiagnostics(diagnostics);
  if (options.codeQuality) await writeFile(path.join(outDir, 'gl-code-quality-report.json'), codeQualityReport(sorted, repoPrefix));
  return {
    exitCode: validationFailed ? 1 : 0, diagnostics: sorted, repoPrefix, packDir, commentPath, comment, entries,
    ...(browserMissing ? { browserMissing } : {}),
  };
}

interface Base { name: string; commit: string; label: string }
interface From { rev: string; words: string }

/** The base revision, tried as given and, for origin/<branch>, as the local branch. */
async function resolveBase(top: string, spec: string): Promise<Base | undefined> {
  for (const name of spec.startsWith('origin/') ? [spec, spec.slice('origin/'.length)] : [spec]) {
    const commit = await resolveCommit(top, name);
    if (!commit) continue;
    // Compare with where the branch left the base (as git diff base...HEAD does), not with its tip.
    const mb = await git(top, ['merge-base', commit, 'HEAD']);
    const fork = mb.ok ? mb.stdout.toString('utf8').trim() : commit;
    return { name, commit: fork, label: fork === commit ? name : fork.slice(0, 12) };
  }
  return undefined;
}

/** What an agreement is compared with: its newest adopted revision when the register has one, else the base. */
async function compareFrom(top: string, dir: string, id: string, base: Base, diagnostics: Diagnostic[]): Promise<From> {
  const fallback = { rev: base.label, words: `basrevisionen ${base.label}` };
  const register = await readRegister(dir).catch(() => undefined);
  const newest = register ? newestEntry(register.entries) : undefined;
  if (!newest) return fallback;
  const commit = await resolveCommit(top, newest.commit);
  if (!commit) {
    diagnostics.push(diagnostic('ci-antagen-saknas', { file: `agreements/${id}/register.yaml`, line: 1, column: 1 }, { revision: newest.revision, name: id, commit: newest.commit.slice(0, 12), base: base.label }));
    return fallback;
  }
  return { rev: commit.slice(0, 12), words: `senast antagna revisionen ${newest.revision} (beslutad ${newest.date}, commit ${commit.slice(0, 12)})` };
}

/** Writes one agreement's part of the pack: the built PDF, and the diff's summary, ändringsförteckning and redline PDF. */
async function packAgreement(id: string, from: From, root: string, dir: string, built: BuildResult): Promise<{ entry: PackEntry; browserMissing?: string }> {
  await mkdir(dir, { recursive: true });
  const pdf = built.manifest?.files.find((f) => f.agreement === id && f.format === 'pdf');
  if (pdf && built.outputDir) await copyFile(path.join(built.outputDir, pdf.path), path.join(dir, path.basename(pdf.path)));
  let browserMissing: string | undefined;
  const run: DiffRun | undefined = await runDiff({ agreement: id, from: from.rev, to: 'HEAD', format: 'paket', out: dir, cwd: root }).catch((err: unknown) => {
    // The summary and the ändringsförteckning are written before the redline needs a browser.
    if (err instanceof Error && err.name === 'BrowserUnavailableError') { browserMissing = err.message; return undefined; }
    throw err;
  });
  const files = (await readdir(dir)).sort();
  const summaryFile = files.find((f) => f.endsWith('-sammanfattning.md'));
  const summary = summaryFile ? await readFile(path.join(dir, summaryFile), 'utf8') : undefined;
  const base = { id, comparedWith: from.words, files: files.map((f) => `${id}/${f}`) };
  if (run && run.exitCode !== 0) {
    const isNew = run.diagnostics.length === 1 && run.diagnostics[0]?.code === 'diff-saknas';
    return { entry: { ...base, status: isNew ? 'ny' : 'ej-jamford', diagnostics: isNew ? [] : run.diagnostics } };
  }
  return { entry: { ...base, status: 'andrad', diagnostics: [], ...(summary ? { summary } : {}) }, ...(browserMissing ? { browserMissing } : {}) };
}

/** Whether a diagnostic (file relative to cwd) is about the agreement `id`, or about the registry every agreement uses. */
function blames(cwd: string, root: string, id: string, d: Diagnostic): boolean {
  const rel = slash(path.relative(root, path.resolve(cwd, d.file)));
  return rel.startsWith(`agreements/${id}/`) || rel === 'agreements/organisations.yaml';
}

async function agreementFolders(root: string): Promise<string[]> {
  const list = await readdir(path.join(root, 'agreements'), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of list) if (e.isDirectory() && (await exists(path.join(root, 'agreements', e.name, 'agreement.yaml')))) out.push(e.name);
  return out;
}

/** A link to the run's artifacts on GitHub or GitLab, when the environment tells where they are. */
function artifactLink(env: NodeJS.ProcessEnv, top: string, packDir: string): string | undefined {
  if (env['GITHUB_SERVER_URL'] && env['GITHUB_REPOSITORY'] && env['GITHUB_RUN_ID']) return `${env['GITHUB_SERVER_URL']}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}`;
  if (env['CI_JOB_URL']) return `${env['CI_JOB_URL']}/artifacts/browse/${slash(path.relative(top, packDir))}/`;
  return undefined;
}

/** GitHub refuses comments longer than 65 536 characters. */
const COMMENT_LIMIT = 60_000;
const MAX_LISTED = 50;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The diff summary's headings one level down, under the comment's own. */
const demote = (md: string): string => md.replace(/^(#{1,5}) /gm, '#$1 ');

interface CommentInput {
  entries: readonly PackEntry[];
  diagnostics: readonly Diagnostic[];
  base: Base;
  browserMissing: string | undefined;
  validationFailed: boolean;
  link: string | undefined;
}

/** The pull-request comment: the marker, the verdict, the diagnostics and every agreement's summary. */
function formatComment(c: CommentInput): string {
  const out: string[] = [COMMENT_MARKER, '## Styrelsepaket', ''];
  const n = c.entries.length;
  // Notes (noteringar) ask for no action; they stay in the log and the annotations.
  const listed = c.diagnostics.filter((d) => d.severity !== 'notering');
  out.push(c.validationFailed
    ? `❌ **Kontrollen hittade ${summarizeDiagnostics(c.diagnostics)}.** Rätta felen innan ändringen godkänns.`
    : `✅ **Kontrollen hittade inga fel**${listed.length > 0 ? ` (${summarizeDiagnostics(c.diagnostics)})` : ''}.`);
  out.push('', `Ändringen jämförs med \`${c.base.label}\`. ${n === 0 ? 'Ingen överenskommelse ändras.' : `${n} ${n === 1 ? 'överenskommelse ändras' : 'överenskommelser ändras'}.`}`);
  if (c.browserMissing) out.push('', `> **PDF saknas.** Ingen webbläsare fanns, så paketet innehåller texterna men ingen PDF (varken överenskommelsen eller redline). ${esc(c.browserMissing)}`);
  if (listed.length > 0) {
    out.push('', '### Fel och varningar', '');
    for (const d of listed.slice(0, MAX_LISTED)) out.push(`- \`${d.file}:${d.line}:${d.column}\` ${d.severity} \`${d.code}\`: ${esc(d.message)}  \n  _${esc(d.hint.replace(/\n/g, ' '))}_`);
    if (listed.length > MAX_LISTED) out.push(`- … och ${listed.length - MAX_LISTED} till (se körningens logg).`);
  }
  let length = out.join('\n').length;
  for (const e of c.entries) {
    const part = ['', '---', ''];
    if (e.status === 'andrad' && e.summary) {
      const summary = demote(e.summary.trim());
      part.push(length + summary.length < COMMENT_LIMIT ? summary : `### ${e.id}\n\nSammanfattningen är för lång för en kommentar; den finns i styrelsepaketet.`);
    } else part.push(`### ${e.id}`, '', statusWords(e));
    if (e.comparedWith && (e.status === 'andrad' || e.status === 'ej-jamford')) part.push('', `_Jämfört med ${esc(e.comparedWith)}._`);
    for (const d of e.diagnostics.slice(0, 10)) part.push(`- \`${esc(d.file)}:${d.line}\` \`${d.code}\`: ${esc(d.message)}`);
    if (e.files.length > 0) part.push('', `I paketet: ${e.files.map((f) => `\`${f}\``).join(', ')}`);
    length += part.join('\n').length;
    out.push(...part);
  }
  const anyFiles = c.entries.some((e) => e.files.length > 0);
  if (!anyFiles) out.push('', '---', '', c.validationFailed ? 'Styrelsepaketet skrivs när felen är rättade.' : 'Styrelsepaketet är tomt: ingen överenskommelse ändras.');
  else {
    const contents = c.browserMissing ? 'ändringsförteckning och sammanfattning' : 'överenskommelsens PDF, redline-PDF, ändringsförteckning och sammanfattning';
    out.push('', '---', '', c.link ? `Hela styrelsepaketet (${contents}) finns som artefakten **styrelsepaket** i [körningen](${c.link}).` : `Hela styrelsepaketet (${contents}) finns i mappen styrelsepaket.`);
  }
  out.push('', '_Kommentaren skrivs av `overens ci` och uppdateras vid varje push._');
  return `${out.join('\n')}\n`;
}

function statusWords(e: PackEntry): string {
  switch (e.status) {
    case 'ny': return 'Ny överenskommelse: det finns ingen tidigare revision att jämföra med.';
    case 'borttagen': return 'Överenskommelsen tas bort i den här ändringen.';
    case 'fel': return 'Inget underlag: överenskommelsen innehåller fel (se ovan).';
    case 'ej-jamford': return 'Ändringarna kunde inte jämföras:';
    default: return 'Inga ändringar att visa.';
  }
}
