/** `overens calendar` without the command line: every agreement's årshjul and decision deadline as iCalendar. */
import path from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import { decisionDue } from '../cycle/status.ts';
import { agreementEvents, formatIcs, sortEvents, type CalendarEvent } from './calendar.ts';
import { loadValidProject } from './run.ts';
import { writeAtomically } from './write-pages.ts';

/** The outcome: exit code, diagnostics, the iCalendar text (for stdout when no file) and the files written. */
export interface CalendarRun {
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  ics?: string;
  events: CalendarEvent[];
  files: string[];
}

/** Builds the calendar of every agreement (or the named ones) and writes it to `out` when given. */
export async function runCalendar(options: { cwd?: string; agreements?: readonly string[]; out?: string } = {}): Promise<CalendarRun> {
  const cwd = options.cwd ?? process.cwd();
  const names = options.agreements ?? [];
  const diagnostics: Diagnostic[] = [];
  const events: CalendarEvent[] = [];
  const stamps: string[] = [];
  const loads = names.length > 0 ? await Promise.all(names.map((n) => loadValidProject(cwd, n))) : [await loadValidProject(cwd)];
  for (const loaded of loads) {
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.project) return { exitCode: 2, diagnostics, events: [], files: [] };
    for (const a of loaded.project.agreements) {
      if (loaded.name && a.id !== loaded.name) continue;
      if (events.some((e) => e.agreement === a.id)) continue;
      const due = decisionDue(a.agreement);
      const src = a.sources['agreement.yaml'];
      if (!due && src) diagnostics.push(diagnostic('kalender-utan-beslutsfrist', placeOf(src, ['validity']), { name: a.agreement.cluster }));
      events.push(...agreementEvents(loaded.project, a, due));
      stamps.push(a.agreement.revision.date);
    }
  }
  const sorted = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(sorted)) return { exitCode: 1, diagnostics: sorted, events: [], files: [] };
  const all = sortEvents(events);
  const ics = formatIcs(all, stamps.sort().at(-1) ?? '1970-01-01');
  if (!options.out) return { exitCode: 0, diagnostics: sorted, ics, events: all, files: [] };
  const file = path.resolve(cwd, options.out);
  await writeAtomically([{ path: file, data: ics }]);
  return { exitCode: 0, diagnostics: sorted, events: all, files: [file] };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
