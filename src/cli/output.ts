/** Printing diagnostics for people (Swedish text) and machines (JSON). */
import { diagnostic, formatDiagnostic, summarizeDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';

/** Writes diagnostics to stderr as text, or to stdout as JSON, and returns nothing. */
export function printDiagnostics(list: readonly Diagnostic[], format: 'text' | 'json', stream: { write(s: string): unknown } = process.stderr): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  for (const d of list) stream.write(`${formatDiagnostic(d)}\n`);
  if (list.length > 0) stream.write(`\n${summarizeDiagnostics(list)}\n`);
}

/**
 * A failed command's result as JSON on stdout: `validate` prints its list of diagnostics as always;
 * the other commands print `{ "exitCode": n, "diagnostics": [...] }`.
 */
export function printJsonFailure(command: string, diagnostics: readonly Diagnostic[], exitCode: number): void {
  const body = command === 'validate' ? diagnostics : { exitCode, diagnostics };
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
}

/** A usage error (already Swedish, "fel: …") as the diagnostic kommando-fel. */
export function usageDiagnostic(command: string, message: string): Diagnostic {
  const text = message.replace(/^fel: /, '').split('\n')[0] ?? '';
  return diagnostic('kommando-fel', { file: '.', line: 1, column: 1 }, { message: text.charAt(0).toLocaleUpperCase('sv') + text.slice(1), command });
}
