/** The change set of two sides of an agreement, computed on the loaded model. */
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { AgreementFile, Commitment, Decision, DocumentPart, Figure, Party, Signatory, TargetGroup, type PartyData } from '../model/schema.ts';
import type { Change, ChangeSet, CountChange } from './types.ts';
import { diffFields, field } from './fields.ts';
import { diffItems } from './items.ts';
import { canonicalText, plainText } from './values.ts';
import { diffFacts } from './changeset-facts.ts';
import { diffDocuments } from './changeset-sections.ts';
import { consolidate } from './consolidate.ts';
import { sideNames } from './side-names.ts';

/** One side of a comparison: a loaded project, the agreement in it, and a label such as "v2023". */
export interface Side {
  label: string;
  project: ProjectModel;
  agreement: AgreementModel;
  /** Digest of each figure's image file by its path in agreement.yaml. */
  images?: Map<string, string>;
}

/** Swedish headings the structured changes are grouped under. */
export const AREA = {
  agreement: 'Överenskommelsen', parties: 'Parter', validity: 'Giltighet och beslut', signatories: 'Underskrifter',
  documents: 'Dokument och avsnitt', goals: 'Mål och indikatorer', targetGroups: 'Målgrupper', commitments: 'Åtaganden',
  organisation: 'Organisering', jobTracks: 'Jobbspår', budget: 'Budget', figures: 'Figurer',
} as const;

/** Organisation names of both sides, after side first. */
export interface Names {
  org: (id: unknown) => string;
}

const orgnrDigits = (s: string): string => s.replace(/\D/g, '');

