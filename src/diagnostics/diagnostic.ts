/** The Diagnostic type and the helpers that build, sort and print diagnostics. */
import { catalogue, type Code, type Severity } from './catalogue.ts';

/** One problem found in the user's content, pointing at a file, line and column. */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** Path of the file, relative to the working directory, with forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

/** A place in a file: 1-based line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** Builds a diagnostic from its code, its place and the facts its message needs. */
export function diagnostic(code: Code, place: Place, facts: Record<string, string | number> = {}): Diagnostic {
  const e = catalogue[code];
  return {
    code,
    severity: e.severity,
    file: place.file,
    line: place.line,
    column: place.column,
    message: e.message(facts),
    hint: e.hint(facts),
  };
}

const collator = new Intl.Collator('sv');

/** Sorts diagnostics by file, line and column, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => collator.compare(a.file, b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'fel');
}

/** Formats one diagnostic as `file:line:col  fel  kod  meddelande` with the hint below. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint.split('\n').map((l) => `    ${l}`).join('\n');
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}\n${hint}`;
}

/** Counts diagnostics by severity, in Swedish: "2 fel, 1 varning". */
export function summarizeDiagnostics(list: readonly Diagnostic[]): string {
  const n = (s: Severity) => list.filter((d) => d.severity === s).length;
  const parts = [`${n('fel')} fel`, `${n('varning')} ${n('varning') === 1 ? 'varning' : 'varningar'}`];
  if (n('notering') > 0) parts.push(`${n('notering')} ${n('notering') === 1 ? 'notering' : 'noteringar'}`);
  return parts.join(', ');
}

/**
 * The last resort: an unexpected failure while working on one file, carried as that file's
 * diagnostic (kunde-inte-behandlas) so no English runtime error reaches the user.
 */
export class ContentFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** A kunde-inte-behandlas diagnostic for `file`, naming the stage that failed. */
export function failureIn(file: string, stage: string): Diagnostic {
  return diagnostic('kunde-inte-behandlas', { file, line: 1, column: 1 }, { stage });
}
