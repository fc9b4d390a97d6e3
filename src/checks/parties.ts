/** Signatures per party, and the membership and funding rules of a Finsam agreement. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';

/** Every party signs, or is the deciding body whose recorded decision stands in for a signature (a bilaga needs none). */
export function checkSignatures(project: ProjectModel, a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['agreement.yaml'];
  if (!src) return out;
  const signing = new Set(a.agreement.signatories.map((s) => s.party));
  // A bilaga kept on its own is signed through the agreement it belongs to.
  const needsSignatures = a.agreement.kind !== 'bilaga';
  const decider = a.agreement.decision?.party;
  a.agreement.parties.forEach((p, i) => {
    if (!needsSignatures || signing.has(p.organisation)) return;
    // An organisation missing from the registry is reported already (okand-organisation).
    if (project.organisationsSource && !project.organisations.has(p.organisation)) return;
    if (p.role === 'beslutande' && a.agreement.decision && (!decider || decider === p.organisation)) return;
    const name = p.unit ?? project.organisations.get(p.organisation)?.name ?? p.organisation;
    out.push(diagnostic('underskrift-saknas', placeOf(src, ['parties', i, 'organisation']), { party: name }));
  });
  a.agreement.signatories.forEach((s, i) => {
    if (!s.scope) return;
    const name = project.organisations.get(s.party)?.name ?? s.party;
    out.push(diagnostic('underskrift-del', placeOf(src, ['signatories', i, 'scope']), { name: s.name, party: name, scope: s.scope.replace(/^För /, 'för ') }));
  });
  return out;
}

/** Lag (2003:1210): members are Försäkringskassan, Arbetsförmedlingen, a region and a municipality; funding 50/25/25. */
export function checkFinsam(project: ProjectModel, a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['agreement.yaml'];
  // Without a loaded registry (already reported) every member would look missing.
  if (!src || !a.agreement.finsam || !project.organisationsSource) return out;
  const members = a.agreement.parties.filter((p) => p.finsamMember).map((p) => project.organisations.get(p.organisation));
  const need: [string, (o: NonNullable<(typeof members)[number]>) => boolean][] = [
    ['Försäkringskassan', (o) => o.id === 'forsakringskassan' || /^Försäkringskassan/.test(o.name)],
    ['Arbetsförmedlingen', (o) => o.id === 'arbetsformedlingen' || /^Arbetsförmedlingen/.test(o.name)],
    ['minst en region', (o) => o.kind === 'region'],
    ['minst en kommun', (o) => o.kind === 'kommun'],
  ];
  for (const [what, test] of need) {
    if (!members.some((o) => o && test(o))) out.push(diagnostic('finsam-medlem-saknas', placeOf(src, ['finsam']), { what }));
  }
  const bs = a.sources['budget.yaml'];
  if (!bs || !a.budget?.contributions) return out;
  for (const year of a.budget.years) {
    const key = String(year);
    const sums = { staten: 0, region: 0, kommuner: 0 };
    for (const c of a.budget.contributions) {
      const amount = c.amounts[key] ?? 0;
      const kind = project.organisations.get(c.party)?.kind;
      if (kind === 'statlig-myndighet') sums.staten += amount;
      else if (kind === 'region') sums.region += amount;
      else if (kind === 'kommun') sums.kommuner += amount;
    }
    const total = sums.staten + sums.region + sums.kommuner;
    if (total === 0) continue;
    const share = (n: number) => n / total;
    const off = Math.abs(share(sums.staten) - 0.5) > 0.005 || Math.abs(share(sums.region) - 0.25) > 0.005 || Math.abs(share(sums.kommuner) - 0.25) > 0.005;
    if (off) {
      const pct = (n: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(share(n) * 100)} %`;
      const idx = a.budget.contributions.findIndex((c) => c.amounts[key] !== undefined);
      out.push(diagnostic('finsam-fordelning', placeOf(bs, ['contributions', Math.max(0, idx), 'amounts', key]), {
        year,
        actual: `${pct(sums.staten)} staten, ${pct(sums.region)} region, ${pct(sums.kommuner)} kommuner`,
      }));
    }
  }
  return out;
}
