/**
 * The import's working state: the document split into sections of blocks, the facts found so far
 * and the report lines. The fact detectors read and change it; the writer turns it into files.
 */
import type { Block, WordLabel } from './html-blocks.ts';
import type {
  FigureData, GoalData, OrganisationData, PartyData, SignatoryData, TableData, AgreementFileData,
} from '../model/schema.ts';

/** A block of a section draft: a Word block, or a directive that replaced some. */
export type DraftBlock = Block | { type: 'directive'; line: string; para: number };

/** One section: its title, heading label, whether numbered, and its blocks (sub-headings included). */
export interface SectionDraft {
  id: string;
  title: string;
  titleMd: string;
  label?: WordLabel;
  numbered: boolean;
  /** The level of the section's own heading in Word (sub-headings are deeper). */
  level: number;
  para: number;
  blocks: DraftBlock[];
}

/** One line of the import report: a fact found, a guess, or something a person must check. */
export interface ReportLine {
  kind: 'fakta' | 'gissning' | 'kontrollera';
  text: string;
  where: string;
}

/** Everything the import has found, to be written as an agreement folder. */
export interface ImportDraft {
  id: string;
  title: string;
  subtitle?: string;
  cluster: string;
  clusterGuessed: boolean;
  numbering: number;
  sections: SectionDraft[];
  footnotes: Map<string, string>;
  /** Each footnote's number in citation order and the section that first cites it (before facts moved text out). */
  footnoteOrder: Map<string, string>;
  footnoteHome: Map<string, number>;
  parties: PartyData[];
  newOrganisations: OrganisationData[];
  registry: OrganisationData[];
  validity?: AgreementFileData['validity'];
  /** The decision, from a "Beslutsdatum …" line above the signatures. */
  decision?: AgreementFileData['decision'];
  signatories: SignatoryData[];
  targetGroups: { id: string; name: string }[];
  goals: GoalData[];
  areas: { id: string; title: string }[];
  tables: TableData[];
  figures: FigureData[];
  figureFiles: Map<string, Buffer>;
  report: ReportLine[];
  /** A date Word stored with the file, for the revision when the text has none. */
  fileDate?: string;
}

/** A stable id from Swedish text: å ä → a, ö → o, other letters without accents, hyphens between words. */
export function slugify(text: string, max = 60): string {
  const s = text
    .toLowerCase()
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = s.length > max ? s.slice(0, max).replace(/-[^-]*$/, '') : s;
  return cut || 'x';
}

/** Makes ids unique within one set by adding -2, -3, … */
export function uniqueIds(): (base: string) => string {
  const seen = new Set<string>();
  return (base) => {
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  };
}

/** Where a block came from, in the words of the report. */
export function whereOf(section: SectionDraft | undefined, para: number): string {
  const heading = section ? `under rubriken "${section.label && section.numbered ? `${section.label.text} ` : ''}${section.title}"` : 'före första rubriken';
  return `Word-filens stycke ${para}, ${heading}`;
}

/** The plain text of a block, for detectors that read sentences. */
export function plainOf(b: DraftBlock): string {
  switch (b.type) {
    case 'heading': case 'paragraph': return b.plain;
    case 'list': return b.items.map((i) => i.plain).join('\n');
    case 'table': return b.rows.map((r) => r.map((c) => c.blocks.map(plainOf).join(' ')).join(' | ')).join('\n');
    default: return '';
  }
}

/** Strips a typed heading number such as "1." or "2.3" from a title. */
export function stripNumber(title: string): { title: string; number?: string } {
  const m = /^(\d+(?:\.\d+)*)\.?\s+(.+)$/.exec(title);
  return m ? { title: m[2] ?? title, number: m[1] ?? '' } : { title };
}

/** The title of a section without numbers, lower-cased, for matching "Parter", "Målgrupp" … */
export function sectionKey(s: SectionDraft): string {
  return s.title.toLowerCase().replace(/[:.]$/, '').trim();
}

const FOOTNOTE_REF = /\[\^fn-(\d+)\]/g;

/** Numbers the footnotes in the order they are first cited, and finds the section citing each first. */
export function placeFootnotes(sections: readonly SectionDraft[], footnotes: Map<string, string>): { order: Map<string, string>; home: Map<string, number> } {
  const order = new Map<string, string>();
  const home = new Map<string, number>();
  sections.forEach((s, i) => {
    for (const m of JSON.stringify(s.blocks).matchAll(FOOTNOTE_REF)) {
      if (!order.has(m[1]!)) order.set(m[1]!, `${order.size + 1}`);
      if (!home.has(m[1]!)) home.set(m[1]!, i);
    }
  });
  for (const id of footnotes.keys()) if (!order.has(id)) order.set(id, `${order.size + 1}`);
  return { order, home };
}
