/**
 * What the sanitiser will remove from a section, reported before the build: each image, element and
 * attribute that rehype-sanitize (with the schema of markdown-html.ts) drops gives a warning at its
 * place, so nothing disappears from the document without a word to the author.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AgreementModel } from '../model/types.ts';
import { sanitizeSchema } from '../pipeline/markdown-html.ts';

// Footnotes and headings are produced by the composer's own handlers; here only their text matters.
const handlers: NonNullable<RemarkRehypeOptions['handlers']> = {
  footnoteReference: () => ({ type: 'text', value: '' }),
  footnoteDefinition: () => undefined,
};
const toHast = unified().use(remarkRehype, { allowDangerousHtml: true, handlers }).use(rehypeRaw).freeze();

const allowedTags = new Set(sanitizeSchema.tagNames ?? []);
const stripped = new Set(sanitizeSchema.strip ?? []);
type AttrRule = string | [string, ...(string | number | boolean | RegExp | null | undefined)[]];

function attributeAllowed(tag: string, name: string, value: unknown): boolean {
  const rules = [...((sanitizeSchema.attributes?.[tag] ?? []) as AttrRule[]), ...((sanitizeSchema.attributes?.['*'] ?? []) as AttrRule[])];
  for (const rule of rules) {
    if (typeof rule === 'string') { if (rule === name || (rule === 'data*' && /^data[A-Z]/.test(name))) return true; continue; }
    if (rule[0] !== name) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.every((v) => rule.slice(1).some((r) => (r instanceof RegExp ? r.test(String(v)) : r === v)))) return true;
  }
  return false;
}

function protocolAllowed(name: string, value: unknown): boolean {
  const allowed = (sanitizeSchema.protocols as Record<string, string[] | undefined> | undefined)?.[name];
  if (!allowed || typeof value !== 'string') return true;
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(value.trim());
  return !m || allowed.includes((m[1] ?? '').toLowerCase());
}

const attrName = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^class-name$/, 'class').replace(/^on-/, 'on');

function hasRisky(node: Root | RootContent): boolean {
  if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return true;
  if ((node.type === 'link' || node.type === 'definition') && /^\s*[a-z][a-z0-9+.-]*:/i.test(node.url) && !/^\s*(https?|mailto|irc|ircs|xmpp):/i.test(node.url)) return true;
  return 'children' in node && (node.children as RootContent[]).some(hasRisky);
}

/** Warnings for everything the sanitiser would remove from the agreement's section files. */
export function checkSanitized(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of a.documents) {
    for (const section of doc.sections) {
      // Only raw HTML, images and links can lose anything; most sections have none of them.
      if (!hasRisky(section.markdown.tree)) continue;
      let hast: HastRoot;
      try {
        hast = toHast.runSync(structuredClone(section.markdown.tree) as Root) as HastRoot;
      } catch {
        continue; // the build's own conversion reports what cannot be converted
      }
      const visit = (node: HastRoot | Element): void => {
        for (const child of node.children as HastContent[]) {
          if (child.type !== 'element') continue;
          const at = { file: section.file, line: child.position?.start.line ?? 1, column: child.position?.start.column ?? 1 };
          const tag = child.tagName;
          if (tag === 'img' || tag === 'picture') {
            out.push(diagnostic('sanerat-bild', at, { what: typeof child.properties.src === 'string' ? `"${child.properties.src}"` : `<${tag}>` }));
            continue;
          }
          if (!allowedTags.has(tag)) {
            out.push(diagnostic('sanerat-html', at, { what: `elementet <${tag}>${stripped.has(tag) ? ' med sitt innehåll' : ''}` }));
            if (stripped.has(tag)) continue;
          } else {
            for (const [prop, value] of Object.entries(child.properties)) {
              if (value === undefined || value === null || value === false) continue;
              if (!attributeAllowed(tag, prop, value)) out.push(diagnostic('sanerat-html', at, { what: `attributet ${attrName(prop)} på <${tag}>` }));
              else if (!protocolAllowed(prop, value)) out.push(diagnostic('sanerat-html', at, { what: `länken ${String(value).slice(0, 60)} i <${tag}>` }));
            }
          }
          visit(child);
        }
      };
      visit(hast);
    }
  }
  return out;
}
