/**
 * Markdown to HTML for the rendered agreement: the already parsed mdast trees of the model go through
 * remark-rehype, rehype-raw, rehype-sanitize (GitHub schema, extended only for the ids and classes this
 * module generates) and rehype-stringify. Headings and footnote references are produced by our own
 * handlers; what they generate travels through the sanitiser as `data-ovr-*` attributes (which content
 * cannot forge, see `rawHandler`) and becomes `id`/`class`/`aria-*`/`type` only after sanitising. Lists
 * labelled A), a), 1) or » (src/pipeline/labelled-lists.ts) carry their class and `type` the same way.
 */
import type { FootnoteDefinition, Heading, Html, Nodes, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Element, ElementContent, Root as HastRoot, Properties } from 'hast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { scanMarkdown } from './markdown-limits.ts';

/** What a heading inside Markdown becomes: its id, its HTML level and its number (if numbered). */
export interface HeadingPlacement {
  id: string;
  level: number;
  num?: string;
}

/** What a footnote reference becomes: the link target, its own id, its number and the heading it is described by. */
export interface FootnoteRefPlacement {
  href: string;
  id: string;
  n: number;
  describedBy: string;
}

/** Callbacks through which the composer places headings and numbers footnotes while Markdown is converted. */
export interface MarkdownContext {
  /** Called for every Markdown heading, in document order, with its mdast depth and plain text. */
  heading(depth: number, text: string): HeadingPlacement;
  /** Called for every footnote reference, in document order, with the footnote's label. */
  footnoteRef(label: string): FootnoteRefPlacement;
  /**
   * True when a footnote with this label is defined somewhere in the agreement: then a literal `[^label]`
   * in text (GFM only links definitions of the same file) is rendered as a reference too.
   */
  knownFootnote?(label: string): boolean;
}

/** The label of a footnote reference or definition, as the checks use it. */
export function footnoteLabel(node: { label?: string | null | undefined; identifier: string }): string {
  return node.label ?? node.identifier;
}

/** Plain text of an mdast node (for slugs and heading texts). */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** A lower-case ASCII slug: å/ä → a, ö → o, everything else that is not a–z or 0–9 becomes a hyphen. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const GENERATED = ['dataOvrId', 'dataOvrClass', 'dataOvrDescribedby', 'dataOvrLabel', 'dataOvrType'];
const DROPPED_TAGS = new Set(['img', 'picture', 'source', 'input']);
const DROPPED_ATTRS = new Set(['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy', 'longDesc', 'src']);

/** The GitHub sanitiser schema without images, form controls and content ids, plus our generated attributes. */
export const sanitizeSchema: SanitizeSchema = (() => {
  const attributes: NonNullable<SanitizeSchema['attributes']> = {};
  for (const [tag, list] of Object.entries(defaultSchema.attributes ?? {})) {
    if (DROPPED_TAGS.has(tag)) continue;
    attributes[tag] = list.filter((a) => !DROPPED_ATTRS.has(Array.isArray(a) ? String(a[0]) : String(a)));
  }
  attributes['*'] = [...(attributes['*'] ?? []), ...GENERATED];
  return {
    ...defaultSchema,
    tagNames: (defaultSchema.tagNames ?? []).filter((t) => !DROPPED_TAGS.has(t)),
    attributes,
    clobber: [],
    protocols: { ...defaultSchema.protocols, src: [], longDesc: [] },
    required: {},
    strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math'],
  };
})();

let current: MarkdownContext | undefined;
const ctx = (): MarkdownContext => {
  if (!current) throw new Error('Markdown-omvandling utan sammanhang');
  return current;
};

/** Raw HTML from content: anything that looks like our generated attributes is renamed so it cannot be forged. */
function rawHandler(_state: unknown, node: Html): ElementContent {
  return { type: 'raw', value: node.value.replace(/data-ovr/gi, 'data-x-ovr') } as unknown as ElementContent;
}

function footnoteElement(label: string): Element {
  const r = ctx().footnoteRef(label);
  const a: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href: r.href, dataOvrId: r.id, dataOvrDescribedby: r.describedBy, dataOvrClass: 'fnref' },
    children: [{ type: 'text', value: String(r.n) }],
  };
  return { type: 'element', tagName: 'sup', properties: {}, children: [a] };
}

