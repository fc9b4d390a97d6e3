/** Changes in the fact files: goals and indicators, organisation, job tracks and budget. */
import { Goal, GoalArea, Group, Indicator, JobTrack, Process, Table, type GoalData, type IndicatorData } from '../model/schema.ts';
import type { Change, CountChange } from './types.ts';
import { diffFields, field, type FieldSpec } from './fields.ts';
import { diffItems } from './items.ts';
import { matchList } from './lists.ts';
import { canonicalText, plainText } from './values.ts';
import { AREA, type Names, type Side } from './changeset.ts';

const LEVELS: Record<string, string> = { overgripande: 'övergripande mål', effektmal: 'effektmål', strategiskt: 'strategiskt mål', individmal: 'individmål', lokalt: 'lokalt mål' };
const plain = (t: string): string => plainText(canonicalText(t));
const goalName = (g: GoalData): string => `${g.label ? `${g.label} ` : ''}${plain(g.text)}`;

/** Compares goals.yaml, organisation.yaml, job-tracks.yaml and budget.yaml of two sides. */
export function diffFacts(before: Side, after: Side, names: Names, out: Change[], counts: CountChange[]): void {
  diffGoals(before, after, out, counts);
  diffOrganisation(before, after, out);
  const bt = before.agreement.jobTracks?.jobTracks ?? [];
  const at = after.agreement.jobTracks?.jobTracks ?? [];
  diffItems({
    entity: 'jobbspar', area: AREA.jobTracks, path: 'jobTracks', label: 'Jobbspår', key: (x) => x.id, name: (x) => x.name,
    countNoun: 'jobbspår', listName: 'bland jobbspåren',
    fields: [
      field(JobTrack, 'name', 'text'), field(JobTrack, 'municipality', 'ref', { show: names.org }), field(JobTrack, 'status', 'enum', { show: (v) => (v === 'aktivt' ? 'aktivt' : 'under utveckling') }),
      field(JobTrack, 'courseWeeks', 'int'), field(JobTrack, 'participantsPerYear', 'int'), field(JobTrack, 'participantsYear', 'year'),
      field(JobTrack, 'participantsPlanned', 'bool'), field(JobTrack, 'employers', 'textlist'), field(JobTrack, 'educationProviders', 'textlist'),
      field(JobTrack, 'prerequisites', 'text'), field(JobTrack, 'description', 'text'),
    ],
  }, bt, at, out, counts);
  diffBudget(before, after, names, out, counts);
}

