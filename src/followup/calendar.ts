/**
 * The årshjul: an agreement's milestones (its own cycle.yaml, else the shared agreements/cycle.yaml)
 * placed in the year of its next decision, with the decision deadline itself, and written as an
 * RFC 5545 iCalendar file that Outlook and Google Calendar import. Dates are whole days (VALUE=DATE),
 * as Swedish calendar days; UIDs and DTSTAMP come from the content, so the same sources give the
 * same bytes.
 */
import type { AgreementModel, MilestoneData, ProjectModel } from '../model/types.ts';

/** The decision an agreement's cycle leads up to (see decisionDue in src/cycle/status.ts). */
export interface DecisionDue { date: string; for?: number }

/** One day in the calendar: a milestone or a decision deadline. */
export interface CalendarEvent {
  uid: string;
  /** YYYY-MM-DD. */
  date: string;
  kind: 'milestone' | 'deadline';
  agreement: string;
  /** The agreement's cluster, shown before the title. */
  name: string;
  title: string;
  description?: string;
}

/** The milestones that apply to an agreement: its own, else the shared ones. */
export function milestonesOf(project: ProjectModel, a: AgreementModel): MilestoneData[] {
  return a.cycle?.milestones ?? project.cycle?.milestones ?? [];
}

const pad = (v: number): string => String(v).padStart(2, '0');

/** The events of an agreement's next decision cycle (`due`), by date; none without a decision deadline. */
export function agreementEvents(project: ProjectModel, a: AgreementModel, due: DecisionDue | undefined): CalendarEvent[] {
  if (!due) return [];
  const year = Number(due.date.slice(0, 4));
  const name = a.agreement.cluster;
  const events: CalendarEvent[] = milestonesOf(project, a).map((m) => {
    const y = year + (m.yearOffset ?? 0);
    return {
      uid: `${a.id}-${m.id}-${y}@overens`, date: `${y}-${pad(m.month)}-${pad(m.day)}`, kind: 'milestone', agreement: a.id, name, title: m.title,
      ...(m.description ? { description: m.description } : {}),
    };
  });
  const forYear = due.for !== undefined ? ` inför ${due.for}` : '';
  events.push({
    uid: `${a.id}-beslut-${year}@overens`, date: due.date, kind: 'deadline', agreement: a.id, name,
    title: `Sista dag för beslut om överenskommelsen${forYear}`,
    description: `Beslut om revidering av ${a.agreement.title}${forYear} ska vara fattat senast ${due.date}.`,
  });
  return sortEvents(events);
}

/** Events by date, then agreement and id, so output is stable. */
export function sortEvents(events: CalendarEvent[]): CalendarEvent[] {
  return [...events].sort((x, y) => x.date.localeCompare(y.date) || x.agreement.localeCompare(y.agreement) || x.uid.localeCompare(y.uid));
}

/** The first milestone on or after `today` (YYYY-MM-DD), or undefined. */
export function nextMilestone(project: ProjectModel, a: AgreementModel, due: DecisionDue | undefined, today: string): CalendarEvent | undefined {
  return agreementEvents(project, a, due).find((e) => e.kind === 'milestone' && e.date >= today);
}

/** RFC 5545 text escaping (backslash, semicolon, comma, newline). */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) { out.push(current); current = ''; octets = 0; }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const compact = (date: string): string => date.replace(/-/g, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The iCalendar file. `stamp` (YYYY-MM-DD) is the DTSTAMP of every event: the newest revision date
 * of the agreements, so the file does not change unless the content does.
 */
export function formatIcs(events: readonly CalendarEvent[], stamp: string): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//överens//Årshjul//SV', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'X-WR-CALNAME:Årshjul för samverkansöverenskommelserna', 'X-WR-TIMEZONE:Europe/Stockholm',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${compact(stamp)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(e.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(e.date))}`,
      `SUMMARY:${escapeText(`${e.name}: ${e.title}`)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      `CATEGORIES:${e.kind === 'deadline' ? 'Beslut' : 'Årshjul'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
