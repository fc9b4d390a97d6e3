/**
 * Section drafts → Markdown: sub-headings as ##, lists with Word's labels (1. and 1) as Markdown
 * lists; A) B) C), a) b) and » as lines that begin with the label, which the build keeps as labelled
 * lists (src/pipeline/labelled-lists.ts); other labels such as i) or (a) written before the text as
 * paragraphs), tables as GFM tables (or, when a cell holds a list, as a table in organisation.yaml
 * shown with ::tabell), images as ::figur.
 */
import type { Block, Cell, ListItem } from './html-blocks.ts';
import { slugify, type DraftBlock, type ImportDraft, type SectionDraft } from './draft.ts';

/** Bullets that are written as a label before the text; every other bullet symbol becomes "-". */
const LITERAL_BULLETS = /^[»›>→➢►▸✓✔☐□]$/;

/** How a list item's label is written: a Markdown marker, or literal text before the item. */
export function markerOf(item: ListItem, ordered: boolean, index: number): { marker: string; literal: boolean } {
  const label = item.label;
  if (!label) return { marker: ordered ? `${index + 1}.` : '-', literal: false };
  if (label.format === 'bullet') return LITERAL_BULLETS.test(label.text.trim()) ? { marker: label.text.trim(), literal: true } : { marker: '-', literal: false };
  if (label.format === 'decimal' && /^\d{1,9}[.)]$/.test(label.text.trim())) return { marker: label.text.trim(), literal: false };
  return { marker: label.text.trim() || '-', literal: label.text.trim() !== '' };
}

const hardBreaks = (md: string, indent: string) => md.replace(/\u2028/g, `\\\n${indent}`);

/** The kind of labels the build keeps as a list: A) B) C) … or a) b) c) … from the first letter, or » on every item. */
function keptKind(b: Extract<Block, { type: 'list' }>): string | undefined {
  const labels = b.items.map((i) => i.label?.text.trim() ?? '');
  if (b.items.length === 0 || b.items.some((i) => i.md.trim() === '')) return undefined;
  if (labels.every((l) => l === '»')) return '»';
  if (b.items.length > 26) return undefined;
  return ['A', 'a'].find((first) => labels.every((l, i) => l === `${String.fromCharCode(first.charCodeAt(0) + i)})`));
}

/**
 * True when the build keeps the list's labels. A kept list with a list of the same kind under an item
 * is not: its lines would read as the outer list's next items.
 */
export function keptLabels(b: Extract<Block, { type: 'list' }>): boolean {
  const kind = keptKind(b);
  return kind !== undefined && !b.items.some((i) => i.children.some((c) => c.type === 'list' && keptKind(c) === kind));
}

