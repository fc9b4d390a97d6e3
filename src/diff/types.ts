/** The change set: every difference between two sides of an agreement, as structured items. */
import type { WordPart } from './prose.ts';

export type { WordPart } from './prose.ts';

/** What happened to an item. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'moved-changed';

/** The kind of thing a change is about; decides the Swedish nouns used to describe it. */
export type EntityKind =
  | 'overenskommelse' | 'part' | 'ovrig-part' | 'undertecknare' | 'giltighet' | 'beslut' | 'dokument' | 'bilaga' | 'avsnitt'
  | 'mal' | 'indikator' | 'malomrade' | 'uppfoljning' | 'malgrupp' | 'atagande' | 'figur' | 'jobbspar' | 'grupp'
  | 'tabell' | 'tabellrad' | 'process' | 'steg' | 'budgetpost' | 'medlemsbidrag' | 'budgetar' | 'listpost'
  | 'stycke' | 'rubrik' | 'listpunkt' | 'prosarad' | 'kod' | 'fotnot' | 'inslag' | 'annat';

/** One change, with everything needed to describe it in Swedish. */
export interface Change {
  /** Stable id within the change set (derived from kind and path); the redline marks carry it as data-change. */
  id?: string;
  kind: ChangeKind;
  /** Path of the item a field or list entry belongs to, e.g. "signatories/underskrift-x". */
  item?: string;
  /** Changes that belong to this one edit and are told in the same entry (a removed party's signatory). */
  parts?: Change[];
  /** The Swedish heading the change belongs under, e.g. "Parter" or "Förord". */
  area: string;
  /** Where in the model, e.g. "goals/mal-x/indicators/ind-y/target/value". */
  path: string;
  /** Swedish label of the item or field, e.g. "Målvärde" or "Part". */
  label: string;
  before?: unknown;
  after?: unknown;
  /** The numeric or date difference, e.g. "+5 procentenheter". */
  delta?: string;
  /** Word-level difference of a text. */
  words?: WordPart[];
  /** What the change is about. */
  entity: EntityKind;
  /** The item's name or text (unquoted), e.g. "Kriminalvården". */
  name?: string;
  /** The item as a definite noun phrase when its name alone would read wrong, e.g. "undertecknaren för Umeå kommun". */
  subject?: string;
  /** Extra words after the noun, e.g. "för Umeå kommun" or "under Består av för gruppen ”X”". */
  context?: string;
  /** Definite Swedish phrase of the changed field, e.g. "Målvärdet"; only for field changes. */
  field?: string;
  /** The values as shown to a reader. */
  shown?: { before?: string; after?: string };
  /** Where a moved item went, e.g. "från plats 4 till plats 2 i huvuddokumentet". */
  where?: string;
  /** For prose: the section id and the block's index in the after (or before) section. */
  section?: { id: string; beforeIndex?: number; afterIndex?: number; fromId?: string };
}

/** A count that changed, e.g. 12 → 14 jobbspår. */
export interface CountChange {
  area: string;
  noun: string;
  before: number;
  after: number;
}

/** Everything that differs between two sides of one agreement (or two agreements). */
export interface ChangeSet {
  from: string;
  to: string;
  agreement: string;
  /** Title of the after side. */
  title: string;
  /** Revision ids of the two sides, e.g. "2023" and "2024". */
  revisions: { from: string; to: string };
  /** The two sides as the board knows them: "Antagen revision 2023 (beslut 2022-11-25)", "Förslag 2024". */
  sides?: { from: string; to: string };
  /** True when two different agreements are compared. */
  twoAgreements: boolean;
  changes: Change[];
  counts: CountChange[];
}

/** Number of changes by kind. */
export type KindCounts = Record<ChangeKind, number>;

/** Counts the changes of a change set by kind. */
export function countKinds(changes: readonly Change[]): KindCounts {
  const counts: KindCounts = { added: 0, removed: 0, changed: 0, moved: 0, 'moved-changed': 0 };
  for (const c of changes) counts[c.kind] += 1;
  return counts;
}
