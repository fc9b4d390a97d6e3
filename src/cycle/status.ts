/**
 * `overens status`: the decision calendar. Per agreement: the current revision and its status,
 * its validity, the next decision deadline with the days left (in Swedish local time), how far
 * the working tree is from the adopted revision (register.yaml's newest entry), and whether it
 * validates. A deadline within 30 days while the proposal has errors gives a warning, and exit
 * code 1 with `strict`, so CI can gate on it.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { unknownAgreement } from '../pipeline/unknown-agreement.ts';
import { placeOf } from '../diagnostics/locate.ts';
import { countKinds, type ChangeKind } from '../diff/types.ts';
import { runDiff } from '../diff/run.ts';
import { loadProject, resolveTarget } from '../pipeline/load.ts';
import { checkProject } from '../pipeline/validate.ts';
import { newestEntry, readRegister } from './register.ts';
import { addYears } from './revision-new.ts';
import type { AgreementFileData } from '../model/types.ts';
import { nextMilestone } from '../followup/calendar.ts';

import { WARN_DAYS } from './status-days.ts';
/** Days before a deadline from which a proposal with errors is warned about. */
export { WARN_DAYS };

/** What to report on and as of which day. */
export interface StatusOptions {
  /** Agreement folder names (or paths); none means every agreement of the project. */
  agreements?: readonly string[];
  cwd?: string;
  /** Today as YYYY-MM-DD; overrides `now`. */
  today?: string;
  /** The clock, for tests; today is its date in Europe/Stockholm. */
  now?: () => Date;
  /** Exit code 1 when a warning about a deadline is given. */
  strict?: boolean;
}

/** The newest adopted revision, from register.yaml. */
export interface AdoptedRevision {
  revision: string;
  date?: string;
  body?: string;
  commit?: string;
}

/** How the working tree compares with the adopted revision. */
export type Comparison =
  | { state: 'ingen-antagen' }
  | { state: 'jamford'; total: number; byKind: Record<ChangeKind, number> }
  | { state: 'kan-inte-jamforas'; reason: string };

/** The decision calendar's facts about one agreement. */
export interface AgreementStatus {
  id: string;
  /** The cluster's name, or the title. */
  name?: string;
  /** False when agreement.yaml could not be read (see the error count). */
  loaded: boolean;
  revision?: { id: string; date: string; status?: 'forslag' | 'antagen' };
  validity?: { from: string; to: string };
  deadline?: { date: string; for?: number; daysLeft: number; passed: boolean };
  /** The next milestone of the årshjul (cycle.yaml) before the decision, with the days left. */
  nextMilestone?: { id: string; title: string; date: string; daysLeft: number };
  adopted?: AdoptedRevision;
  comparison: Comparison;
  validation: { errors: number; warnings: number };
  /** True when the deadline is within WARN_DAYS days and there are errors. */
  warning: boolean;
  /** The warning itself, when there is one (also in the report's diagnostics). */
  warningDiagnostic?: Diagnostic;
}

