/**
 * `overens revision new`: prepares next year's revision of an agreement in the working tree.
 *
 * Only agreement.yaml changes, and only the fields that follow the yearly cycle; the edit goes
 * through the `yaml` Document API so comments, key order and quoting stay as they were and the
 * pull request shows just the real edits. The rules (also in the command's help):
 *
 * - revision.id becomes the year; revision.status becomes forslag (added when missing);
 *   revision.date becomes the deadline for deciding the new revision: the old
 *   validity.nextDecisionBy when it was the deadline for that year (moved otherwise), or
 *   30 November the year before when the agreement names no deadline.
 * - validity: a calendar-year period becomes the given year; another fixed period keeps its
 *   length and moves as many years as the revision does; with "tills vidare" only `from`
 *   moves, to 1 January of the year, and only when it lies before that day.
 * - validity.nextDecisionBy and nextDecisionFor move as many years as the revision does
 *   (one year for the following year). Fields that are missing are not added.
 * - signatories lose `date` and `place`: last year's signatures do not belong to the proposal.
 * - decision is kept: it records the decision the proposal builds on until the board has
 *   decided on the new revision (adopting the revision replaces it).
 * - Everything else (parties, prose, goals, budget) is kept.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { unknownAgreement } from '../pipeline/unknown-agreement.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementFileData } from '../model/types.ts';
import { resolveTarget } from '../pipeline/load.ts';
import { validatePaths } from '../pipeline/validate.ts';

/** What to prepare: which agreement, for which year, from which folder. */
export interface RevisionNewOptions {
  /** Agreement folder name under agreements/, or a path to the folder. */
  agreement: string;
  /** The year of the new revision, e.g. 2024 or "2024". */
  year: string | number;
  cwd?: string;
  /** Show the edits without writing the file. */
  dryRun?: boolean;
}

/** One edit of agreement.yaml: the field's path and its value before and after (undefined: absent). */
export interface RevisionEdit {
  path: (string | number)[];
  before?: string | number;
  after?: string | number;
}

/** The outcome: exit code, diagnostics, the edits, the file and what the user should review by hand. */
export interface RevisionNewResult {
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  edits: RevisionEdit[];
  /** agreement.yaml, relative to cwd. */
  file?: string;
  /** True when agreement.yaml was written. */
  written: boolean;
  /** Swedish notes on texts that mention the old year and are left for the user to check. */
  review: string[];
  /** The old and new revision ids. */
  revisions?: { from: string; to: string };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date `n` years after (or before) an ISO date; 29 February becomes 28 February in other years. */
export function addYears(iso: string, n: number): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]) + n;
  let day = m[3] ?? '01';
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (m[2] === '02' && day === '29' && !leap) day = '28';
  return `${String(year).padStart(4, '0')}-${m[2]}-${day}`;
}

/** The date `n` days after (or before) an ISO date. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The year a revision is about: its id when that is a year, else the year its validity starts. */
export function revisionYear(a: AgreementFileData): number {
  return /^\d{4}$/.test(a.revision.id) ? Number(a.revision.id) : Number(a.validity.from.slice(0, 4));
}