function diffGoals(before: Side, after: Side, out: Change[], counts: CountChange[]): void {
  const bg = before.agreement.goals;
  const ag = after.agreement.goals;
  const areaTitle = (id: unknown): string => ag?.areas?.find((x) => x.id === id)?.title ?? bg?.areas?.find((x) => x.id === id)?.title ?? String(id);
  const goalText = (id: unknown): string => {
    const g = ag?.goals.find((x) => x.id === id) ?? bg?.goals.find((x) => x.id === id);
    return g ? `”${goalName(g)}”` : String(id);
  };
  diffItems({
    entity: 'malomrade', area: AREA.goals, path: 'areas', label: 'Målområde', key: (x) => x.id, name: (x) => x.title, listName: 'bland målområdena',
    fields: [field(GoalArea, 'title', 'text')],
  }, bg?.areas ?? [], ag?.areas ?? [], out);
  diffItems<GoalData>({
    entity: 'mal', area: AREA.goals, path: 'goals', label: 'Mål', key: (g) => g.id, name: goalName, countNoun: 'mål', listName: 'bland målen',
    context: (g) => `(${LEVELS[g.level] ?? g.level}${g.area ? `, ${areaTitle(g.area)}` : ''})`,
    fields: [
      field(Goal, 'level', 'enum', { show: (v) => LEVELS[String(v)] ?? String(v) }), field(Goal, 'area', 'ref', { show: areaTitle }),
      field(Goal, 'label', 'text', { show: String }), field(Goal, 'text', 'text', { title: 'Lydelse' }), field(Goal, 'target', 'target'),
      field(Goal, 'parent', 'ref', { show: goalText }),
    ],
    // Indicators move only within their goal; see below for the rest.
    children: (b, a, ref, sink) => {
      for (const m of matchList(b.indicators ?? [], a.indicators ?? [], (i) => i.id)) {
        if (!m.moved || !m.after) continue;
        sink.push({ kind: 'moved', area: AREA.goals, path: `${ref.path}/indicators/${m.key}`, label: 'Indikator', entity: 'indikator', name: plain(m.after.text), where: `från plats ${(m.beforeIndex ?? 0) + 1} till plats ${(m.afterIndex ?? 0) + 1} under målet` });
      }
    },
  }, bg?.goals ?? [], ag?.goals ?? [], out, counts);

  type I = IndicatorData & { goal: string };
  const flat = (goals: readonly GoalData[] | undefined): I[] => (goals ?? []).flatMap((g) => (g.indicators ?? []).map((i) => ({ ...i, goal: g.id })));
  const indicatorChanges: Change[] = [];
  diffItems<I>({
    entity: 'indikator', area: AREA.goals, path: 'indicators', label: 'Indikator', key: (i) => i.id, name: (i) => plain(i.text), moves: false,
    context: (i) => `under målet ${goalText(i.goal)}`, countNoun: 'indikatorer',
    fields: [
      field(Indicator, 'text', 'text', { title: 'Lydelse' }), field(Indicator, 'target', 'target'), field(Indicator, 'measure', 'text'),
      field(undefined, 'goal', 'ref', { title: 'Mål', definite: 'Målet som indikatorn hör till', show: goalText }),
    ],
  }, flat(bg?.goals), flat(ag?.goals), indicatorChanges, counts);
  // Paths under the goal: goals/<goal>/indicators/<id>/…
  const goalOf = new Map([...flat(bg?.goals), ...flat(ag?.goals)].map((i) => [i.id, i.goal]));
  // Indicators of a goal added or removed as a whole are covered by that change.
  const bIds = new Set((bg?.goals ?? []).map((g) => g.id));
  const aIds = new Set((ag?.goals ?? []).map((g) => g.id));
  const wholeGoal = (c: Change): boolean => {
    const g = goalOf.get(c.path.split('/')[1] ?? '') ?? '';
    return (c.kind === 'added' && !bIds.has(g)) || (c.kind === 'removed' && !aIds.has(g));
  };
  indicatorChanges.splice(0, indicatorChanges.length, ...indicatorChanges.filter((c) => !wholeGoal(c)));
  for (const c of indicatorChanges) {
    const id = c.path.split('/')[1] ?? '';
    c.path = `goals/${goalOf.get(id) ?? ''}/${c.path}`;
    if (c.kind === 'changed') delete c.context;
  }
  out.push(...indicatorChanges);

  const bf = bg?.followUp;
  const af = ag?.followUp;
  diffFields([field(undefined, 'breakdown', 'textlist', { title: 'Uppdelning' })], bf ?? {}, af ?? {}, { area: AREA.goals, path: 'followUp', entity: 'uppfoljning', subject: 'uppföljningen' }, out);
  diffItems({
    entity: 'uppfoljning', area: AREA.goals, path: 'followUp/items', label: 'Uppföljningspunkt', key: (x) => x.id, name: (x) => plain(x.text), listName: 'i uppföljningen',
    fields: [field(undefined, 'kind', 'enum', { title: 'Slag' }), field(undefined, 'text', 'text', { title: 'Text' })],
  }, bf?.items ?? [], af?.items ?? [], out);
}

