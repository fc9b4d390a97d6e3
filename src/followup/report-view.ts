/**
 * The follow-up report's view: a summary table of every indicator, then per area and goal each
 * indicator with its target, its outcomes by year (chart and table) and its status. All decisions
 * and texts are made here; templates/report.hbs only lays out.
 */
import type { AgreementModel, GoalData, IndicatorData, OutcomeValueData, ProjectModel } from '../model/types.ts';
import type { Labels } from '../pipeline/labels.ts';
import { formatNumber, formatTarget, organisationOf, partyName } from '../pipeline/compose-format.ts';
import { plainText } from '../pipeline/svg.ts';
import { drawChart } from './chart.ts';
import { indicatorStatus, outcomesByIndicator, type IndicatorStatus } from './outcomes.ts';
import { measuredOf } from '../checks/followup.ts';

/** One row of the summary table. */
export interface SummaryRow {
  id: string;
  href: string;
  area: string;
  indicator: string;
  target: string;
  value: string;
  status: string;
  statusClass: string;
}

/** One indicator in the body of the report. */
export interface IndicatorReport {
  id: string;
  headingId: string;
  text: string;
  target: string;
  status: string;
  statusClass: string;
  reason: string;
  measure?: string;
  chart?: string;
  tableCaption: string;
  rows: { year: number; value: string; source: string; measured: string; comment?: string }[];
  noValues?: string;
}

/** The whole report view. */
export interface ReportView {
  year: number;
  title: string;
  agreementTitle: string;
  parties: string[];
  revision: string;
  summary: SummaryRow[];
  counts: string;
  areas: { id: string; title: string; goals: { label?: string; text: string; indicators: IndicatorReport[] }[] }[];
  /** outcomes.yaml's note, shown first (e.g. preliminary or example figures). */
  note?: string;
}

/** A value with its unit, e.g. "45 %" or "13 jobbspår". */
export function formatValue(v: Pick<OutcomeValueData, 'value' | 'unit'>): string {
  const unit = v.unit.trim();
  return unit === '%' ? `${formatNumber(v.value)}\u00a0%` : `${formatNumber(v.value)} ${unit}`;
}

function reasonText(s: IndicatorStatus, ind: IndicatorData, year: number, labels: Labels): string {
  const value = s.value ? formatValue(s.value) : '';
  const previous = s.previous ? formatValue(s.previous) : '';
  const target = ind.target ? formatTarget(ind.target, labels) : '';
  return labels.t(`report.reasons.${s.reason}`, { year, previousYear: year - 1, value, previous, target });
}

/** Builds the report of `a` for `year`. */
export function reportView(project: ProjectModel, a: AgreementModel, year: number, labels: Labels): ReportView {
  const outcomes = outcomesByIndicator(a);
  const goals = a.goals?.goals ?? [];
  const areaTitle = new Map((a.goals?.areas ?? []).map((x) => [x.id, x.title]));
  // Goals without an (existing) area are grouped by level, before the areas, in the levels' order.
  const groups: { id: string; title: string; goals: GoalData[] }[] = [];
  const groupOf = (id: string, title: string) => {
    let g = groups.find((x) => x.id === id);
    if (!g) { g = { id, title, goals: [] }; groups.push(g); }
    return g;
  };
  for (const level of ['overgripande', 'effektmal', 'strategiskt', 'individmal', 'lokalt']) {
    for (const goal of goals.filter((x) => x.level === level && !(x.area && areaTitle.has(x.area)) && measuredOf(x).length > 0)) {
      groupOf(`niva-${level}`, labels.t(`report.levels.${level}`)).goals.push(goal);
    }
  }
  for (const [id, title] of areaTitle) for (const goal of goals.filter((x) => x.area === id && measuredOf(x).length > 0)) groupOf(`omrade-${id}`, title).goals.push(goal);

  const summary: SummaryRow[] = [];
  const counts = { uppnatt: 0, 'inte-uppnatt': 0, 'ingen-uppgift': 0 };
  const areas = groups.map((group) => ({
    id: group.id,
    title: group.title,
    goals: group.goals.map((goal) => ({
      ...(goal.label ? { label: goal.label } : {}),
      text: plainText(goal.text),
      indicators: measuredOf(goal).map((ind): IndicatorReport => {
        const values = outcomes.get(ind.id) ?? [];
        const s = indicatorStatus(ind, values, year);
        counts[s.status] += 1;
        const text = plainText(ind.text);
        const target = ind.target ? formatTarget(ind.target, labels) : labels.t('report.noTarget');
        const status = labels.t(`report.status.${s.status}`);
        const headingId = `indikator-${ind.id}`;
        summary.push({
          id: ind.id, href: `#${headingId}`, area: group.title, indicator: text, target,
          value: s.value ? formatValue(s.value) : labels.t('report.noValue'), status, statusClass: `status-${s.status}`,
        });
        const shown = values.filter((v) => v.year <= year);
        const first = shown[0];
        const chartTarget = ind.target && ind.target.type !== 'comparison'
          ? { value: ind.target.value, label: labels.t('report.targetLine', { target }) }
          : undefined;
        const description = labels.t(chartTarget ? 'report.chartDescription' : 'report.chartDescriptionComparison', {
          indicator: text, values: shown.map((v) => `${v.year}: ${formatValue(v)}`).join(', '), target,
        });
        return {
          id: ind.id, headingId, text, target, status, statusClass: `status-${s.status}`,
          reason: reasonText(s, ind, year, labels),
          ...(ind.measure ? { measure: labels.t('measure', { measure: ind.measure }) } : {}),
          ...(first ? {
            chart: drawChart({ domId: `diagram-${ind.id}`, title: labels.t('report.chartTitle', { indicator: text }), description, values: shown, unit: first.unit, ...(chartTarget ? { target: chartTarget } : {}) }),
          } : { noValues: labels.t('report.noValues') }),
          tableCaption: labels.t('report.tableCaption', { indicator: text }),
          rows: shown.map((v) => ({ year: v.year, value: formatValue(v), source: v.source, measured: v.measured, ...(v.comment ? { comment: v.comment } : {}) })),
        };
      }),
    })),
  }));
  const ag = a.agreement;
  return {
    year,
    title: labels.t('report.title', { year }),
    agreementTitle: ag.title,
    parties: ag.parties.map((p) => partyName(organisationOf(project, p.organisation).name, p.unit).name),
    revision: labels.t('report.revision', { revision: ag.revision.id, date: ag.revision.date }),
    summary,
    counts: labels.t('report.counts', { met: counts.uppnatt, missed: counts['inte-uppnatt'], none: counts['ingen-uppgift'], total: summary.length }),
    areas,
    ...(a.outcomes?.note ? { note: a.outcomes.note } : {}),
  };
}
