/**
 * Checks of the follow-up files (issue 13): outcomes.yaml against the indicators and their targets,
 * the årshjul's milestones (cycle.yaml) as real days of every year, the samverkanskarta's process
 * steps (parties, groups and next steps that exist), and the parties a goal names.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf, type YamlSource } from '../diagnostics/locate.ts';
import type { AgreementModel, CycleFileData, GoalData, IndicatorData, ProjectModel } from '../model/types.ts';
import { suggest } from './walk.ts';

/**
 * What is followed up under a goal: its own target first (a goal with a target and no indicator text
 * is measured as itself, under the goal's id), then its indicators.
 */
export function measuredOf(g: GoalData): IndicatorData[] {
  return [...(g.target ? [{ id: g.id, text: g.text, target: g.target }] : []), ...(g.indicators ?? [])];
}

/** Every indicator of an agreement by id, and every goal that has a target of its own. */
export function indicatorsById(a: AgreementModel): Map<string, IndicatorData> {
  const out = new Map<string, IndicatorData>();
  for (const g of a.goals?.goals ?? []) for (const i of measuredOf(g)) if (!out.has(i.id)) out.set(i.id, i);
  return out;
}

/** The unit an outcome of this indicator must have, and why; undefined when any unit will do. */
export function expectedUnit(ind: IndicatorData | undefined): { unit: string; why: string } | undefined {
  const t = ind?.target;
  if (t?.type === 'percent') return { unit: '%', why: 'målvärdet är en procentsats' };
  if (t?.type === 'number' && t.unit) return { unit: t.unit, why: `målvärdet räknas i ${t.unit}` };
  return undefined;
}

/** outcomes.yaml: known indicators, one entry per indicator, one value per year, fitting units and values in range. */
export function checkOutcomes(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['outcomes.yaml'];
  if (!src || !a.outcomes) return out;
  const indicators = indicatorsById(a);
  // When goals.yaml did not load (already reported), every indicator would look unknown.
  const goalsKnown = !a.failedFiles.has('goals.yaml');
  const seen = new Map<string, number>();
  a.outcomes.outcomes.forEach((entry, i) => {
    const ind = indicators.get(entry.indicator);
    if (!ind && goalsKnown) {
      out.push(diagnostic('utfall-okand-indikator', placeOf(src, ['outcomes', i, 'indicator']), { id: entry.indicator, suggest: suggest(entry.indicator, indicators.keys()) }));
    }
    const prev = seen.get(entry.indicator);
    if (prev !== undefined) {
      const p = placeOf(src, ['outcomes', prev, 'indicator']);
      out.push(diagnostic('id-dubblett', placeOf(src, ['outcomes', i, 'indicator']), { id: entry.indicator, other: `utfallen för samma indikator (${p.file}:${p.line}); samla värdena under en post` }));
    } else seen.set(entry.indicator, i);
    const expected = expectedUnit(ind) ?? (entry.values[0] ? { unit: entry.values[0].unit, why: `tidigare år anges i ${entry.values[0].unit}` } : undefined);
    const years = new Map<number, number>();
    entry.values.forEach((v, j) => {
      const at = (key: string) => placeOf(src, ['outcomes', i, 'values', j, key]);
      const line = years.get(v.year);
      if (line !== undefined) out.push(diagnostic('utfall-ar-dubblett', at('year'), { year: v.year, id: entry.indicator, other: line }));
      else years.set(v.year, at('year').line);
      if (expected && v.unit.trim() !== expected.unit) {
        out.push(diagnostic('utfall-enhet', at('unit'), { unit: v.unit, id: entry.indicator, why: expected.why, expected: expected.unit }));
      }
      const range = valueRange(v.unit, ind);
      if (range && (v.value < range.min || v.value > range.max)) {
        out.push(diagnostic('utfall-utanfor', at('value'), { value: v.value, unit: v.unit, range: range.text, why: range.why }));
      }
    });
  });
  return out;
}

