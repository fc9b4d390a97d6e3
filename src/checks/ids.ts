/** Unique ids across an agreement, and references from one item to another. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf, type YamlSource } from '../diagnostics/locate.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { suggest } from './walk.ts';

/** An item with an id, where it stands, and what kind of thing it is (for messages). */
export interface IdEntry { id: string; what: string; src: YamlSource | undefined; path: (string | number)[]; line?: number; file?: string }

/** Every id-carrying item of an agreement, in source order. */
export function collectIds(a: AgreementModel): IdEntry[] {
  const main = a.sources['agreement.yaml'];
  const out: IdEntry[] = [];
  const add = (list: { id: string }[] | undefined, what: string, src: YamlSource | undefined, path: (string | number)[]) =>
    list?.forEach((x, i) => out.push({ id: x.id, what, src, path: [...path, i, 'id'] }));
  add([a.agreement.main], 'huvuddokumentet', main, []);
  out.pop();
  out.push({ id: a.agreement.main.id, what: 'huvuddokumentet', src: main, path: ['main', 'id'] });
  add(a.agreement.bilagor, 'en bilaga', main, ['bilagor']);
  add(a.agreement.signatories, 'en undertecknare', main, ['signatories']);
  add(a.agreement.figures, 'en figur', main, ['figures']);
  add(a.agreement.targetGroups, 'en målgrupp', main, ['targetGroups']);
  add(a.agreement.commitments, 'ett åtagande', main, ['commitments']);
  const g = a.sources['goals.yaml'];
  add(a.goals?.areas, 'ett målområde', g, ['areas']);
  a.goals?.goals.forEach((goal, i) => {
    out.push({ id: goal.id, what: 'ett mål', src: g, path: ['goals', i, 'id'] });
    goal.indicators?.forEach((ind, j) => out.push({ id: ind.id, what: 'en indikator', src: g, path: ['goals', i, 'indicators', j, 'id'] }));
  });
  add(a.goals?.followUp?.items, 'en uppföljningspunkt', g, ['followUp', 'items']);
  const o = a.sources['organisation.yaml'];
  add(a.organisation?.groups, 'en grupp', o, ['groups']);
  add(a.organisation?.tables, 'en tabell', o, ['tables']);
  add(a.organisation?.processes, 'en process', o, ['processes']);
  add(a.jobTracks?.jobTracks, 'ett jobbspår', a.sources['job-tracks.yaml'], ['jobTracks']);
  add(a.budget?.lines, 'en budgetpost', a.sources['budget.yaml'], ['lines']);
  for (const doc of a.documents) {
    for (const s of doc.sections) {
      if (s.front && s.markdown.frontMatter) out.push({ id: s.front.id, what: `avsnittet i ${s.ref}`, src: s.markdown.frontMatter.source, path: ['id'] });
    }
  }
  return out;
}

/** Reports ids used twice within one agreement (one namespace, so references are unambiguous). */
export function checkUniqueIds(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, IdEntry>();
  for (const e of collectIds(a)) {
    const prev = first.get(e.id);
    if (!prev) { first.set(e.id, e); continue; }
    if (!e.src) continue;
    const p = prev.src ? placeOf(prev.src, prev.path) : undefined;
    out.push(diagnostic('id-dubblett', placeOf(e.src, e.path), { id: e.id, other: `${prev.what}${p ? ` (${p.file}:${p.line})` : ''}` }));
  }
  return out;
}

/** Checks that parties, signatories, commitments, goals and job tracks refer to things that exist. */
export function checkReferences(project: ProjectModel, a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const main = a.sources['agreement.yaml'];
  if (!main) return out;
  const orgs = project.organisations;
  const partyIds = new Set(a.agreement.parties.map((p) => p.organisation));
  const seen = new Set<string>();
  a.agreement.parties.forEach((p, i) => {
    if (project.organisationsSource && !orgs.has(p.organisation)) {
      out.push(diagnostic('okand-organisation', placeOf(main, ['parties', i, 'organisation']), { id: p.organisation, suggest: suggest(p.organisation, orgs.keys()) }));
    }
    if (seen.has(p.organisation)) out.push(diagnostic('part-dubblett', placeOf(main, ['parties', i, 'organisation']), { id: p.organisation }));
    seen.add(p.organisation);
  });
  // A "Menade du" hint names only a party that exists: a party whose own id is misspelt (already
  // reported as okand-organisation) is never offered in place of the correct id.
  const knownParties = [...partyIds].filter((id) => !project.organisationsSource || orgs.has(id));
  const party = (id: string, path: (string | number)[], src = main, allowAll = false) => {
    if (allowAll && id === 'alla') return;
    if (!partyIds.has(id)) out.push(diagnostic('okand-part', placeOf(src, path), { id, suggest: suggest(id, knownParties) }));
  };
  a.agreement.signatories.forEach((s, i) => party(s.party, ['signatories', i, 'party']));
  if (a.agreement.decision?.party) party(a.agreement.decision.party, ['decision', 'party']);
  a.agreement.commitments?.forEach((c, i) => party(c.party, ['commitments', i, 'party'], main, true));
  const jt = a.sources['job-tracks.yaml'];
  a.jobTracks?.jobTracks.forEach((t, i) => {
    if (jt && t.municipality && project.organisationsSource && !orgs.has(t.municipality)) {
      out.push(diagnostic('okand-organisation', placeOf(jt, ['jobTracks', i, 'municipality']), { id: t.municipality, suggest: suggest(t.municipality, orgs.keys()) }));
    }
  });
  const bs = a.sources['budget.yaml'];
  a.budget?.contributions?.forEach((c, i) => { if (bs) party(c.party, ['contributions', i, 'party'], bs); });
  const gs = a.sources['goals.yaml'];
  if (gs && a.goals) {
    const areas = new Set((a.goals.areas ?? []).map((x) => x.id));
    const goals = new Set(a.goals.goals.map((x) => x.id));
    a.goals.goals.forEach((goal, i) => {
      if (goal.area && !areas.has(goal.area)) out.push(diagnostic('okant-omrade', placeOf(gs, ['goals', i, 'area']), { id: goal.area }));
      if (goal.parent && !goals.has(goal.parent)) out.push(diagnostic('okant-mal', placeOf(gs, ['goals', i, 'parent']), { id: goal.parent }));
      if (goal.target?.type === 'percent' && (goal.target.value < 0 || goal.target.value > 100)) {
        out.push(diagnostic('procent-utanfor', placeOf(gs, ['goals', i, 'target', 'value']), { value: goal.target.value }));
      }
      goal.indicators?.forEach((ind, j) => {
        if (ind.target?.type === 'percent' && (ind.target.value < 0 || ind.target.value > 100)) {
          out.push(diagnostic('procent-utanfor', placeOf(gs, ['goals', i, 'indicators', j, 'target', 'value']), { value: ind.target.value }));
        }
      });
    });
  }
  a.agreement.bilagor?.forEach((b, i) => {
    if (b.number !== undefined && b.number !== i + 1) out.push(diagnostic('bilaga-nummer', placeOf(main, ['bilagor', i, 'number']), { id: b.id, actual: b.number, expected: i + 1 }));
  });
  return out;
}