/** The edits that turn an agreement into the proposal for `year` (which must be after its revision year). */
export function planRevision(a: AgreementFileData, year: number): RevisionEdit[] {
  const n = year - revisionYear(a);
  const edits: RevisionEdit[] = [];
  const set = (p: (string | number)[], before: string | number | undefined, after: string | number | undefined): void => {
    if (before !== after) edits.push({ path: p, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  };
  const v = a.validity;

  set(['revision', 'id'], a.revision.id, String(year));
  let decideBy: string;
  if (v.nextDecisionBy && v.nextDecisionFor !== undefined) decideBy = addYears(v.nextDecisionBy, year - v.nextDecisionFor);
  else if (v.nextDecisionBy) decideBy = addYears(v.nextDecisionBy, n - 1);
  else decideBy = `${year - 1}-11-30`;
  set(['revision', 'date'], a.revision.date, decideBy);
  set(['revision', 'status'], a.revision.status, 'forslag');

  if (v.to === 'tills vidare') {
    const start = `${year}-01-01`;
    if (v.from < start) set(['validity', 'from'], v.from, start);
  } else {
    const fromYear = v.from.slice(0, 4);
    const calendarYear = v.from === `${fromYear}-01-01` && v.to === `${fromYear}-12-31`;
    set(['validity', 'from'], v.from, calendarYear ? `${year}-01-01` : addYears(v.from, n));
    // The period ends the day before the next one starts, so March–February ends on 29 February in
    // a leap year and on the 28th otherwise (moving the end date itself would drop or add a day).
    set(['validity', 'to'], v.to, calendarYear ? `${year}-12-31` : addDays(addYears(addDays(v.to, 1), n), -1));
  }
  if (v.nextDecisionBy) set(['validity', 'nextDecisionBy'], v.nextDecisionBy, addYears(v.nextDecisionBy, n));
  if (v.nextDecisionFor !== undefined) set(['validity', 'nextDecisionFor'], v.nextDecisionFor, v.nextDecisionFor + n);

  a.signatories.forEach((s, i) => {
    if (s.date !== undefined) set(['signatories', i, 'date'], s.date, undefined);
    if (s.place !== undefined) set(['signatories', i, 'place'], s.place, undefined);
  });
  return edits;
}

/** Applies edits to YAML text with the Document API; `exact` is false when even untouched lines may be re-serialised differently. */
export function applyRevisionEdits(text: string, edits: readonly RevisionEdit[]): { text: string; exact: boolean } {
  const options = { lineWidth: 0 } as const;
  const exact = parseDocument(text).toString(options) === text;
  const doc = parseDocument(text);
  for (const e of edits) {
    if (e.after === undefined) doc.deleteIn(e.path);
    else doc.setIn(e.path, e.after);
  }
  return { text: doc.toString(options), exact };
}

/** Titles that still name the old year, as Swedish notes for the user to check by hand. */
function reviewNotes(a: AgreementFileData, oldYear: number): string[] {
  const year = new RegExp(`\\b${oldYear}\\b`);
  const fields: [string, string | undefined][] = [
    ['title', a.title], ['subtitle', a.subtitle], ['main.title', a.main.title], ['main.subtitle', a.main.subtitle],
    ...(a.bilagor ?? []).flatMap((b, i): [string, string | undefined][] => [[`bilagor[${i}].title`, b.title], [`bilagor[${i}].subtitle`, b.subtitle]]),
  ];
  return fields.filter(([, t]) => t !== undefined && year.test(t)).map(([f]) => `${f} nämner ${oldYear}; kontrollera om det ska stå något annat.`);
}

/** Prepares next year's revision: validates, refuses or edits agreement.yaml; never throws for bad input. */
export async function newRevision(options: RevisionNewOptions): Promise<RevisionNewResult> {
  const cwd = options.cwd ?? process.cwd();
  const none = { edits: [], written: false, review: [] };
  const yearText = String(options.year).trim();
  if (!/^\d{4}$/.test(yearText)) {
    return { ...none, exitCode: 2, diagnostics: [diagnostic('revision-ogiltigt-ar', { file: '.', line: 1, column: 1 }, { value: yearText })] };
  }
  const year = Number(yearText);

  const dir = await agreementDir(options.agreement, cwd);
  if (!dir) {
    return { ...none, exitCode: 1, diagnostics: [await unknownAgreement(options.agreement, cwd)] };
  }
  const name = path.basename(dir);
  const abs = path.join(dir, 'agreement.yaml');
  const file = path.relative(cwd, abs).split(path.sep).join('/');
  const { projects, diagnostics } = await validatePaths([dir], { base: cwd });
  const model = projects.flatMap((p) => p.agreements).find((a) => a.dir === dir);
  const src = model?.sources['agreement.yaml'];

  if (model && src) {
    const current = revisionYear(model.agreement);
    if (year <= current) {
      const d = diagnostic('revision-inte-senare', placeOf(src, ['revision', 'id']), { year, current: model.agreement.revision.id, next: current + 1 });
      return { ...none, file, exitCode: 1, diagnostics: [d] };
    }
  }
  if (!model || !src || hasErrors(diagnostics)) {
    const count = diagnostics.filter((d) => d.severity === 'fel').length;
    const d = diagnostic('revision-har-fel', { file, line: 1, column: 1 }, { name, count });
    return { ...none, file, exitCode: 1, diagnostics: [...diagnostics.filter((x) => x.severity === 'fel'), d] };
  }

  const a = model.agreement;
  const edits = planRevision(a, year);
  const text = await readFile(abs, 'utf8');
  const applied = applyRevisionEdits(text, edits);
  const notes: Diagnostic[] = applied.exact ? [] : [diagnostic('revision-omformaterad', { file, line: 1, column: 1 })];
  if (!options.dryRun && edits.length > 0) await writeFile(abs, applied.text);
  return {
    exitCode: 0, diagnostics: notes, edits, file, written: !options.dryRun && edits.length > 0,
    review: reviewNotes(a, revisionYear(a)), revisions: { from: a.revision.id, to: String(year) },
  };
}

async function agreementDir(spec: string, cwd: string): Promise<string | undefined> {
  const isFile = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);
  const asPath = path.resolve(cwd, spec);
  if (await isFile(path.join(asPath, 'agreement.yaml'))) {
    const found = await resolveTarget(asPath);
    if (found?.only) return path.join(found.root, 'agreements', found.only);
  }
  const work = await resolveTarget(cwd);
  if (work && /^[a-z0-9-]+$/.test(spec) && (await isFile(path.join(work.root, 'agreements', spec, 'agreement.yaml')))) {
    return path.join(work.root, 'agreements', spec);
  }
  return undefined;
}

const shownValue = (v: string | number | undefined, absent: string): string => (v === undefined ? absent : String(v));
const shownPath = (p: readonly (string | number)[]): string => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i > 0 ? '.' : ''}${s}`)).join('');

/** The Swedish report of a prepared revision: each edit, what to check and the next steps. */
export function formatRevisionResult(r: RevisionNewResult, agreement: string, dryRun = false): string {
  if (r.exitCode !== 0 || !r.revisions) return '';
  const lines: string[] = [];
  const head = dryRun ? 'Skulle ändra' : r.written ? 'Ändrade' : 'Inget att ändra i';
  lines.push(`${head} ${r.file ?? 'agreement.yaml'} (revision ${r.revisions.from} → ${r.revisions.to}, förslag):`);
  const width = Math.max(0, ...r.edits.map((e) => shownPath(e.path).length));
  for (const e of r.edits) lines.push(`  ${shownPath(e.path).padEnd(width)}  ${shownValue(e.before, '(saknas)')} → ${shownValue(e.after, '(tas bort)')}`);
  if (r.review.length > 0) {
    lines.push('', 'Kontrollera själv (ändras inte automatiskt):');
    for (const n of r.review) lines.push(`  ${n}`);
  }
  lines.push(
    '',
    'Nästa steg:',
    '  1. Skriv in årets ändringar i texten, målen och budgeten.',
    `  2. Kör overens validate agreements/${agreement} och rätta det som visas.`,
    `  3. Visa ändringarna för styrelsen: overens diff ${agreement} --from <antagen revision> --format paket`,
    `  4. Följ beslutsfristen med overens status ${agreement}.`,
  );
  return `${lines.join('\n')}\n`;
}