/** A continuation line that Markdown must not read as the start of another block. */
const asLine = (md: string): string => md.replace(/^(\s*)([-+*>#=|])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');

/**
 * A list whose labels the build keeps: one line per item beginning with its label, a nested kept list
 * as further lines under the item, a further paragraph of the item after a line break; anything
 * else nested (a Markdown list, a table) stands between the items, where the build nests a list.
 */
function keptList(b: Extract<Block, { type: 'list' }>, indent: string, ctx: Ctx): string[] {
  const out: string[] = [];
  for (const item of b.items) {
    out.push(`${indent}${item.label?.text.trim() ?? ''} ${hardBreaks(item.md, indent)}`);
    for (const c of item.children) {
      if (c.type === 'list' && keptLabels(c)) out.push(...keptList(c, `${indent}   `, ctx));
      else if (c.type === 'paragraph' && c.md.trim() !== '') {
        out[out.length - 1] += '\\';
        out.push(`${indent}   ${asLine(hardBreaks(c.label ? `${c.label.text} ${c.md}` : c.md, `${indent}   `))}`);
      } else out.push('', ...blockLines(c, indent, ctx), '');
    }
  }
  return out;
}

/** Writes one list, nested lists indented under their item. */
function list(b: Extract<Block, { type: 'list' }>, indent: string, ctx: Ctx): string[] {
  if (keptLabels(b)) return keptList(b, indent, ctx);
  const out: string[] = [];
  const literal = b.items.map((item, i) => markerOf(item, b.ordered, i)).find((m) => m.literal);
  if (literal && indent === '') {
    ctx.draft.report.push({ kind: 'gissning', text: `Listan med etiketterna ${literal.marker} … står som stycken som börjar med etiketten (bygget håller listor med -, 1., 1), A), a) och » som listor, men inte dessa); underpunkternas indrag syns inte.`, where: `Word-filens stycke ${b.para}, under rubriken "${ctx.section.title}"` });
  }
  b.items.forEach((item, i) => {
    const { marker, literal } = markerOf(item, b.ordered, i);
    if (literal) {
      // A label Markdown has no list for: the item is a paragraph that begins with it.
      out.push(`${indent}${marker.replace(/^(\d+)([.)])/, '$1\\$2')} ${hardBreaks(item.md, indent)}`);
      for (const c of item.children) out.push('', ...blockLines(c, indent, ctx));
      out.push('');
      return;
    }
    const pad = ' '.repeat(marker.length + 1);
    out.push(`${indent}${marker} ${hardBreaks(item.md, indent + pad)}`);
    for (const c of item.children) {
      const inner = blockLines(c, indent + pad, ctx);
      if (c.type !== 'list') out.push('');
      out.push(...inner);
    }
  });
  return out;
}

interface Ctx {
  draft: ImportDraft;
  section: SectionDraft;
  lastHeading?: string;
}

function cellText(c: Cell): string {
  return c.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? b.md.replace(/\u2028/g, '<br>') : b.type === 'list' ? b.items.map((i) => `• ${i.md}`).join('<br>') : '')).filter(Boolean).join('<br>');
}

/** Spreads merged cells so every row has one entry per column (a merged cell's text stands in its first place). */
export function gridOf(rows: Cell[][]): (Cell | undefined)[][] {
  const grid: (Cell | undefined)[][] = rows.map(() => []);
  const taken: boolean[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          taken[r + dr]![c + dc] = true;
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? cell : undefined;
        }
      }
      c += cell.colspan;
    }
  });
  const width = Math.max(1, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i]));
}

function table(b: Extract<Block, { type: 'table' }>, indent: string, ctx: Ctx): string[] {
  const grid = gridOf(b.rows);
  const merged = b.rows.some((r) => r.some((c) => c.colspan > 1 || c.rowspan > 1));
  const where = `Word-filens stycke ${b.para}, under rubriken "${ctx.section.title}"`;
  if (merged) ctx.draft.report.push({ kind: 'kontrollera', text: 'Tabellen har sammanfogade celler; texten står i den första cellen och de övriga är tomma. Kontrollera tabellen.', where });
  const listCells = b.rows.some((r) => r.some((c) => c.blocks.some((x) => x.type === 'list')));
  if (listCells && grid.length > 1) {
    const id = `tabell-${ctx.draft.tables.length + 1}`;
    const caption = `${ctx.lastHeading ?? ctx.section.title}, tabell ${ctx.draft.tables.length + 1}`;
    const cellValue = (c: Cell | undefined): string | string[] => {
      if (!c) return '';
      const items = c.blocks.flatMap((x) => (x.type === 'list' ? x.items.map((i) => i.md) : x.type === 'paragraph' ? [x.md] : []));
      return c.blocks.some((x) => x.type === 'list') ? items.map((s) => s.replace(/\u2028/g, ' ')) : items.join(' ').replace(/\u2028/g, ' ');
    };
    ctx.draft.tables.push({
      id,
      caption,
      columns: grid[0]!.map((c, i) => (typeof cellValue(c) === 'string' && cellValue(c) ? (cellValue(c) as string) : `Kolumn ${i + 1}`)),
      rows: grid.slice(1).map((r) => r.map(cellValue)),
    });
    ctx.draft.report.push({ kind: 'gissning', text: `Tabellen har listor i cellerna och står i organisation.yaml som "${id}" med rubriken "${caption}" (gjord av rubriken ovanför); skriv en riktig tabellrubrik.`, where });
    return [`${indent}::tabell{id=${id}}`];
  }
  const rows = grid.map((r) => `${indent}| ${r.map((c) => (c ? cellText(c) : '') || ' ').join(' | ')} |`);
  const sep = `${indent}|${grid[0]!.map(() => ' --- ').join('|')}|`;
  return [rows[0]!, sep, ...rows.slice(1)];
}

