/**
 * `overens party <organisation>`: what one municipality or authority has agreed to, across every
 * agreement it is a party of: its role and Finsam membership, who signs for it, the commitments
 * that name it or all parties, the goals, job tracks and process steps it is named in, and the next
 * decision and milestone. HTML and PDF through the same templates and printer as the agreements.
 */
import type { AgreementModel, OrganisationData, ProjectModel } from '../model/types.ts';
import { loadLabels, type Labels } from '../pipeline/labels.ts';
import { renderPage, type RenderedHtml } from '../pipeline/render-html.ts';
import { agreementSourceHash, sha256, shortHash } from '../pipeline/hash.ts';
import { plainText } from '../pipeline/svg.ts';
import { decisionDue } from '../cycle/status.ts';
import { agreementEvents } from './calendar.ts';

/** One agreement as seen from the party. */
export interface PartyAgreementView {
  id: string;
  headingId: string;
  cluster: string;
  title: string;
  revision: string;
  role: string;
  finsam?: string;
  unit?: string;
  scope?: string;
  signatories: string[];
  common: string[];
  own: string[];
  goals: string[];
  jobTracks: string[];
  steps: string[];
  nextDecision: string;
  milestones: string[];
}

/** The overview of one organisation. */
export interface PartyView {
  organisation: OrganisationData;
  title: string;
  agreements: PartyAgreementView[];
}

/** The agreements the organisation is a party of, in id order. */
export function agreementsOf(project: ProjectModel, orgId: string): AgreementModel[] {
  return project.agreements.filter((a) => a.agreement.parties.some((p) => p.organisation === orgId)).sort((x, y) => x.id.localeCompare(y.id));
}

/** Builds the overview of `orgId` (which must be in the registry and in at least one agreement). */
export function partyView(project: ProjectModel, org: OrganisationData, labels: Labels): PartyView {
  const agreements = agreementsOf(project, org.id).map((a): PartyAgreementView => {
    const ag = a.agreement;
    const party = ag.parties.find((p) => p.organisation === org.id);
    const text = (s: string) => plainText(s);
    const due = decisionDue(ag);
    const steps = (a.organisation?.processes ?? []).flatMap((p) => p.steps.map((s, i) => ({ p, s, i }))).filter(({ s }) => s.parties?.includes(org.id))
      .map(({ p, s, i }) => labels.t('partyOverview.step', { process: text(p.title), n: i + 1, step: text(s.title) }));
    return {
      id: a.id,
      headingId: `overenskommelse-${a.id}`,
      cluster: ag.cluster,
      title: ag.title,
      revision: labels.t('partyOverview.revision', { revision: ag.revision.id, date: ag.revision.date }),
      role: labels.t(`partyOverview.roles.${party?.role ?? 'part'}`),
      ...(ag.finsam ? { finsam: labels.t(party?.finsamMember ? 'partyOverview.finsamYes' : 'partyOverview.finsamNo') } : {}),
      ...(party?.unit ? { unit: party.unit } : {}),
      ...(party?.scope ? { scope: party.scope } : {}),
      signatories: ag.signatories.filter((s) => s.party === org.id).map((s) => [s.name, s.title, s.unit, s.scope].filter(Boolean).join(', ')),
      common: (ag.commitments ?? []).filter((c) => c.party === 'alla').map((c) => text(c.text)),
      own: (ag.commitments ?? []).filter((c) => c.party === org.id).map((c) => text(c.text)),
      goals: (a.goals?.goals ?? []).filter((g) => g.parties?.includes(org.id)).map((g) => `${g.label ? `${g.label} ` : ''}${text(g.text)}`),
      jobTracks: (a.jobTracks?.jobTracks ?? []).filter((t) => t.municipality === org.id).map((t) => text(t.name)),
      steps,
      nextDecision: due ? labels.t(due.for !== undefined ? 'partyOverview.decisionFor' : 'partyOverview.decision', { date: due.date, year: due.for ?? '' }) : labels.t('partyOverview.noDecision'),
      milestones: agreementEvents(project, a, due).filter((e) => e.kind === 'milestone').map((e) => `${e.date} ${e.title}`),
    };
  });
  return { organisation: org, title: labels.t('partyOverview.title', { name: org.name }), agreements };
}

/** The overview as web and print HTML, with the hash over every agreement it draws on. */
export async function buildPartyPages(project: ProjectModel, org: OrganisationData): Promise<{ view: PartyView; web: RenderedHtml; print: RenderedHtml; sourceHash: string }> {
  const labels = loadLabels();
  const view = partyView(project, org, labels);
  const list = agreementsOf(project, org.id);
  const hashes = await Promise.all(list.map(async (a) => `${a.id}\0${await agreementSourceHash(project, a)}`));
  const sourceHash = sha256(hashes.join('\0'));
  const documentTitle = view.title;
  const revision = list.map((a) => `${a.agreement.cluster} ${a.agreement.revision.id}`).join(', ');
  const meta: RenderedHtml['meta'] = {
    title: view.title, author: org.name, subject: labels.t('partyOverview.subject', { name: org.name }),
    keywords: [org.name, ...list.map((a) => a.agreement.cluster), `källor:${sourceHash}`], language: 'sv',
    date: list.map((a) => a.agreement.revision.date).sort().at(-1) ?? '1970-01-01',
  };
  const footer = { documentTitle: documentTitle.slice(0, 60), revision: revision.slice(0, 60), sourceHash: shortHash(sourceHash) };
  const render = (print: boolean): RenderedHtml => ({
    html: renderPage('party.hbs', {
      view, print, pageTitle: view.title, author: org.name, description: meta.subject,
      webFooter: labels.t('partyOverview.webFooter', { title: documentTitle, hash: footer.sourceHash }),
    }),
    meta, footer,
  });
  return { view, web: render(false), print: render(true), sourceHash };
}