const handlers: NonNullable<RemarkRehypeOptions['handlers']> = {
  html: rawHandler as never,
  text(state, node: Text) {
    const known = ctx().knownFootnote;
    const parts: ElementContent[] = [];
    let last = 0;
    if (known) {
      for (const m of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const label = m[1] ?? '';
        if (!known(label)) continue;
        if (m.index > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
        parts.push(footnoteElement(label));
        last = m.index + m[0].length;
      }
    }
    if (parts.length === 0) {
      const t: ElementContent = { type: 'text', value: node.value };
      state.patch(node, t);
      return state.applyData(node, t);
    }
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    return parts;
  },
  heading(state, node: Heading) {
    const placed = ctx().heading(node.depth, plainText(node));
    const children: ElementContent[] = [];
    if (placed.num) {
      children.push({ type: 'element', tagName: 'span', properties: { dataOvrClass: 'num' }, children: [{ type: 'text', value: placed.num }] });
      children.push({ type: 'text', value: ' ' });
    }
    children.push(...state.all(node));
    const el: Element = { type: 'element', tagName: `h${placed.level}`, properties: { dataOvrId: placed.id }, children };
    state.patch(node, el);
    return state.applyData(node, el);
  },
  footnoteReference(state, node) {
    const sup = footnoteElement(footnoteLabel(node));
    state.patch(node, sup);
    return state.applyData(node, sup);
  },
  footnoteDefinition() {
    return undefined;
  },
  image() {
    return undefined;
  },
  imageReference() {
    return undefined;
  },
};

/** After sanitising: turn our `data-ovr-*` attributes into real ones; give table header cells a scope; replace obsolete `align`. */
function rehypeDecorate() {
  return (tree: HastRoot) => {
    const walk = (node: HastRoot | Element, inThead: boolean): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const p: Properties = child.properties;
        const out: Record<string, unknown> = {};
        const classes: string[] = [];
        for (const [k, v] of Object.entries(p)) {
          if (k === 'dataOvrId') out.id = v;
          else if (k === 'dataOvrClass') classes.push(String(v));
          else if (k === 'dataOvrDescribedby') out.ariaDescribedBy = v;
          else if (k === 'dataOvrLabel') out.ariaLabel = v;
          else if (k === 'dataOvrType' && child.tagName === 'ol') out.type = v;
          else if (k === 'align' && (child.tagName === 'td' || child.tagName === 'th')) classes.push(`align-${String(v)}`);
          else if (k === 'className') classes.unshift(...(Array.isArray(v) ? v.map(String) : [String(v)]));
          else out[k] = v;
        }
        if (classes.length > 0) out.className = classes;
        if (child.tagName === 'th' && inThead) out.scope = 'col';
        child.properties = out as Properties;
        walk(child, inThead || child.tagName === 'thead');
      }
    };
    walk(tree, false);
    dropEmptyParagraphs(tree);
  };
}

function dropEmptyParagraphs(node: HastRoot | Element): void {
  node.children = node.children.filter(
    (c) => !(c.type === 'element' && c.tagName === 'p' && c.children.every((k) => k.type === 'text' && k.value.trim() === '')),
  ) as typeof node.children;
  for (const c of node.children) if (c.type === 'element') dropEmptyParagraphs(c);
}

const processor = unified()
  .use(remarkRehype, { allowDangerousHtml: true, handlers })
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeDecorate)
  .use(rehypeStringify)
  .freeze();

function convert(root: Root, context: MarkdownContext, inline = false): string {
  const previous = current;
  current = context;
  try {
    const hast = processor.runSync(root) as HastRoot;
    const only = hast.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (inline && only.length === 1 && only[0]?.type === 'element' && only[0].tagName === 'p') hast.children = only[0].children;
    return processor.stringify(hast);
  } finally {
    current = previous;
  }
}

/** Convert block-level Markdown nodes (a section's body, or part of it) to sanitised HTML. */
export function blocksToHtml(nodes: readonly RootContent[], context: MarkdownContext): string {
  return convert({ type: 'root', children: nodes.filter((n) => n.type !== 'footnoteDefinition') }, context);
}

/** Convert phrasing content (inline Markdown) to sanitised HTML without a surrounding paragraph. */
export function phrasingToHtml(nodes: readonly PhrasingContent[], context: MarkdownContext): string {
  return convert({ type: 'root', children: [{ type: 'paragraph', children: [...nodes] }] }, context, true);
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();
const inlineCache = new Map<string, PhrasingContent[]>();
const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/g;

/**
 * Parse a YAML text field as inline Markdown: footnote references `[^id]` become references even though
 * their definitions live elsewhere, and text that would start a list or heading stays text.
 */
export function parseInline(text: string): PhrasingContent[] {
  const hit = inlineCache.get(text);
  if (hit) return hit;
  // Validation reports text beyond the limits; here it stays plain text so nothing can recurse.
  if (scanMarkdown(text)) return [{ type: 'text', value: text }];
  const labels = [...new Set([...text.matchAll(FOOTNOTE_REF)].map((m) => m[1] ?? ''))];
  const body = text.replace(/^(\s*)([-+*>#])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  const source = [body, ...labels.map((l) => `[^${l}]: -`)].join('\n\n');
  const tree = parser.parse(source);
  const out: PhrasingContent[] = [];
  for (const block of tree.children) {
    if (block.type === 'footnoteDefinition') continue;
    if (out.length > 0) out.push({ type: 'text', value: ' ' });
    if (block.type === 'paragraph') out.push(...block.children);
    else out.push({ type: 'text', value: plainText(block) });
  }
  inlineCache.set(text, out);
  return out;
}

/** Convert a YAML text field (inline Markdown) to sanitised phrasing HTML. */
export function inlineToHtml(text: string, context: MarkdownContext): string {
  return phrasingToHtml(parseInline(text), context);
}

/** Every footnote definition of the given trees by label (the first one wins). */
export function footnoteDefinitions(trees: readonly Root[]): Map<string, FootnoteDefinition> {
  const out = new Map<string, FootnoteDefinition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'footnoteDefinition') {
      const label = footnoteLabel(node);
      if (!out.has(label)) out.set(label, node);
    }
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  for (const t of trees) visit(t);
  return out;
}