/** The whole report: the day it is made for, each agreement, diagnostics and the exit code. */
export interface StatusReport {
  today: string;
  agreements: AgreementStatus[];
  diagnostics: Diagnostic[];
  exitCode: 0 | 1 | 2;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const here = { file: '.', line: 1, column: 1 };

/** Today's date (YYYY-MM-DD) in Swedish local time (Europe/Stockholm). */
export function stockholmToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (s: string): number => Date.parse(`${s}T00:00:00Z`);
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The newest entry of an agreement's register.yaml (via the register's reader), or why it cannot be read. */
export async function readAdopted(agreementDir: string): Promise<{ adopted?: AdoptedRevision; problem?: string }> {
  const register = await readRegister(agreementDir);
  if (!register.exists) return {};
  const first = register.diagnostics[0];
  if (first) return { problem: `register.yaml går inte att läsa: ${first.message.replace(/\.$/, '')}` };
  const e = newestEntry(register.entries);
  return e ? { adopted: { revision: e.revision, date: e.date, body: e.body, commit: e.commit } } : {};
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** Builds the decision calendar; never throws for bad input. */
export async function collectStatus(options: StatusOptions = {}): Promise<StatusReport> {
  const cwd = options.cwd ?? process.cwd();
  const today = options.today ?? stockholmToday(options.now ? options.now() : new Date());
  const fail = (d: Diagnostic): StatusReport => ({ today, agreements: [], diagnostics: [d], exitCode: 2 });
  if (!isIsoDate(today)) return fail(diagnostic('status-ogiltigt-datum', here, { value: today }));

  const work = await resolveTarget(cwd);
  if (!work) return fail(diagnostic('ingen-overenskommelse', here, { path: 'den här mappen' }));
  const root = work.root;
  const requested = options.agreements && options.agreements.length > 0 ? [...options.agreements] : work.only ? [work.only] : undefined;
  let names: string[];
  const missing: Diagnostic[] = [];
  if (requested) {
    names = [];
    for (const spec of requested) {
      const name = await agreementName(spec, root, cwd);
      if (name) { if (!names.includes(name)) names.push(name); } else missing.push(await unknownAgreement(spec, root, { ...here, file: spec }));
    }
    // An unknown agreement is exit 1, as in every command.
    if (missing.length > 0) return { today, agreements: [], diagnostics: missing, exitCode: 1 };
  } else {
    const entries = await readdir(path.join(root, 'agreements'), { withFileTypes: true }).catch(() => []);
    names = [];
    for (const e of entries.filter((x) => x.isDirectory() && !x.name.startsWith('.')).map((x) => x.name).sort()) {
      if (await exists(path.join(root, 'agreements', e, 'agreement.yaml'))) names.push(e);
    }
  }

  const loaded = await loadProject(root, names, { base: cwd });
  const all = [...loaded.diagnostics, ...(loaded.project ? await checkProject(loaded.project) : [])];
  const shown = (abs: string): string => `${path.relative(cwd, abs).split(path.sep).join('/')}/`;
  const prefixes = new Map(names.map((n) => [n, shown(path.join(root, 'agreements', n))]));

  const out: AgreementStatus[] = [];
  const warnings: Diagnostic[] = [];
  for (const id of names) {
    const dir = path.join(root, 'agreements', id);
    const mine = all.filter((d) => {
      for (const [other, prefix] of prefixes) if (other !== id && d.file.startsWith(prefix)) return false;
      return true;
    });
    const validation = { errors: mine.filter((d) => d.severity === 'fel').length, warnings: mine.filter((d) => d.severity === 'varning').length };
    const model = loaded.project?.agreements.find((a) => a.id === id);
    const { adopted, problem } = await readAdopted(dir);
    const comparison: Comparison = problem ? { state: 'kan-inte-jamforas', reason: problem } : await compare(id, adopted, root);
    if (!model) {
      out.push({ id, loaded: false, ...(adopted ? { adopted } : {}), comparison, validation, warning: false });
      continue;
    }
    const a = model.agreement;
    const v = a.validity;
    let deadline: AgreementStatus['deadline'];
    const due = decisionDue(a);
    if (due) {
      const daysLeft = daysBetween(today, due.date);
      deadline = { ...due, daysLeft, passed: daysLeft < 0 };
    }
    const upcoming = loaded.project ? nextMilestone(loaded.project, model, due, today) : undefined;
    const milestone = upcoming ? { id: upcoming.uid.replace(/@overens$/, ''), title: upcoming.title, date: upcoming.date, daysLeft: daysBetween(today, upcoming.date) } : undefined;
    const warning = deadline !== undefined && deadline.daysLeft >= 0 && deadline.daysLeft <= WARN_DAYS && validation.errors > 0;
    let warningDiagnostic: Diagnostic | undefined;
    if (warning && deadline) {
      const src = model.sources['agreement.yaml'];
      const at = src ? placeOf(src, ['validity', 'nextDecisionBy']) : { ...here, file: shown(dir) };
      warningDiagnostic = diagnostic('status-beslutsfrist-fel', at, {
        name: id, deadline: deadline.date, days: deadline.daysLeft, count: validation.errors, ...(deadline.for !== undefined ? { for: deadline.for } : {}),
      });
      warnings.push(warningDiagnostic);
    }
    out.push({
      id, name: a.cluster ?? a.title, loaded: true,
      revision: { id: a.revision.id, date: a.revision.date, ...(a.revision.status ? { status: a.revision.status } : {}) },
      validity: { from: v.from, to: v.to },
      ...(deadline ? { deadline } : {}),
      ...(milestone ? { nextMilestone: milestone } : {}),
      ...(adopted ? { adopted } : {}),
      comparison, validation, warning, ...(warningDiagnostic ? { warningDiagnostic } : {}),
    });
  }
  const exitCode: 0 | 1 = options.strict && out.some((s) => s.warning) ? 1 : 0;
  return { today, agreements: out, diagnostics: sortDiagnostics(warnings), exitCode };
}

/**
 * The decision deadline that matters now: for a proposal (status forslag) of year Y, the deadline
 * for deciding Y itself (validity.nextDecisionBy moved back to Y, since `revision new` has already
 * moved it on to the year after); otherwise validity.nextDecisionBy and nextDecisionFor as written.
 */
export function decisionDue(a: AgreementFileData): { date: string; for?: number } | undefined {
  const v = a.validity;
  if (!v.nextDecisionBy) return undefined;
  if (a.revision.status === 'forslag' && /^\d{4}$/.test(a.revision.id)) {
    const year = Number(a.revision.id);
    const next = v.nextDecisionFor ?? year + 1;
    if (next > year) return { date: addYears(v.nextDecisionBy, year - next), for: year };
  }
  return { date: v.nextDecisionBy, ...(v.nextDecisionFor !== undefined ? { for: v.nextDecisionFor } : {}) };
}

async function agreementName(spec: string, root: string, cwd: string): Promise<string | undefined> {
  if (/^[a-z0-9-]+$/.test(spec) && (await exists(path.join(root, 'agreements', spec, 'agreement.yaml')))) return spec;
  const asPath = path.resolve(cwd, spec);
  if (!(await exists(asPath))) return undefined;
  const found = await resolveTarget(asPath);
  return found && path.resolve(found.root) === path.resolve(root) ? found.only : undefined;
}

async function compare(id: string, adopted: AdoptedRevision | undefined, root: string): Promise<Comparison> {
  if (!adopted) return { state: 'ingen-antagen' };
  if (!adopted.commit) return { state: 'kan-inte-jamforas', reason: 'register.yaml anger ingen commit för den antagna revisionen' };
  const run = await runDiff({ agreement: id, from: adopted.commit, format: 'json', cwd: root });
  if (!run.changeSet || run.exitCode === 2 || (run.exitCode !== 0 && run.diagnostics.length > 0)) {
    const first = run.diagnostics.find((d) => d.code.startsWith('diff-')) ?? run.diagnostics[0];
    return { state: 'kan-inte-jamforas', reason: first ? first.message.replace(/\s*\(listade nedan\)/, '').replace(/\.$/, '') : 'okänt fel' };
  }
  return { state: 'jamford', total: run.changeSet.changes.length, byKind: countKinds(run.changeSet.changes) };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The days left to a deadline in Swedish, e.g. "20 dagar kvar", "i dag" or "passerad för 1 dag sedan". */
export function describeDaysLeft(days: number): string {
  if (days > 0) return `${plural(days, 'dag', 'dagar')} kvar`;
  if (days === 0) return 'i dag';
  return `passerad för ${plural(-days, 'dag', 'dagar')} sedan`;
}

const KIND_WORDS: [ChangeKind, string, string][] = [
  ['added', 'tillagd', 'tillagda'], ['removed', 'borttagen', 'borttagna'], ['changed', 'ändrad', 'ändrade'],
  ['moved', 'flyttad', 'flyttade'], ['moved-changed', 'flyttad och ändrad', 'flyttade och ändrade'],
];

function describeComparison(s: AgreementStatus): string {
  const c = s.comparison;
  if (c.state === 'ingen-antagen') return 'ingen antagen revision';
  const a = s.adopted;
  const which = a ? `antagen revision ${a.revision}${a.date || a.commit ? ` (${[a.date, a.commit?.slice(0, 7)].filter(Boolean).join(', ')})` : ''}` : 'antagen revision';
  if (c.state === 'kan-inte-jamforas') return `kan inte jämföras med ${which}: ${c.reason}`;
  if (c.total === 0) return `samma som ${which}`;
  const kinds = KIND_WORDS.filter(([k]) => c.byKind[k] > 0).map(([k, one, many]) => `${c.byKind[k]} ${c.byKind[k] === 1 ? one : many}`);
  return `skiljer sig från ${which}: ${plural(c.total, 'ändring', 'ändringar')} (${kinds.join(', ')})`;
}

/** The report as Swedish text: one block per agreement with aligned labels. */
export function formatStatusText(report: StatusReport): string {
  const lines: string[] = [`Beslutskalender ${report.today} (svensk tid)`];
  for (const s of report.agreements) {
    lines.push('', s.name ? `${s.id} · ${s.name}` : s.id);
    const rows: [string, string][] = [];
    if (!s.loaded) rows.push(['Revision', 'agreement.yaml går inte att läsa in (se nedan)']);
    if (s.revision) {
      const status = s.revision.status === 'forslag' ? 'förslag' : s.revision.status;
      rows.push(['Revision', `${s.revision.id}${status ? `, ${status}` : ''} (${s.revision.date})`]);
    }
    if (s.validity) rows.push(['Giltighet', s.validity.to === 'tills vidare' ? `från ${s.validity.from}, tills vidare` : `${s.validity.from} – ${s.validity.to}`]);
    if (s.loaded) {
      rows.push(['Nästa beslut', s.deadline
        ? `senast ${s.deadline.date}${s.deadline.for !== undefined ? ` om ${s.deadline.for}` : ''}: ${describeDaysLeft(s.deadline.daysLeft)}`
        : 'ingen beslutsfrist angiven (validity.nextDecisionBy)']);
    }
    if (s.nextMilestone) rows.push(['Nästa hållpunkt', `${s.nextMilestone.title} ${s.nextMilestone.date}: ${describeDaysLeft(s.nextMilestone.daysLeft)}`]);
    rows.push(['Mot antagen', describeComparison(s)]);
    const v = s.validation;
    rows.push(['Kontroll', v.errors === 0 && v.warnings === 0 ? 'inga fel' : `${v.errors} fel, ${plural(v.warnings, 'varning', 'varningar')}`]);
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, val] of rows) lines.push(`  ${k.padEnd(width)}  ${val}`);
    const d = s.warningDiagnostic;
    if (d) lines.push(`  Varning: ${d.message}`, `    ${d.hint}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The report as JSON for machines. */
export function formatStatusJson(report: StatusReport): string {
  const agreements = report.agreements.map(({ warningDiagnostic: _d, ...rest }) => rest);
  return `${JSON.stringify({ today: report.today, agreements, diagnostics: report.diagnostics }, null, 2)}\n`;
}