/** Computes every change from `before` to `after`. */
export function computeChangeSet(before: Side, after: Side): ChangeSet {
  const changes: Change[] = [];
  const counts: CountChange[] = [];
  const names: Names = {
    org: (id) => {
      if (id === 'alla') return 'alla parter';
      const o = after.project.organisations.get(String(id)) ?? before.project.organisations.get(String(id));
      return o?.name ?? String(id);
    },
  };
  const b = before.agreement.agreement;
  const a = after.agreement.agreement;

  const top = [
    field(AgreementFile, 'title', 'text'), field(AgreementFile, 'subtitle', 'text'), field(AgreementFile, 'cluster', 'text'),
    field(AgreementFile, 'kind', 'enum', { title: 'Dokumentslag' }), field(AgreementFile, 'finsam', 'bool'),
  ];
  diffFields(top, b, a, { area: AREA.agreement, path: 'agreement', entity: 'overenskommelse' }, changes);
  const rev = [field(undefined, 'id', 'text', { title: 'Revision' }), field(undefined, 'date', 'date', { title: 'Revisionsdatum' }), field(undefined, 'status', 'enum', { title: 'Status', definite: 'Revisionens status', show: (v) => (v === 'antagen' ? 'antagen' : 'förslag') })];
  diffFields(rev, b.revision, a.revision, { area: AREA.agreement, path: 'revision', entity: 'overenskommelse' }, changes);

  // Parties, matched by organisation number through each side's registry.
  type P = PartyData & { name: string; orgnr: string };
  const withOrg = (side: Side) => (p: PartyData): P => {
    const org = side.project.organisations.get(p.organisation);
    return { ...p, name: org?.name ?? p.organisation, orgnr: org ? orgnrDigits(org.orgnr) : p.organisation };
  };
  diffItems<P>({
    entity: 'part', area: AREA.parties, path: 'parties', label: 'Part', key: (p) => p.orgnr, name: (p) => p.name,
    listName: 'i uppräkningen av parter', countNoun: 'parter',
    fields: [
      field(undefined, 'name', 'text', { title: 'Namn', show: String }), field(Party, 'unit', 'text'),
      field(Party, 'role', 'enum', { show: (v) => (v === 'beslutande' ? 'beslutande organ' : 'part') }),
      field(Party, 'finsamMember', 'bool'), field(Party, 'scope', 'text'),
    ],
  }, b.parties.map(withOrg(before)), a.parties.map(withOrg(after)), changes, counts);
  diffItems<string>({
    entity: 'ovrig-part', area: AREA.parties, path: 'otherPartners', label: 'Övrig samverkanspart', key: canonicalText,
    name: (t) => plainText(canonicalText(t)), fields: [], listName: 'bland övriga samverkansparter',
  }, b.otherPartners ?? [], a.otherPartners ?? [], changes);

  // Validity and decision.
  const validity = [
    field(undefined, 'from', 'date', { title: 'Gäller från', definite: 'Giltighetens startdatum' }),
    field(undefined, 'to', 'date', { title: 'Till och med', definite: 'Giltighetens slutdatum' }),
    field(undefined, 'revisedYearly', 'bool', { title: 'Revideras årligen', definite: 'Den årliga revideringen' }),
    field(undefined, 'nextDecisionBy', 'date', { title: 'Nästa beslut senast', definite: 'Sista dag för beslut om nästa revision' }),
    field(undefined, 'nextDecisionFor', 'year', { title: 'Beslut inför år', definite: 'Året som nästa beslut gäller' }),
    field(undefined, 'nextDecisionText', 'text', { title: 'Meningen om nästa revision', definite: 'Meningen om nästa revision' }),
  ];
  diffFields(validity, b.validity, a.validity, { area: AREA.validity, path: 'validity', entity: 'giltighet' }, changes);
  const decision = [
    field(Decision, 'date', 'date', { title: 'Beslutsdatum', definite: 'Beslutsdatumet' }), field(Decision, 'body', 'text'),
    field(Decision, 'party', 'ref', { show: names.org }), field(Decision, 'reference', 'text'),
  ];
  diffFields(decision, b.decision ?? {}, a.decision ?? {}, { area: AREA.validity, path: 'decision', entity: 'beslut' }, changes);

  // Signatories.
  diffItems({
    entity: 'undertecknare', area: AREA.signatories, path: 'signatories', label: 'Undertecknare', key: (s) => s.id,
    name: (s) => `${s.name} (${names.org(s.party)})`, subject: (s) => `undertecknaren för ${names.org(s.party)}`,
    listName: 'bland underskrifterna', countNoun: 'undertecknare',
    fields: [
      field(Signatory, 'name', 'text', { show: String }), field(Signatory, 'title', 'text', { show: String }),
      field(Signatory, 'party', 'ref', { show: names.org }), field(Signatory, 'unit', 'text'), field(Signatory, 'scope', 'text'),
      field(Signatory, 'place', 'text', { show: String }), field(Signatory, 'date', 'date'),
    ],
  }, b.signatories, a.signatories, changes, counts);

  // Documents and sections with their prose.
  const docFields = [
    field(DocumentPart, 'title', 'text'), field(DocumentPart, 'subtitle', 'text'), field(DocumentPart, 'kind', 'enum'),
    field(DocumentPart, 'numbering', 'int'), field(DocumentPart, 'placeholder', 'bool'),
  ];
  diffFields(docFields, b.main, a.main, { area: AREA.documents, path: 'main', entity: 'dokument', subject: 'huvuddokumentet' }, changes);
  diffItems({
    entity: 'bilaga', area: AREA.documents, path: 'bilagor', label: 'Bilaga', key: (x) => x.id, name: (x) => x.title,
    context: (x) => (x.number ? `(bilaga ${x.number})` : undefined), listName: 'bland bilagorna', countNoun: 'bilagor',
    fields: [field(DocumentPart, 'number', 'int'), ...docFields],
  }, b.bilagor ?? [], a.bilagor ?? [], changes, counts);

  diffFacts(before, after, names, changes, counts);

  diffItems({
    entity: 'malgrupp', area: AREA.targetGroups, path: 'targetGroups', label: 'Målgrupp', key: (x) => x.id, name: (x) => x.name,
    countNoun: 'målgrupper', listName: 'bland målgrupperna',
    fields: [field(TargetGroup, 'name', 'text', { title: 'Lydelse' }), field(TargetGroup, 'definition', 'text')],
  }, b.targetGroups ?? [], a.targetGroups ?? [], changes, counts);
  diffItems({
    entity: 'atagande', area: AREA.commitments, path: 'commitments', label: 'Åtagande', key: (x) => x.id, name: (x) => plainText(canonicalText(x.text)),
    context: (x) => `för ${names.org(x.party)}`, countNoun: 'åtaganden', listName: 'bland åtagandena',
    fields: [field(Commitment, 'party', 'ref', { show: names.org }), field(Commitment, 'text', 'text', { title: 'Lydelse' })],
  }, b.commitments ?? [], a.commitments ?? [], changes, counts);
  diffItems({
    entity: 'figur', area: AREA.figures, path: 'figures', label: 'Figur', key: (x) => x.id, name: (x) => x.caption, listName: 'bland figurerna',
    fields: [field(Figure, 'caption', 'text'), field(Figure, 'alt', 'text'), field(Figure, 'placeholder', 'bool'), field(undefined, 'image', 'enum', { title: 'Bild', show: () => 'ny bildfil' })],
  }, figuresWithImages(before), figuresWithImages(after), changes);

  diffDocuments(before, after, changes);
  const entries = consolidate(changes);

  const twoAgreements = before.agreement.id !== after.agreement.id;
  return {
    from: before.label, to: after.label, agreement: twoAgreements ? `${before.agreement.id} → ${after.agreement.id}` : after.agreement.id,
    title: a.title, revisions: { from: b.revision.id, to: a.revision.id }, sides: sideNames(before, after), twoAgreements, changes: entries, counts,
  };
}

/** Figures with a digest of their image file, so a replaced image counts as a change. */
function figuresWithImages(side: Side) {
  return (side.agreement.agreement.figures ?? []).map((f) => ({ ...f, ...(f.file ? { image: side.images?.get(f.file) ?? f.file } : {}) }));
}