function diffOrganisation(before: Side, after: Side, out: Change[]): void {
  const bo = before.agreement.organisation;
  const ao = after.agreement.organisation;
  diffItems({
    entity: 'grupp', area: AREA.organisation, path: 'groups', label: 'Grupp eller roll', key: (x) => x.id, name: (x) => x.name, listName: 'bland grupperna',
    fields: [
      field(Group, 'name', 'text'), field(Group, 'kind', 'enum'), field(Group, 'members', 'textlist'), field(Group, 'chair', 'text'),
      field(Group, 'meets', 'text'), field(Group, 'responsibilities', 'textlist'),
    ],
  }, bo?.groups ?? [], ao?.groups ?? [], out);
  diffItems({
    entity: 'tabell', area: AREA.organisation, path: 'tables', label: 'Tabell', key: (x) => x.id, name: (x) => x.caption, listName: 'bland tabellerna',
    fields: [field(Table, 'caption', 'text'), field(Table, 'columns', 'textlist')],
    children: (b, a, ref, sink) => {
      const cellText = (c: unknown): string => (Array.isArray(c) ? c.map((x) => canonicalText(String(x))).join(', ') : canonicalText(String(c ?? '')));
      const columns = a.columns.map((title, i) => field(undefined, String(i), 'text', { title, definite: `Kolumnen ${plain(title)}` }));
      diffItems<unknown[]>({
        entity: 'tabellrad', area: AREA.organisation, path: `${ref.path}/rows`, label: 'Rad', key: (r) => cellText(r[0]), name: (r) => plain(cellText(r[0])),
        context: () => `i tabellen ”${ref.name ?? ''}”`, listName: 'i tabellen', fields: columns,
      }, b.rows.map((r) => r.map(cellText)), a.rows.map((r) => r.map(cellText)), sink);
    },
  }, bo?.tables ?? [], ao?.tables ?? [], out);
  diffItems({
    entity: 'process', area: AREA.organisation, path: 'processes', label: 'Process', key: (x) => x.id, name: (x) => x.title, listName: 'bland processerna',
    fields: [field(Process, 'title', 'text')],
    children: (b, a, ref, sink) => diffItems({
      entity: 'steg', area: AREA.organisation, path: `${ref.path}/steps`, label: 'Steg', key: (s) => canonicalText(s.title), name: (s) => plain(s.title),
      context: () => `i processen ”${ref.name ?? ''}”`, listName: 'i processen', fields: [field(undefined, 'text', 'text', { title: 'Beskrivning' })],
    }, b.steps, a.steps, sink),
  }, bo?.processes ?? [], ao?.processes ?? [], out);
}

function diffBudget(before: Side, after: Side, names: Names, out: Change[], counts: CountChange[]): void {
  const bb = before.agreement.budget;
  const ab = after.agreement.budget;
  if (!bb && !ab) return;
  const years = [...new Set([...(bb?.years ?? []), ...(ab?.years ?? [])])].sort();
  const amountFields: FieldSpec[] = years.map((y) => field(undefined, `amounts/${y}`, 'amount', { title: `Belopp ${y}`, definite: `Beloppet för ${y}` }));
  const flatten = <T extends { amounts: Record<string, number> }>(x: T) => ({ ...x, ...Object.fromEntries(Object.entries(x.amounts).map(([y, v]) => [`amounts/${y}`, v])) });
  diffItems<number>({
    entity: 'budgetar', area: AREA.budget, path: 'budget/years', label: 'År', key: String, name: String, fields: [], listName: 'bland budgetåren',
  }, bb?.years ?? [], ab?.years ?? [], out);
  diffItems({
    entity: 'budgetpost', area: AREA.budget, path: 'budget/lines', label: 'Budgetpost', key: (x) => x.id, name: (x) => x.label, countNoun: 'budgetposter', listName: 'i budgeten',
    fields: [field(undefined, 'label', 'text', { title: 'Post' }), ...amountFields],
  }, (bb?.lines ?? []).map(flatten), (ab?.lines ?? []).map(flatten), out, counts);
  diffItems({
    entity: 'medlemsbidrag', area: AREA.budget, path: 'budget/contributions', label: 'Medlemsbidrag', key: (x) => x.party, name: (x) => names.org(x.party), listName: 'bland medlemsbidragen',
    fields: amountFields,
  }, (bb?.contributions ?? []).map(flatten), (ab?.contributions ?? []).map(flatten), out);
}
