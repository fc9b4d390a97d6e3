/**
 * The status of an indicator in a year, computed from its target and its outcomes: uppnått, inte
 * uppnått or ingen uppgift. A number or percent target compares the year's value with the target
 * by its operator (minst when none is written, as the agreements say "90 %" meaning at least 90 %);
 * a comparison target ("ska minska jämfört med föregående år") compares with last year's value.
 */
import type { AgreementModel, IndicatorData, OutcomeValueData } from '../model/types.ts';

/** The three statuses of the follow-up report. */
export type OutcomeStatus = 'uppnatt' | 'inte-uppnatt' | 'ingen-uppgift';

/** Why the status is what it is, as a key of labels.sv.yaml (report.reasons.*) with its facts. */
export type StatusReason =
  | 'inget-malvarde' | 'inget-varde' | 'inget-foregaende'
  | 'minst' | 'hogst' | 'exakt' | 'okade' | 'minskade' | 'oforandrad';

/** The status of one indicator in one year, with the values it was computed from. */
export interface IndicatorStatus {
  status: OutcomeStatus;
  reason: StatusReason;
  value?: OutcomeValueData;
  /** Last year's value, for a comparison target. */
  previous?: OutcomeValueData;
}

/** Computes the status of an indicator in `year` from its outcomes (any order). */
export function indicatorStatus(ind: IndicatorData, values: readonly OutcomeValueData[], year: number): IndicatorStatus {
  const value = values.find((v) => v.year === year);
  const t = ind.target;
  if (!t) return { status: 'ingen-uppgift', reason: 'inget-malvarde', ...(value ? { value } : {}) };
  if (!value) return { status: 'ingen-uppgift', reason: 'inget-varde' };
  if (t.type === 'comparison') {
    const previous = values.find((v) => v.year === year - 1);
    if (!previous) return { status: 'ingen-uppgift', reason: 'inget-foregaende', value };
    const change = value.value - previous.value;
    const met = t.direction === 'öka' ? change > 0 : change < 0;
    const reason: StatusReason = change > 0 ? 'okade' : change < 0 ? 'minskade' : 'oforandrad';
    return { status: met ? 'uppnatt' : 'inte-uppnatt', reason, value, previous };
  }
  const op = t.operator ?? 'minst';
  const met = op === 'minst' ? value.value >= t.value : op === 'högst' ? value.value <= t.value : value.value === t.value;
  return { status: met ? 'uppnatt' : 'inte-uppnatt', reason: op === 'högst' ? 'hogst' : op, value };
}

/** An agreement's outcomes by indicator id, each sorted by year. */
export function outcomesByIndicator(a: AgreementModel): Map<string, OutcomeValueData[]> {
  const out = new Map<string, OutcomeValueData[]>();
  for (const entry of a.outcomes?.outcomes ?? []) {
    const list = out.get(entry.indicator) ?? [];
    list.push(...entry.values);
    out.set(entry.indicator, list);
  }
  for (const list of out.values()) list.sort((x, y) => x.year - y.year);
  return out;
}

/** The year a report is for by default: the newest year with an outcome, else the revision's year. */
export function defaultReportYear(a: AgreementModel): number {
  const years = (a.outcomes?.outcomes ?? []).flatMap((e) => e.values.map((v) => v.year));
  return years.length > 0 ? Math.max(...years) : Number(a.agreement.revision.date.slice(0, 4));
}

/**
 * True when the outcomes differ between two loaded revisions of an agreement (either may lack
 * outcomes.yaml): what the revision diff and the board pack use to decide to include the report.
 */
export function outcomesChanged(before: AgreementModel | undefined, after: AgreementModel | undefined): boolean {
  const canon = (a: AgreementModel | undefined): string => {
    const m = a ? outcomesByIndicator(a) : new Map<string, OutcomeValueData[]>();
    return JSON.stringify([...m.entries()].sort(([x], [y]) => x.localeCompare(y)));
  };
  return canon(before) !== canon(after);
}