function image(b: Extract<Block, { type: 'image' }>, ctx: Ctx, caption: string | undefined): string[] {
  const img = ctx.draft.figureFiles.get(`#${b.index}`);
  const id = `figur-${b.index}`;
  const where = `Word-filens stycke ${b.para}, under rubriken "${ctx.section.title}"`;
  const ext = ctx.draft.figureFiles.get(`#${b.index}:ext`)?.toString() ?? 'png';
  const usable = img !== undefined && (ext === 'png' || ext === 'svg');
  const alt = b.alt ?? 'ALTERNATIVTEXT SAKNAS: beskriv vad bilden visar.';
  ctx.draft.figures.push({
    id,
    caption: caption ?? b.alt ?? `Bild ${b.index}`,
    alt,
    ...(usable ? { file: `figures/${id}.${ext}` } : { placeholder: true }),
  });
  if (usable) ctx.draft.figureFiles.set(`figures/${id}.${ext}`, img);
  if (!b.alt) ctx.draft.report.push({ kind: 'kontrollera', text: `Bilden ${id} saknar alternativtext i Word-filen; skriv en i agreement.yaml (figures: → alt).`, where });
  if (!caption) ctx.draft.report.push({ kind: 'gissning', text: `Bildtexten till ${id} är ${b.alt ? 'alternativtexten' : `"Bild ${b.index}"`}; skriv en riktig bildtext.`, where });
  if (!usable) ctx.draft.report.push({ kind: 'kontrollera', text: `Bilden ${id} är i formatet ${ext}, som bygget inte visar; den står som platshållare. Spara bilden som PNG i figures/ och ange file:.`, where });
  return [`::figur{id=${id}}`];
}

function blockLines(b: DraftBlock, indent: string, ctx: Ctx): string[] {
  switch (b.type) {
    case 'heading': {
      const depth = Math.min(6, Math.max(2, b.level - ctx.section.level + 1));
      return [`${'#'.repeat(depth)} ${b.md}`];
    }
    case 'paragraph': {
      const md = b.label ? `${b.label.text} ${b.md}` : b.md;
      return [`${indent}${hardBreaks(md, indent)}`];
    }
    case 'list': return list(b, indent, ctx);
    case 'table': return table(b, indent, ctx);
    case 'image': return image(b, ctx, undefined);
    case 'directive': return [b.line];
  }
}

const CAPTION = /^(figur|bild)\s*\d*\s*[.:–-]?\s*/i;

/** The Markdown body of one section, without front matter or footnote definitions. */
export function sectionBody(draft: ImportDraft, section: SectionDraft): string {
  const ctx: Ctx = { draft, section };
  const parts: string[] = [];
  const blocks = section.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'image') {
      const next = blocks[i + 1];
      const isCaption = next?.type === 'paragraph' && (next.role === 'caption' || CAPTION.test(next.plain));
      parts.push(image(b, ctx, isCaption ? next.plain.replace(CAPTION, '') || next.plain : undefined).join('\n'));
      if (isCaption) i++;
      continue;
    }
    parts.push(blockLines(b, '', ctx).join('\n').replace(/\n{3,}/g, '\n\n').trimEnd());
    if (b.type === 'heading') ctx.lastHeading = b.plain;
  }
  return parts.filter((p) => p.trim()).join('\n\n');
}

/** The file name of a section: its place in the document and its id. */
export function sectionFile(index: number, section: SectionDraft): string {
  return `text/${String(index + 1).padStart(2, '0')}-${slugify(section.id, 50)}.md`;
}