function valueRange(unit: string, ind: IndicatorData | undefined): { min: number; max: number; text: string; why: string } | undefined {
  if (unit.trim() === '%') return { min: 0, max: 100, text: '0–100 %', why: 'En andel i procent ligger mellan 0 och 100.' };
  if (ind?.target?.type === 'number') return { min: 0, max: Number.MAX_SAFE_INTEGER, text: 'talen från 0 och uppåt', why: 'Ett antal kan inte vara negativt.' };
  return undefined;
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
/** Days of each month in a common year: a milestone must exist every year, so 29 February is refused. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The Swedish name of a month (1–12). */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** Milestones must fall on a day that exists every year, and have unique ids. */
export function checkCycle(cycle: CycleFileData | undefined, src: YamlSource | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!cycle || !src) return out;
  const ids = new Map<string, number>();
  cycle.milestones.forEach((m, i) => {
    const max = MONTH_DAYS[m.month - 1] ?? 31;
    if (m.day > max) {
      const name = monthName(m.month);
      out.push(diagnostic('arshjul-ogiltigt-datum', placeOf(src, ['milestones', i, 'day']), {
        day: m.day, monthName: name, monthTitle: name.charAt(0).toUpperCase() + name.slice(1), max, ...(m.month === 2 ? { feb: 1 } : {}), ...(m.month === 2 && m.day === 29 ? { leap: 1 } : {}),
      }));
    }
    const prev = ids.get(m.id);
    if (prev !== undefined) out.push(diagnostic('id-dubblett', placeOf(src, ['milestones', i, 'id']), { id: m.id, other: `en annan hållpunkt (rad ${prev})` }));
    else ids.set(m.id, placeOf(src, ['milestones', i, 'id']).line);
  });
  return out;
}

/** The parties and groups a process step may name: the agreement's parties and organisation.yaml's groups. */
export function laneIds(a: AgreementModel): Set<string> {
  return new Set([...a.agreement.parties.map((p) => p.organisation), ...(a.organisation?.groups ?? []).map((g) => g.id)]);
}

/** Process steps name known parties or groups and next steps that exist in the same process. */
export function checkProcessSteps(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['organisation.yaml'];
  if (!src || !a.organisation) return out;
  const lanes = laneIds(a);
  (a.organisation.processes ?? []).forEach((p, i) => {
    const stepIds = new Map<string, number>();
    p.steps.forEach((s, j) => {
      if (!s.id) return;
      if (stepIds.has(s.id)) out.push(diagnostic('id-dubblett', placeOf(src, ['processes', i, 'steps', j, 'id']), { id: s.id, other: `ett annat steg i processen "${p.id}"` }));
      else stepIds.set(s.id, j);
    });
    const known = [...stepIds.keys()].join(', ');
    p.steps.forEach((s, j) => {
      s.parties?.forEach((party, k) => {
        if (!lanes.has(party)) out.push(diagnostic('process-okand-part', placeOf(src, ['processes', i, 'steps', j, 'parties', k]), { id: party, suggest: suggest(party, lanes) }));
      });
      s.next?.forEach((next, k) => {
        if (!stepIds.has(next)) out.push(diagnostic('process-okant-steg', placeOf(src, ['processes', i, 'steps', j, 'next', k]), { id: next, process: p.id, known }));
      });
    });
  });
  return out;
}

/** The parties a goal names must be parties of the agreement. */
export function checkGoalParties(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['goals.yaml'];
  if (!src || !a.goals) return out;
  const parties = new Set(a.agreement.parties.map((p) => p.organisation));
  a.goals.goals.forEach((g, i) => g.parties?.forEach((id, k) => {
    if (!parties.has(id)) out.push(diagnostic('okand-part', placeOf(src, ['goals', i, 'parties', k]), { id, suggest: suggest(id, parties) }));
  }));
  return out;
}

/** The project's shared årshjul (agreements/cycle.yaml). */
export function checkSharedCycle(project: ProjectModel): Diagnostic[] {
  return checkCycle(project.cycle, project.cycleSource);
}

/** The follow-up checks of one agreement's files. */
export function checkFollowUpOf(a: AgreementModel): Diagnostic[] {
  return [...checkOutcomes(a), ...checkCycle(a.cycle, a.sources['cycle.yaml']), ...checkProcessSteps(a), ...checkGoalParties(a)];
}
