/**
 * mammoth's HTML → a flat list of blocks (headings, paragraphs, lists with their Word labels,
 * tables, images) with inline Markdown, and the footnotes by id. Every block carries the number
 * of the Word paragraph it started at, so the import report can say where a fact came from.
 */
import { parseFragment } from 'parse5';
import { LABEL_CLOSE, LABEL_OPEN } from './docx-html.ts';

/** A Word label before a paragraph: its number format, level and printed text. */
export interface WordLabel {
  format: string;
  level: number;
  text: string;
}

/** One list item: its first paragraph as Markdown, its label, and what is nested in it. */
export interface ListItem {
  md: string;
  plain: string;
  label?: WordLabel;
  children: Block[];
}

/** A table cell with its blocks and its span. */
export interface Cell {
  blocks: Block[];
  colspan: number;
  rowspan: number;
}

/** A block of the document. */
export type Block =
  | { type: 'heading'; level: number; md: string; plain: string; label?: WordLabel; para: number }
  | { type: 'paragraph'; md: string; plain: string; role?: 'title' | 'subtitle' | 'caption'; label?: WordLabel; para: number }
  | { type: 'list'; ordered: boolean; items: ListItem[]; para: number }
  | { type: 'table'; rows: Cell[][]; para: number }
  | { type: 'image'; index: number; alt?: string; para: number };

/** The document as blocks, and each footnote's Markdown text by its Word number. */
export interface BlockDocument {
  blocks: Block[];
  footnotes: Map<string, string>;
}

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

const attrOf = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const kids = (n: Node) => n.childNodes ?? [];

/** Escapes text so Markdown reads it literally. */
export function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, '\\$1');
}

