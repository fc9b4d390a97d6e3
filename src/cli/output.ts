/** Printing diagnostics for people (Swedish text) and machines (JSON). */
import { formatDiagnostic, summarizeDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';

/** Writes diagnostics to stderr as text, or to stdout as JSON, and returns nothing. */
export function printDiagnostics(list: readonly Diagnostic[], format: 'text' | 'json', stream: { write(s: string): unknown } = process.stderr): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  for (const d of list) stream.write(`${formatDiagnostic(d)}\n`);
  if (list.length > 0) stream.write(`\n${summarizeDiagnostics(list)}\n`);
}
