/**
 * Markdown → reader-visible prose blocks with canonical text.
 *
 * The canonical text is designed so that edits which do not change what a
 * reader sees (re-wrapping, list marker style, `_x_` vs `*x*`, CRLF, trailing
 * or repeated spaces, Unicode normalisation form, front matter) produce
 * identical text, while visible edits (words, emphasis, link targets) differ.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type {
  Definition,
  List,
  ListItem,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
  TableRow,
} from 'mdast';
import { labelLists } from '../pipeline/labelled-lists.ts';

/** Kind of a reader-visible block. */
export type ProseBlockKind = 'paragraph' | 'heading' | 'listItem' | 'tableRow' | 'code' | 'footnote' | 'directive' | 'other';

/** One reader-visible block of a Markdown document with its canonical text and 1-based source line. */
export interface ProseBlock {
  kind: ProseBlockKind;
  /** Canonical text: formatting-only differences are normalised away. */
  text: string;
  /** 1-based line in the source where the block starts. */
  line: number;
}

/** A paragraph that is only a directive, e.g. `::mal{niva=strategiskt}`. */
const DIRECTIVE = /^::[a-z][a-z-]*(?:\{[^}\n]*\})?$/;

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

const FRONT_MATTER = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Normalises line endings and Unicode, and blanks out a leading YAML front matter block (keeping line numbers). */
export function normalizeSource(markdown: string): string {
  let source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  const frontMatter = FRONT_MATTER.exec(source);
  if (frontMatter !== null) {
    const newlines = frontMatter[0].split('\n').length - 1;
    source = '\n'.repeat(newlines) + source.slice(frontMatter[0].length);
  }
  return source;
}

/** Parses GFM Markdown and returns its reader-visible blocks in document order. */
export function markdownToBlocks(markdown: string): ProseBlock[] {
  const source = normalizeSource(markdown);
  return treeToBlocks(labelLists(parser.parse(source) as Root, source));
}

/** The reader-visible blocks of an already parsed Markdown tree (a loaded section's, for one). */
export function treeToBlocks(tree: Root): ProseBlock[] {
  const context: Context = { definitions: collectDefinitions(tree), blocks: [] };
  for (const child of tree.children) visitBlock(child, context, '');
  return context.blocks;
}

interface Context {
  definitions: Map<string, Definition>;
  blocks: ProseBlock[];
}

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const walk = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return definitions;
}

function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 0;
}

function push(context: Context, kind: ProseBlockKind, text: string, node: Nodes, prefix: string): void {
  const clean = text.trim();
  if (clean === '' && kind !== 'code') return;
  context.blocks.push({ kind, text: prefix + clean, line: lineOf(node) });
}

function visitBlock(node: RootContent, context: Context, prefix: string): void {
  switch (node.type) {
    case 'paragraph': {
      const text = inline(node.children, context);
      // A directive shows facts that the fact diff compares; the paragraph itself is no prose.
      push(context, DIRECTIVE.test(text) ? 'directive' : 'paragraph', text, node, prefix);
      return;
    }
    case 'heading':
      push(context, 'heading', `${'#'.repeat(node.depth)} ${inline(node.children, context)}`, node, prefix);
      return;
    case 'list':
      visitList(node, context, prefix);
      return;
    case 'table':
      for (const row of node.children) push(context, 'tableRow', tableRowText(row, context), row, prefix);
      return;
    case 'blockquote':
      for (const child of node.children) visitBlock(child, context, `${prefix}> `);
      return;
    case 'code':
      push(context, 'code', node.value.replace(/[ \t]+$/gm, ''), node, prefix);
      return;
    case 'html':
      if (!/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) push(context, 'other', node.value, node, prefix);
      return;
    case 'footnoteDefinition': {
      const body = node.children.map((child) => blockInlineText(child, context)).filter((t) => t !== '');
      push(context, 'footnote', `[^${node.label ?? node.identifier}]: ${body.join(' ')}`, node, prefix);
      return;
    }
    default:
      // thematicBreak, definition, yaml and other non-prose nodes are not compared.
      return;
  }
}

function visitList(list: List, context: Context, prefix: string): void {
  for (const item of list.children) visitListItem(item, context, prefix);
}

function visitListItem(item: ListItem, context: Context, prefix: string): void {
  const own: string[] = [];
  const nested: RootContent[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph') own.push(inline(child.children, context));
    else nested.push(child);
  }
  const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
  push(context, 'listItem', check + own.join('\n\n'), item, prefix);
  for (const child of nested) visitBlock(child, context, prefix);
}

function tableRowText(row: TableRow, context: Context): string {
  return row.children.map((cell) => inline(cell.children, context).trim()).join(' | ');
}

function blockInlineText(node: RootContent, context: Context): string {
  if (node.type === 'paragraph') return inline(node.children, context).trim();
  if ('children' in node) {
    return node.children
      .map((child) => blockInlineText(child as RootContent, context))
      .filter((t) => t !== '')
      .join(' ');
  }
  return 'value' in node ? node.value.trim() : '';
}

/** Renders phrasing content canonically and collapses whitespace. */
function inline(nodes: PhrasingContent[], context: Context): string {
  return nodes
    .map((node) => phrasing(node, context))
    .join('')
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

function phrasing(node: PhrasingContent, context: Context): string {
  switch (node.type) {
    case 'text':
      return node.value.replace(/[\s\u00A0\u202F]+/g, ' ');
    case 'emphasis':
      return `*${inline(node.children, context)}*`;
    case 'strong':
      return `**${inline(node.children, context)}**`;
    case 'delete':
      return `~~${inline(node.children, context)}~~`;
    case 'inlineCode':
      return `\`${node.value}\``;
    case 'break':
      return '\n';
    case 'link':
      return renderLink(inline(node.children, context), node.url);
    case 'linkReference': {
      const label = inline(node.children, context);
      const definition = context.definitions.get(node.identifier);
      return definition === undefined ? `[${label}][${node.label ?? node.identifier}]` : renderLink(label, definition.url);
    }
    case 'image':
      return `![${node.alt ?? ''}](${node.url})`;
    case 'imageReference': {
      const definition = context.definitions.get(node.identifier);
      return `![${node.alt ?? ''}](${definition?.url ?? node.identifier})`;
    }
    case 'footnoteReference':
      return `[^${node.label ?? node.identifier}]`;
    case 'html':
      return node.value;
    default:
      return '';
  }
}

function renderLink(label: string, url: string): string {
  if (label === url || `mailto:${label}` === url || `http://${label}` === url) return `<${url}>`;
  return `[${label}](${url})`;
}
