/**
 * Lighter pages for the printer. A rendered page carries its fonts inline as data: URLs (about
 * 550 KB of its 600 KB), so that the HTML file stands alone. Parsing them again for every PDF was
 * a third of Chromium's time, so before printing, each inline font the build itself embedded is
 * replaced by a URL on a reserved origin that the renderer answers from memory (request
 * interception). Nothing is fetched from the network or the disk: the origin `.invalid` cannot
 * resolve, and any other request is still blocked.
 *
 * The footer template (drawn on every page, with no network at all) gets Inter cut down to the
 * characters of its own text (subset-font: HarfBuzz's hb-subset), a few KB instead of 160 KB.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { cacheDir } from './cache-dir.ts';
import { bodyFaceFiles, fontFaceCss, headerFooterFontCss } from './fonts.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/** The reserved origin the renderer serves the fonts from. */
export const FONT_ORIGIN = 'https://fonts.overens.invalid';

/** The CSP of a page to print with served fonts: the build's, with the font origin allowed. */
export const PRINT_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace('font-src data:', `font-src data: ${FONT_ORIGIN}`);

/**
 * The build's CSP as a page may carry it, each with its print form: as is, and as the layout writes
 * it into an attribute (Handlebars escapes its quotes to `&#x27;`).
 */
const CSP_FORMS: ReadonlyArray<readonly [string, string]> = [
  [CONTENT_SECURITY_POLICY, PRINT_CONTENT_SECURITY_POLICY],
  [Handlebars.Utils.escapeExpression(CONTENT_SECURITY_POLICY), Handlebars.Utils.escapeExpression(PRINT_CONTENT_SECURITY_POLICY)],
];

let byBase64: Map<string, string> | undefined;
let served: Map<string, Buffer> | undefined;

/** The font files the renderer answers, by URL. */
export function servedFonts(): Map<string, Buffer> {
  served ??= new Map(bodyFaceFiles().map((f) => [`${FONT_ORIGIN}/${f.name}`, f.data]));
  return served;
}

/**
 * The page with the build's inline fonts replaced by served URLs; unchanged when it does not carry
 * the build's CSP (a template override with a policy of its own keeps its inline fonts). The build's
 * agreements are laid out for print with the served URLs from the start (printFontFaceCss), and so
 * come here already light; other pages (the redline, the follow-up's) are lightened here.
 */
export function lightenFonts(html: string): string {
  const found = CSP_FORMS.map(([page, print]) => ({ at: html.indexOf(page), page, print })).find((f) => f.at >= 0);
  if (!found) return html;
  return serveFontUrls(html.slice(0, found.at) + found.print + html.slice(found.at + found.page.length));
}

/** Each inline font of the build's own in a text replaced by its served URL. */
function serveFontUrls(text: string): string {
  byBase64 ??= new Map(bodyFaceFiles().map((f) => [f.data.toString('base64'), `${FONT_ORIGIN}/${f.name}`]));
  const map = byBase64;
  return text.replace(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g, (whole, b64: string) => {
    const url = map.get(b64);
    return url ? `url(${url})` : whole;
  });
}

let printFaces: string | undefined;

/**
 * The build's body faces on their served URLs: the `@font-face` rules lightenFonts would make of
 * fontFaceCss(), for a print page laid out light from the start (no 550 KB of fonts to write, scan
 * and replace for every agreement).
 */
export function printFontFaceCss(): string {
  printFaces ??= serveFontUrls(fontFaceCss());
  return printFaces;
}

/** Whether a page carries the print CSP, as is or as the layout writes it into an attribute. */
export const carriesPrintCsp = (html: string): boolean => CSP_FORMS.some(([, print]) => html.includes(print));

const FOOTER_FACES = [400, 600] as const;
/** Characters of fontsource's latin subset (its unicode-range, in short). */
const LATIN = /^[\u0000-\u00ff\u2000-\u206f\u20ac\u2122\u2212]*$/u;
const footerCache = new Map<string, Promise<string>>();

/**
 * `@font-face` CSS for a footer whose text is `text` (page numbers are digits, the hash hex): Inter 400 and 600
 * cut down to those characters, as inline TrueType. Falls back to the full footer faces if
 * subsetting fails, so a footer never loses its font.
 */
export function footerFontCss(text: string): Promise<string> {
  // Beyond the latin subset (e.g. "ł" in a title) the full faces, latin-ext included, are kept.
  if (!LATIN.test(text)) return Promise.resolve(headerFooterFontCss());
  // Every digit and hex letter, so a new source hash in the footer gives the same subset.
  const chars = [...new Set(`${text}0123456789abcdef`)].sort().join('');
  let css = footerCache.get(chars);
  if (!css) {
    css = cachedSubset(chars).catch(() => headerFooterFontCss());
    footerCache.set(chars, css);
  }
  return css;
}

/**
 * The subset CSS from the cache folder of validate-cache.ts when an earlier run made it (keyed by
 * the characters and the font files' bytes), else made now and stored: loading the subsetter costs
 * about a quarter of a second, as much as printing a short agreement.
 */
async function cachedSubset(chars: string): Promise<string> {
  const dir = cacheDir();
  const h = createHash('sha256').update(chars);
  for (const f of footerFiles()) h.update('\0').update(f.data);
  const file = dir ? path.join(dir, `footer-${h.digest('hex').slice(0, 32)}.css`) : undefined;
  if (file) {
    const hit = await readFile(file, 'utf8').catch(() => undefined);
    if (hit?.startsWith('@font-face')) return hit;
  }
  const css = await subsetFooter(chars);
  if (file && dir) {
    const tmp = `${file}.${process.pid}.tmp`;
    await mkdir(dir, { recursive: true }).then(() => writeFile(tmp, css)).then(() => rename(tmp, file)).catch(() => undefined);
  }
  return css;
}

const footerFiles = () => bodyFaceFiles().filter((f) => f.family === 'Inter' && f.style === 'normal' && f.subset === 'latin');

async function subsetFooter(chars: string): Promise<string> {
  const files = footerFiles();
  // Loaded on use: the subsetter instantiates WebAssembly when it is imported.
  const { default: subsetFont } = await import('subset-font');
  const rules: string[] = [];
  for (const weight of FOOTER_FACES) {
    const file = files.find((f) => f.weight === weight);
    if (!file) throw new Error(`Inter ${weight} saknas`);
    const data = await subsetFont(file.data, chars, { targetFormat: 'truetype' });
    rules.push(
      `@font-face{font-family:'Inter';font-style:normal;font-weight:${weight};font-display:block;` +
        `src:url(data:font/ttf;base64,${Buffer.from(data).toString('base64')}) format('truetype');}`,
    );
  }
  return rules.join('');
}

