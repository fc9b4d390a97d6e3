/**
 * Follow-up without a browser: the status computation on the fixture's outcomes, the diagnostics of
 * bad outcomes, milestones and process steps (each at file:line:col, nothing written), the
 * iCalendar file parsed by ical.js event by event, and the next milestone in `overens status`.
 * Fixture: tests/fixtures/followup/project (finsam-exempel with outcomes.yaml and its own
 * cycle.yaml; kommun-exempel on the shared agreements/cycle.yaml).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePaths } from '../src/pipeline/validate.ts';
import type { AgreementModel, IndicatorData } from '../src/model/types.ts';
import { indicatorStatus, outcomesByIndicator, outcomesChanged } from '../src/followup/outcomes.ts';
import { indicatorsById } from '../src/checks/followup.ts';
import { runCalendar } from '../src/followup/run-calendar.ts';
import { runReport } from '../src/followup/run.ts';
import { collectStatus } from '../src/cycle/status.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURE = path.join(ROOT, 'tests/fixtures/followup/project');
const A = 'agreements/finsam-exempel';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A copy of the fixture project with one file changed by `edit`. */
function mutated(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-followup-'));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const abs = path.join(dir, file);
  const before = readFileSync(abs, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changes it`).not.toBe(before);
  writeFileSync(abs, after);
  return dir;
}

async function load(dir = FIXTURE) {
  const r = await validatePaths(['.'], { base: dir });
  return { project: r.projects[0], diagnostics: r.diagnostics };
}

describe('status computation on the fixture outcomes', () => {
  let a: AgreementModel;
  let ind: Map<string, IndicatorData>;
  beforeAll(async () => {
    const { project, diagnostics } = await load();
    expect(diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
    a = project?.agreements.find((x) => x.id === 'finsam-exempel') as AgreementModel;
    ind = indicatorsById(a);
  });
  const status = (id: string, year: number) => indicatorStatus(ind.get(id) as IndicatorData, outcomesByIndicator(a).get(id) ?? [], year);

  it('a percent target "minst 40 %" is met by 45.5 and missed by 35', () => {
    expect(status('ind-1', 2023)).toMatchObject({ status: 'uppnatt', reason: 'minst', value: { value: 45.5 } });
    expect(status('ind-1', 2022)).toMatchObject({ status: 'inte-uppnatt', reason: 'minst', value: { value: 35 } });
  });
  it('a comparison target "ska öka" with last year\'s value compares the two', () => {
    expect(status('ind-2', 2023)).toMatchObject({ status: 'uppnatt', reason: 'okade', value: { value: 120 }, previous: { value: 100, year: 2022 } });
  });
  it('a comparison target without last year\'s value has no status', () => {
    expect(status('ind-2', 2022)).toMatchObject({ status: 'ingen-uppgift', reason: 'inget-foregaende', value: { value: 100 } });
    expect(status('ind-4', 2023)).toMatchObject({ status: 'ingen-uppgift', reason: 'inget-foregaende' });
  });
  it('no value at all gives ingen uppgift', () => {
    expect(status('ind-3', 2023)).toEqual({ status: 'ingen-uppgift', reason: 'inget-varde' });
  });
  it('högst, exakt and a comparison that went the wrong way', () => {
    const v = [{ year: 2023, value: 10, unit: 'x', source: 's', measured: '2024-01-01' }];
    expect(indicatorStatus({ id: 'i', text: 't', target: { type: 'number', value: 12, operator: 'högst' } }, v, 2023).status).toBe('uppnatt');
    expect(indicatorStatus({ id: 'i', text: 't', target: { type: 'number', value: 12, operator: 'exakt' } }, v, 2023).status).toBe('inte-uppnatt');
    const two = [{ ...v[0], year: 2022, value: 9 } as (typeof v)[number], ...v];
    expect(indicatorStatus({ id: 'i', text: 't', target: { type: 'comparison', direction: 'minska' } }, two, 2023)).toMatchObject({ status: 'inte-uppnatt', reason: 'okade' });
  });
  it('outcomesChanged tells a changed value from the same outcomes', async () => {
    const same = (await load()).project?.agreements.find((x) => x.id === 'finsam-exempel');
    expect(outcomesChanged(a, same)).toBe(false);
    const dir = mutated(`${A}/outcomes.yaml`, (t) => t.replace('value: 120', 'value: 121'));
    const other = (await load(dir)).project?.agreements.find((x) => x.id === 'finsam-exempel');
    expect(outcomesChanged(a, other)).toBe(true);
    expect(outcomesChanged(a, undefined)).toBe(true);
  });
});

interface BadCase { what: string; file: string; edit: (t: string) => string; code: string; line: number; column: number }

const bad: BadCase[] = [
  { what: 'outcomes for an unknown indicator', file: `${A}/outcomes.yaml`, edit: (t) => t.replace('indicator: ind-4', 'indicator: ind-5'), code: 'utfall-okand-indikator', line: 30, column: 16 },
  { what: 'a unit that does not fit the percent target', file: `${A}/outcomes.yaml`, edit: (t) => t.replace('value: 35\n        unit: "%"', 'value: 35\n        unit: personer'), code: 'utfall-enhet', line: 9, column: 15 },
  { what: 'the same year twice', file: `${A}/outcomes.yaml`, edit: (t) => t.replace('year: 2023\n        value: 120', 'year: 2022\n        value: 120'), code: 'utfall-ar-dubblett', line: 25, column: 15 },
  { what: 'a percentage above 100', file: `${A}/outcomes.yaml`, edit: (t) => t.replace('value: 45.5', 'value: 145.5'), code: 'utfall-utanfor', line: 13, column: 16 },
  { what: 'a milestone on 31 February', file: `${A}/cycle.yaml`, edit: (t) => t.replace('day: 15\n    month: 2', 'day: 31\n    month: 2'), code: 'arshjul-ogiltigt-datum', line: 5, column: 10 },
  { what: 'a shared milestone on 29 February', file: 'agreements/cycle.yaml', edit: (t) => t.replace('day: 31\n    month: 1', 'day: 29\n    month: 2'), code: 'arshjul-ogiltigt-datum', line: 6, column: 10 },
  { what: 'a process step naming an unknown party', file: `${A}/organisation.yaml`, edit: (t) => t.replace('parties: [forsakringskassan]', 'parties: [forsakringskasan]'), code: 'process-okand-part', line: 30, column: 19 },
  { what: 'a missing next step', file: `${A}/organisation.yaml`, edit: (t) => t.replace('next: [insats, anmalan]', 'next: [insatser, anmalan]'), code: 'process-okant-steg', line: 34, column: 16 },
];

describe('bad follow-up input: one diagnostic at file:line:col, nothing written', () => {
  for (const c of bad) {
    it(c.what, async () => {
      const dir = mutated(c.file, c.edit);
      const { diagnostics } = await load(dir);
      const errors = diagnostics.filter((d) => d.severity === 'fel');
      expect(errors.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([`${c.code} ${c.file}:${c.line}:${c.column}`]);
      expect(errors[0]?.hint.length ?? 0).toBeGreaterThan(10);
      const out = path.join(dir, 'ut');
      const run = await runReport({ cwd: dir, agreement: 'finsam-exempel', out, pdf: false });
      expect(run.exitCode).toBe(1);
      expect(run.files).toEqual([]);
      expect(existsSync(out)).toBe(false);
      const cal = await runCalendar({ cwd: dir, out: path.join(dir, 'arshjul.ics') });
      expect(cal.exitCode).toBe(1);
      expect(existsSync(path.join(dir, 'arshjul.ics'))).toBe(false);
    });
  }
  it('report without an agreement named, outside an agreement folder, is a usage error', async () => {
    const run = await runReport({ cwd: FIXTURE, pdf: false });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['rapport-ange-overenskommelse .:1']);
  });
  it('an agreement without a decision deadline gets a note in calendar, and no events', async () => {
    const dir = mutated('agreements/kommun-exempel/agreement.yaml', (t) => t.replace('  nextDecisionBy: 2024-11-30\n  nextDecisionFor: 2025\n', ''));
    const run = await runCalendar({ cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.diagnostics.map((d) => `${d.code} ${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(['kalender-utan-beslutsfrist notering agreements/kommun-exempel/agreement.yaml:14:3']);
    expect(run.events.filter((e) => e.agreement === 'kommun-exempel')).toEqual([]);
  });
  it('--year that is not a year is a usage error', async () => {
    const run = await runReport({ cwd: FIXTURE, agreement: 'finsam-exempel', year: '23', pdf: false });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['rapport-ogiltigt-ar']);
  });
});

