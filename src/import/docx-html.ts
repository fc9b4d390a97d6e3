/**
 * mammoth reads the .docx semantically into HTML. Two things it drops are put back: the label Word
 * prints before a numbered paragraph (read from numbering.xml, carried in as a marker run), and the
 * images, which are collected instead of inlined.
 */
import mammoth from 'mammoth';
import type { DocxPackage } from './read-docx.ts';
import { readParagraphNumbers, type ParagraphNumber } from './numbering.ts';

/** Marks the start and end of a Word label inside a paragraph's text. */
export const LABEL_OPEN = '\uE000';
export const LABEL_CLOSE = '\uE001';

/** An image from the .docx, referred to in the HTML as `src="overens-image:<index>"`. */
export interface DocxImage {
  index: number;
  contentType: string;
  data: Buffer;
  alt?: string;
}

/** mammoth's HTML of the document, its images and its warnings. */
export interface DocxHtml {
  html: string;
  images: DocxImage[];
  /** How many paragraphs of Word's own contents table the style map dropped. */
  contentsParagraphs: number;
  /** The document's core properties: title and dates, when Word wrote them. */
  core: { title?: string; created?: string; modified?: string };
}

const STYLE_MAP = [
  "p[style-name='Title'] => p.doc-title:fresh",
  "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
  "p[style-name='Caption'] => p.doc-caption:fresh",
  "p[style-name='Bildtext'] => p.doc-caption:fresh",
  // Word's and LibreOffice's contents tables, in English and Swedish Word: the build makes its own.
  "p[style-name^='toc'] => !",
  "p[style-name^='TOC'] => !",
  "p[style-name^='Contents'] => !",
  "p[style-name^='Innehåll'] => !",
  "p[style-name^='Innehållsförteckning'] => !",
];

interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleName?: string;
  [k: string]: unknown;
}

function plainText(el: MammothElement): string {
  if (el.type === 'text') return el.value ?? '';
  if (el.type === 'tab') return '\t';
  return (el.children ?? []).map(plainText).join('');
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Converts the unpacked .docx to HTML with labels and images kept. */
export async function docxToHtml(pkg: DocxPackage): Promise<DocxHtml> {
  const get = (name: string) => pkg.entries.get(name)?.toString('utf8');
  const numbers = readParagraphNumbers(get('word/document.xml') ?? '', get('word/numbering.xml'), get('word/styles.xml'));
  let cursor = 0;
  const find = (text: string): ParagraphNumber | undefined => {
    // Paragraphs come in document order; look a little ahead in case one reader skipped one.
    const want = squash(text);
    for (let i = cursor; i < Math.min(numbers.length, cursor + 12); i++) {
      if (squash(numbers[i]?.text ?? '') === want) {
        cursor = i + 1;
        return numbers[i];
      }
    }
    return undefined;
  };
  const transformParagraph = (p: MammothElement): MammothElement => {
    const n = find(plainText(p));
    if (!n?.label || !n.format) return p;
    const marker = `${LABEL_OPEN}${n.format}|${n.level ?? 0}|${n.label}${LABEL_CLOSE}`;
    const run: MammothElement = { type: 'run', children: [{ type: 'text', value: marker }] };
    return { ...p, children: [run, ...(p.children ?? [])] };
  };
  const walk = (el: MammothElement): MammothElement => {
    // Paragraphs inside text boxes or notes are left alone: only body paragraphs are in `numbers`.
    if (el.type === 'paragraph') return transformParagraph(el);
    if (el.children) return { ...el, children: el.children.map(walk) };
    return el;
  };
  const images: DocxImage[] = [];
  const result = await mammoth.convertToHtml(
    { buffer: pkg.buffer },
    {
      styleMap: STYLE_MAP,
      externalFileAccess: false,
      transformDocument: walk as (e: unknown) => unknown,
      convertImage: mammoth.images.imgElement(async (image) => {
        const data = await image.readAsBuffer();
        const index = images.length + 1;
        const alt = (image as unknown as { altText?: string }).altText;
        images.push({ index, contentType: image.contentType, data, ...(alt && alt.trim() ? { alt: alt.trim() } : {}) });
        return { src: `overens-image:${index}` };
      }),
    },
  );
  const contentsParagraphs = numbers.filter((n) => n.styleId && /^(toc|contents|innehll|innehåll)/i.test(n.styleId)).length;
  return { html: result.value, images, contentsParagraphs, core: readCore(get('docProps/core.xml')) };
}

function readCore(xml: string | undefined): DocxHtml['core'] {
  if (!xml) return {};
  const pick = (tag: string) => new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim();
  const date = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);
  const title = pick('dc:title');
  const created = date(pick('dcterms:created'));
  const modified = date(pick('dcterms:modified'));
  return { ...(title ? { title } : {}), ...(created ? { created } : {}), ...(modified ? { modified } : {}) };
}
