/**
 * Blocks → the document's title, subtitle and sections: the highest heading level in use starts a
 * section, deeper headings stay inside it. A contents table that mammoth's style map did not drop
 * (a typed "Innehåll" with page numbers) is recognised here and dropped too.
 */
import type { Block } from './html-blocks.ts';
import { slugify, stripNumber, uniqueIds, type ReportLine, type SectionDraft } from './draft.ts';

/** The title, subtitle, sections and heading numbering read from the blocks. */
export interface SectionResult {
  title?: string;
  subtitle?: string;
  sections: SectionDraft[];
  numbering: number;
  report: ReportLine[];
}

const CONTENTS = /^(innehåll|innehållsförteckning|innehållsförteckning:)$/i;
const PAGE_ENTRY = /\s\d{1,3}$/;

/** Drops a typed contents table: the "Innehåll" line and the entries ending in page numbers. */
function dropContents(blocks: Block[], report: ReportLine[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if ((b.type === 'heading' || b.type === 'paragraph') && CONTENTS.test(b.plain)) {
      let j = i + 1;
      const isEntry = (x: Block | undefined) =>
        (x?.type === 'paragraph' && PAGE_ENTRY.test(x.plain)) ||
        (x?.type === 'table' && x.rows.every((r) => PAGE_ENTRY.test(` ${r.map((c) => c.blocks.map((y) => (y.type === 'paragraph' ? y.plain : '')).join(' ')).join(' ')}`.trimEnd())));
      while (j < blocks.length && isEntry(blocks[j])) j++;
      report.push({ kind: 'fakta', text: `Innehållsförteckningen (${j - i - 1} rader) togs bort; bygget gör en egen med sidnummer.`, where: `Word-filens stycke ${b.para}` });
      i = j - 1;
      continue;
    }
    out.push(b);
  }
  return out;
}

/** Splits the blocks into sections. */
export function splitSections(input: Block[]): SectionResult {
  const report: ReportLine[] = [];
  const blocks = dropContents(input, report);
  let title: string | undefined;
  let subtitle: string | undefined;
  const headings = blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading');
  const top = headings.length > 0 ? Math.min(...headings.map((h) => h.level)) : 1;
  const unique = uniqueIds();
  const sections: SectionDraft[] = [];
  const preamble: Block[] = [];
  let numberedLevels = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph' && b.role === 'title' && !title) { title = b.plain; continue; }
    if (b.type === 'paragraph' && b.role === 'subtitle' && !subtitle) { subtitle = b.plain; continue; }
    if (b.type === 'heading' && b.level === top) {
      const typed = stripNumber(b.plain);
      const numbered = Boolean(b.label && b.label.format !== 'bullet' && b.label.text.trim()) || typed.number !== undefined;
      const label = b.label ?? (typed.number !== undefined ? { format: 'decimal', level: 0, text: `${typed.number}.` } : undefined);
      const t = typed.title;
      const titleMd = typed.number !== undefined ? b.md.replace(/^\d+(?:\.\d+)*\.?\s+/, '') : b.md;
      sections.push({ id: unique(slugify(t)), title: t, titleMd, ...(label ? { label } : {}), numbered, level: top, para: b.para, blocks: [] });
      if (numbered) numberedLevels = Math.max(numberedLevels, 1);
      continue;
    }
    const current = sections[sections.length - 1];
    if (b.type === 'heading' && current) {
      const typed = stripNumber(b.plain);
      const depth = b.level - top + 1;
      if ((b.label && b.label.format !== 'bullet' && b.label.text.trim()) || (typed.number && typed.number.split('.').length === depth)) {
        numberedLevels = Math.max(numberedLevels, depth);
      }
      const md = typed.number && typed.number.split('.').length === depth ? b.md.replace(/^\d+(?:\.\d+)*\.?\s+/, '') : b.md;
      current.blocks.push({ ...b, md, plain: typed.number && typed.number.split('.').length === depth ? typed.title : b.plain });
      continue;
    }
    if (current) current.blocks.push(b);
    else preamble.push(b);
  }
  // Without title style, the first short paragraph before the first heading is the title.
  if (!title) {
    const first = preamble.findIndex((b) => b.type === 'paragraph' && b.plain.length <= 200);
    if (first >= 0) {
      const b = preamble.splice(first, 1)[0] as Extract<Block, { type: 'paragraph' }>;
      title = b.plain;
      report.push({ kind: 'gissning', text: `Rubriken "${title}" är första stycket i filen (inget stycke har formatmallen Rubrik/Title).`, where: `Word-filens stycke ${b.para}` });
    }
  }
  if (preamble.length > 0) {
    sections.unshift({ id: unique('inledning'), title: 'Inledning', titleMd: 'Inledning', numbered: false, level: top, para: preamble[0]!.para, blocks: preamble });
    report.push({ kind: 'gissning', text: 'Texten före första rubriken står i ett eget avsnitt "Inledning" utan nummer.', where: `Word-filens stycke ${preamble[0]!.para}` });
  }
  if (headings.length === 0) {
    report.push({ kind: 'kontrollera', text: 'Word-filen har inga rubriker (formatmallarna Rubrik 1, Rubrik 2 …), så all text hamnade i ett avsnitt. Dela upp den i avsnitt.', where: 'hela Word-filen' });
  }
  return { ...(title ? { title } : {}), ...(subtitle ? { subtitle } : {}), sections, numbering: numberedLevels, report };
}