describe('overens calendar: RFC 5545 parsed by ical.js', () => {
  let ics: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overens-ics-'));
    temps.push(dir);
    const file = path.join(dir, 'arshjul.ics');
    const run = await runCalendar({ cwd: FIXTURE, out: file });
    expect(run.exitCode).toBe(0);
    expect(run.files).toEqual([file]);
    ics = readFileSync(file, 'utf8');
  });

  it('has one VEVENT per milestone and decision deadline, each as an all-day date', () => {
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Stockholm');
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const rows = events.map((e) => ({
      uid: e.uid, summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString(), allDay: e.startDate.isDate,
      stamp: String(e.component.getFirstPropertyValue('dtstamp')),
    }));
    expect(rows).toEqual([
      { uid: 'finsam-exempel-analys-2023@overens', summary: 'Exempelregionen: Analys av utfallen', start: '2023-02-15', end: '2023-02-16', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'finsam-exempel-medlemssamrad-2023@overens', summary: 'Exempelregionen: Medlemssamråd, ordförande och vice', start: '2023-09-15', end: '2023-09-16', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'kommun-exempel-budgetdialog-2023@overens', summary: 'Umeå: Budgetdialog', start: '2023-09-30', end: '2023-10-01', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'finsam-exempel-forslag-2023@overens', summary: 'Exempelregionen: Förslag till styrelsen', start: '2023-11-01', end: '2023-11-02', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'finsam-exempel-beslut-2023@overens', summary: 'Exempelregionen: Sista dag för beslut om överenskommelsen inför 2024', start: '2023-11-30', end: '2023-12-01', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'kommun-exempel-uppfoljning-2024@overens', summary: 'Umeå: Uppföljning, föregående år', start: '2024-01-31', end: '2024-02-01', allDay: true, stamp: '2023-12-01T00:00:00Z' },
      { uid: 'kommun-exempel-beslut-2024@overens', summary: 'Umeå: Sista dag för beslut om överenskommelsen inför 2025', start: '2024-11-30', end: '2024-12-01', allDay: true, stamp: '2023-12-01T00:00:00Z' },
    ]);
    const medlemssamrad = events.find((e) => e.uid.startsWith('finsam-exempel-medlemssamrad'));
    expect(medlemssamrad?.description).toBe('Samråd med medlemmarna; agenda: budget, mål');
  });

  it('uses CRLF, folds lines at 75 octets and gives the same bytes every time', async () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const again = await runCalendar({ cwd: FIXTURE });
    expect(again.ics).toBe(ics);
  });

  it('overens status shows the next milestone and the days left', async () => {
    const report = await collectStatus({ cwd: FIXTURE, today: '2023-10-01' });
    const f = report.agreements.find((s) => s.id === 'finsam-exempel');
    expect(f?.nextMilestone).toEqual({ id: 'finsam-exempel-forslag-2023', title: 'Förslag till styrelsen', date: '2023-11-01', daysLeft: 31 });
    const k = report.agreements.find((s) => s.id === 'kommun-exempel');
    expect(k?.nextMilestone).toMatchObject({ title: 'Uppföljning, föregående år', date: '2024-01-31', daysLeft: 122 });
    const { formatStatusText } = await import('../src/cycle/status.ts');
    expect(formatStatusText(report)).toContain('Nästa hållpunkt  Förslag till styrelsen 2023-11-01: 31 dagar kvar');
  });
});
