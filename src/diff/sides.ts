/** Resolving `--from` and `--to` into loaded, validated sides: a git revision, a project folder or an agreement name. */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadProject, resolveTarget, type ParseMemo } from '../pipeline/load.ts';
import { checkProject } from '../pipeline/validate.ts';
import { materialise, repoTop, resolveCommit } from './git.ts';
import type { Side } from './changeset.ts';

/** What the user asked to compare. */
export interface SideRequest {
  /** Agreement folder name; may be left out when both sides name agreements, or when cwd is inside one. */
  agreement?: string;
  from: string;
  /** Defaults to the working tree. */
  to?: string;
  cwd: string;
}

/** Both sides loaded, or the diagnostics (and exit code) that explain why not. */
export type SidesResult =
  | { ok: true; before: Side; after: Side; cleanup: () => Promise<void> }
  | { ok: false; diagnostics: Diagnostic[]; exitCode: 1 | 2 };

interface Located { label: string; root: string; name: string; temp?: string }
type Locate = { ok: true; side: Located } | { ok: false; diagnostic: Diagnostic; exitCode: 1 | 2 };

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
const here = { file: '.', line: 1, column: 1 };

/** Loads both sides of a comparison; never throws for bad input. */
export async function resolveSides(req: SideRequest): Promise<SidesResult> {
  const work = await resolveTarget(req.cwd);
  const name = req.agreement ?? work?.only;
  const temps: string[] = [];
  const cleanup = async (): Promise<void> => { await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))); };
  const fail = async (diagnostics: Diagnostic[], exitCode: 1 | 2): Promise<SidesResult> => { await cleanup(); return { ok: false, diagnostics, exitCode }; };

  const from = await locate(req.from, name, req.agreement === undefined, work?.root, req.cwd);
  if (from.ok && from.side.temp) temps.push(from.side.temp);
  const toName = name ?? (from.ok ? from.side.name : undefined);
  const to = req.to === undefined ? locateWorktree(work?.root, toName) : await locate(req.to, toName, req.agreement === undefined, work?.root, req.cwd);
  if (to.ok && to.side.temp) temps.push(to.side.temp);
  if (!from.ok || !to.ok) {
    const bad = [from, to].filter((x): x is Extract<Locate, { ok: false }> => !x.ok);
    return fail(bad.map((b) => b.diagnostic), bad.some((b) => b.exitCode === 2) ? 2 : 1);
  }
  const fromThere = await exists(path.join(from.side.root, 'agreements', from.side.name, 'agreement.yaml'));
  const toThere = await exists(path.join(to.side.root, 'agreements', to.side.name, 'agreement.yaml'));
  if (!fromThere || !toThere) {
    const missing: Diagnostic[] = [];
    if (!fromThere) missing.push(diagnostic('diff-saknas', { ...here, file: `agreements/${from.side.name}` }, { name: from.side.name, side: from.side.label, ...(toThere ? { other: to.side.label } : {}) }));
    if (!toThere) missing.push(diagnostic('diff-saknas', { ...here, file: `agreements/${to.side.name}` }, { name: to.side.name, side: to.side.label, ...(fromThere ? { other: from.side.label } : {}) }));
    return fail(missing, fromThere || toThere ? 1 : 2);
  }
  // The sides share their parses: most files of a revision are the same on both sides.
  const parses: ParseMemo = new Map();
  const [before, after] = await Promise.all([loadSide(from.side, parses), loadSide(to.side, parses)]);
  const bad = [before, after].flatMap((s) => (s.ok ? [] : s.diagnostics));
  if (!before.ok || !after.ok) return fail(bad, 1);
  return { ok: true, before: before.side, after: after.side, cleanup };
}

function locateWorktree(root: string | undefined, name: string | undefined): Locate {
  if (!root) return { ok: false, diagnostic: diagnostic('ingen-overenskommelse', here, { path: 'den här mappen' }), exitCode: 2 };
  if (!name) return { ok: false, diagnostic: diagnostic('diff-ange-overenskommelse', here), exitCode: 2 };
  return { ok: true, side: { label: 'arbetskopian', root, name } };
}

async function locate(spec: string, name: string | undefined, namesAllowed: boolean, workRoot: string | undefined, cwd: string): Promise<Locate> {
  const asPath = path.resolve(cwd, spec);
  if (spec.includes('/') || spec === '.' || spec === '..' ? await exists(asPath) : false) {
    const found = await resolveTarget(asPath);
    if (!found) return { ok: false, diagnostic: diagnostic('ingen-overenskommelse', { ...here, file: spec }, { path: spec }), exitCode: 2 };
    const n = found.only ?? name ?? (await onlyAgreement(found.root));
    if (!n) return { ok: false, diagnostic: diagnostic('diff-ange-overenskommelse', here), exitCode: 2 };
    return { ok: true, side: { label: spec, root: found.root, name: n } };
  }
  if (namesAllowed && workRoot && (await exists(path.join(workRoot, 'agreements', spec, 'agreement.yaml')))) {
    return { ok: true, side: { label: spec, root: workRoot, name: spec } };
  }
  const top = await repoTop(cwd);
  if (!top) return { ok: false, diagnostic: diagnostic('diff-okand-revision', here, { rev: spec, detail: 'mappen ligger inte i något git-förråd' }), exitCode: 2 };
  const commit = await resolveCommit(top, spec);
  if (!commit) return { ok: false, diagnostic: diagnostic('diff-okand-revision', here, { rev: spec }), exitCode: 2 };
  if (!name) return { ok: false, diagnostic: diagnostic('diff-ange-overenskommelse', here), exitCode: 2 };
  const prefix = workRoot ? path.relative(top, workRoot).split(path.sep).join('/') : '';
  const under = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const temp = await mkdtemp(path.join(tmpdir(), 'overens-diff-'));
  await materialise(top, commit, [under('agreements/organisations.yaml'), under(`agreements/${name}/`)], temp);
  return { ok: true, side: { label: spec, root: path.join(temp, ...prefix.split('/').filter(Boolean)), name, temp } };
}

/** The one agreement of a project folder that holds exactly one. */
async function onlyAgreement(root: string): Promise<string | undefined> {
  const entries = await readdir(path.join(root, 'agreements'), { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  return names.length === 1 ? names[0] : undefined;
}

async function loadSide(s: Located, parses: ParseMemo): Promise<{ ok: true; side: Side } | { ok: false; diagnostics: Diagnostic[] }> {
  const loaded = await loadProject(s.root, [s.name], { base: s.root, parses });
  const diagnostics = [...loaded.diagnostics];
  const project = loaded.project;
  const agreement = project?.agreements.find((a) => a.id === s.name);
  if (project) diagnostics.push(...(await checkProject(project)));
  if (!project || !agreement || hasErrors(diagnostics)) {
    const errors = sortDiagnostics(diagnostics.filter((d) => d.severity === 'fel')).map((d) => ({ ...d, file: `${s.label}:${d.file}` }));
    return { ok: false, diagnostics: [diagnostic('diff-ogiltig', { ...here, file: `${s.label}:agreements/${s.name}` }, { name: s.name, side: s.label, count: errors.length }), ...errors] };
  }
  const images = new Map<string, string>();
  for (const f of agreement.agreement.figures ?? []) {
    if (!f.file) continue;
    const bytes = await readFile(path.join(agreement.dir, f.file)).catch(() => undefined);
    if (bytes) images.set(f.file, createHash('sha256').update(bytes).digest('hex'));
  }
  return { ok: true, side: { label: s.label, project, agreement, images } };
}