function escapeLineStart(md: string): string {
  return md.replace(/^(#{1,6}\s|[-+]\s|\d+[.)]\s|>)/, (m) => `\\${m}`);
}

/** Reads a label marker at the start of text, returning the label and the rest. */
function takeLabel(md: string): { label?: WordLabel; md: string } {
  const m = new RegExp(`^${LABEL_OPEN}([^|]*)\\|(\\d+)\\|([^${LABEL_CLOSE}]*)${LABEL_CLOSE}`).exec(md);
  if (!m) return { md };
  return { label: { format: m[1] ?? '', level: Number(m[2]), text: m[3] ?? '' }, md: md.slice(m[0].length) };
}

class Reader {
  para = 0;
  readonly footnotes = new Map<string, string>();

  inline(n: Node): string {
    if (n.nodeName === '#text') {
      // The label marker stays verbatim; everything else is escaped.
      const v = (n.value ?? '').replace(/[\t\n\r ]+/g, ' ');
      const m = new RegExp(`^${LABEL_OPEN}[^${LABEL_CLOSE}]*${LABEL_CLOSE}`).exec(v);
      return m ? m[0] + escapeMd(v.slice(m[0].length)) : escapeMd(v);
    }
    const inner = () => kids(n).map((c) => this.inline(c)).join('');
    switch (n.nodeName) {
      case 'strong': case 'b': return wrap(inner(), '**');
      case 'em': case 'i': return wrap(inner(), '*');
      case 's': case 'del': return wrap(inner(), '~~');
      case 'br': return '\u2028';
      case 'img': return '';
      case 'sup': {
        const a = kids(n).find((c) => c.nodeName === 'a');
        const ref = a ? /^#footnote-(\d+)$/.exec(attrOf(a, 'href') ?? '') : null;
        if (ref) return `[^fn-${ref[1]}]`;
        return inner();
      }
      case 'a': {
        const href = attrOf(n, 'href') ?? '';
        const text = inner();
        if (/^(https?:|mailto:)/i.test(href) && text.trim()) return `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        return text;
      }
      default: return inner();
    }
  }

  /** Inline Markdown of a paragraph-like node, with whitespace tidied and its label taken off. */
  paragraph(n: Node): { md: string; plain: string; label?: WordLabel } {
    const raw = kids(n).map((c) => this.inline(c)).join('');
    const { label, md } = takeLabel(raw);
    const tidy = md.replace(/ +/g, ' ').replace(/ ?\u2028 ?/g, '\u2028').trim().replace(/^\u2028+|\u2028+$/g, '');
    const plain = textOf(n).replace(new RegExp(`${LABEL_OPEN}[^${LABEL_CLOSE}]*${LABEL_CLOSE}`), '').replace(/\s+/g, ' ').trim();
    return { md: escapeLineStart(tidy), plain, ...(label ? { label } : {}) };
  }

  blocks(nodes: Node[]): Block[] {
    const out: Block[] = [];
    for (const n of nodes) this.block(n, out);
    return out;
  }

  block(n: Node, out: Block[]): void {
    const name = n.nodeName;
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      const p = this.paragraph(n);
      this.para += 1;
      if (p.plain) out.push({ type: 'heading', level: Number(heading[1]), md: p.md, plain: p.plain, ...(p.label ? { label: p.label } : {}), para: this.para });
      return;
    }
    if (name === 'p') {
      this.para += 1;
      const para = this.para;
      for (const img of descendants(n, 'img')) {
        const index = Number(/^overens-image:(\d+)$/.exec(attrOf(img, 'src') ?? '')?.[1] ?? 0);
        const alt = attrOf(img, 'alt')?.trim();
        if (index > 0) out.push({ type: 'image', index, ...(alt ? { alt } : {}), para });
      }
      const p = this.paragraph(n);
      if (!p.plain) return;
      const cls = attrOf(n, 'class');
      const role = cls === 'doc-title' ? 'title' : cls === 'doc-subtitle' ? 'subtitle' : cls === 'doc-caption' ? 'caption' : undefined;
      out.push({ type: 'paragraph', md: p.md, plain: p.plain, ...(role ? { role } : {}), ...(p.label ? { label: p.label } : {}), para });
      return;
    }
    if (name === 'ul' || name === 'ol') {
      // mammoth writes the footnotes as the last <ol> of <li id="footnote-n">.
      const items = kids(n).filter((c) => c.nodeName === 'li');
      if (items.length > 0 && items.every((li) => /^footnote-\d+$/.test(attrOf(li, 'id') ?? ''))) {
        for (const li of items) this.footnote(li);
        return;
      }
      const para = this.para + 1;
      out.push({ type: 'list', ordered: name === 'ol', items: items.map((li) => this.item(li)), para });
      return;
    }
    if (name === 'table') {
      const para = this.para + 1;
      const rows: Cell[][] = [];
      for (const tr of descendants(n, 'tr')) {
        rows.push(kids(tr).filter((c) => c.nodeName === 'td' || c.nodeName === 'th').map((td) => ({
          blocks: this.cellBlocks(td),
          colspan: Math.max(1, Number(attrOf(td, 'colspan') ?? 1) || 1),
          rowspan: Math.max(1, Number(attrOf(td, 'rowspan') ?? 1) || 1),
        })));
      }
      out.push({ type: 'table', rows, para });
      return;
    }
    if (name === '#text') {
      if ((n.value ?? '').trim()) { this.para += 1; out.push({ type: 'paragraph', md: escapeMd(n.value!.trim()), plain: n.value!.trim(), para: this.para }); }
      return;
    }
    for (const c of kids(n)) this.block(c, out);
  }

  cellBlocks(td: Node): Block[] {
    // Inline content straight in a cell (no <p>) is read as one paragraph.
    const hasBlocks = kids(td).some((c) => ['p', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(c.nodeName));
    return hasBlocks ? this.blocks(kids(td)) : this.blocks([{ nodeName: 'p', childNodes: kids(td) }]);
  }

  item(li: Node): ListItem {
    this.para += 1;
    const inlineNodes = kids(li).filter((c) => !['ul', 'ol', 'p', 'table'].includes(c.nodeName));
    const firstP = kids(li).find((c) => c.nodeName === 'p');
    const head = this.paragraph({ nodeName: 'li', childNodes: inlineNodes.length > 0 || !firstP ? inlineNodes : kids(firstP) });
    const rest = kids(li).filter((c) => ['ul', 'ol', 'table'].includes(c.nodeName) || (c.nodeName === 'p' && c !== firstP) || (c === firstP && inlineNodes.length > 0));
    return { md: head.md, plain: head.plain, ...(head.label ? { label: head.label } : {}), children: this.blocks(rest) };
  }

  footnote(li: Node): void {
    const id = /^footnote-(\d+)$/.exec(attrOf(li, 'id') ?? '')?.[1] ?? '';
    const parts: string[] = [];
    for (const p of kids(li)) {
      if (p.nodeName !== 'p') continue;
      const withoutBack = { ...p, childNodes: kids(p).filter((c) => !(c.nodeName === 'a' && (attrOf(c, 'href') ?? '').startsWith('#footnote-ref-'))) };
      const { md } = this.paragraph(withoutBack);
      if (md) parts.push(md.replace(/\u2028/g, ' '));
    }
    this.footnotes.set(id, parts.join(' ').trim());
  }
}

function wrap(md: string, mark: string): string {
  const m = /^(\s*)(.*?)(\s*)$/s.exec(md);
  if (!m || !m[2]) return md;
  return `${m[1]}${mark}${m[2]}${mark}${m[3]}`;
}

function descendants(n: Node, name: string): Node[] {
  const out: Node[] = [];
  const visit = (x: Node) => {
    for (const c of kids(x)) {
      if (c.nodeName === name) out.push(c);
      // A nested table's rows belong to that table.
      if (!(name === 'tr' && c.nodeName === 'table')) visit(c);
    }
  };
  visit(n);
  return out;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return n.value ?? '';
  if (n.nodeName === 'sup' && kids(n).some((c) => c.nodeName === 'a' && (attrOf(c, 'href') ?? '').startsWith('#footnote-'))) return '';
  return kids(n).map(textOf).join('');
}

/** Reads mammoth's HTML into blocks and footnotes. */
export function htmlToBlocks(html: string): BlockDocument {
  const reader = new Reader();
  const root = parseFragment(html) as unknown as Node;
  const blocks = reader.blocks(kids(root));
  return { blocks, footnotes: reader.footnotes };
}
