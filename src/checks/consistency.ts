/**
 * Consistency warnings (issue 12): an indicator whose text names another number than its structured
 * target, and content that names an organisation which is not a party (left over from another
 * agreement, e.g. the job tracks of a municipality that has left).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementModel, ProjectModel, TargetData } from '../model/types.ts';

const num = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

/** The numbers a text names that could be a target of `t`'s kind (percentages, or counts that are not years). */
function numbersIn(text: string, t: Exclude<TargetData, { type: 'comparison' }>): number[] {
  return t.type === 'percent'
    ? [...text.matchAll(/(\d+(?:[,.]\d+)?)\s*(?:%|procent)/g)].map((m) => num(m[1] ?? ''))
    : [...text.matchAll(/(?<![\d,.])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d,.]*\s*%)/g)].map((m) => num(m[1] ?? '')).filter((n) => !(n >= 1990 && n <= 2200 && Number.isInteger(n)));
}

/** malvarde-text-skiljer: "minst 65 %" in an indicator's or a goal's text while target.value says 60. */
export function checkTargetTexts(a: AgreementModel): Diagnostic[] {
  const gs = a.sources['goals.yaml'];
  if (!gs || !a.goals) return [];
  const out: Diagnostic[] = [];
  const check = (text: string, t: TargetData | undefined, at: (string | number)[], what?: string): void => {
    if (!t || t.type === 'comparison') return;
    const found = numbersIn(text, t);
    if (found.length === 0 || found.includes(t.value)) return;
    out.push(diagnostic('malvarde-text-skiljer', placeOf(gs, at), {
      text: String(found[0]), value: String(t.value), unit: t.type === 'percent' ? ' %' : '', ...(what ? { what } : {}),
    }));
  };
  a.goals.goals.forEach((goal, i) => {
    check(goal.text, goal.target, ['goals', i, 'text'], 'Målets');
    (goal.indicators ?? []).forEach((ind, j) => check(ind.text, ind.target, ['goals', i, 'indicators', j, 'text']));
  });
  return out;
}

/** inte-part: job tracks, groups and commitments that name an organisation that is not a party. */
export function checkNonParties(project: ProjectModel, a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const parties = new Set(a.agreement.parties.map((p) => p.organisation));
  const others = [...project.organisations.values()].filter((o) => !parties.has(o.id));
  const jt = a.sources['job-tracks.yaml'];
  (a.jobTracks?.jobTracks ?? []).forEach((t, i) => {
    const org = t.municipality ? project.organisations.get(t.municipality) : undefined;
    if (jt && org && !parties.has(org.id)) out.push(diagnostic('inte-part', placeOf(jt, ['jobTracks', i, 'municipality']), { name: org.name, what: `jobbspåret ${t.name}` }));
  });
  const named = (text: string) => others.find((o) => text.includes(o.name));
  const os = a.sources['organisation.yaml'];
  (a.organisation?.groups ?? []).forEach((g, i) => {
    if (!os) return;
    const texts: [string, (string | number)[]][] = [
      ...(g.members ?? []).map((m, k): [string, (string | number)[]] => [m, ['groups', i, 'members', k]]),
      ...(g.chair ? [[g.chair, ['groups', i, 'chair']] as [string, (string | number)[]]] : []),
    ];
    for (const [text, path] of texts) {
      const org = named(text);
      if (org) out.push(diagnostic('inte-part', placeOf(os, path), { name: org.name, what: `gruppen ${g.name}` }));
    }
  });
  const main = a.sources['agreement.yaml'];
  (a.agreement.commitments ?? []).forEach((c, i) => {
    const org = named(c.text);
    if (main && org) out.push(diagnostic('inte-part', placeOf(main, ['commitments', i, 'text']), { name: org.name, what: 'åtagandet' }));
  });
  return out;
}
