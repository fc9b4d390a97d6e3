import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer-core';
import { footerFontCss, lightenFonts, servedFonts } from './print-fonts.ts';
import { findSystemChromium } from './find-chromium.ts';
import { PAGINATE_CSS, paginate, type PaginateResult } from './paginate.ts';
import { appendInfoUpdate, fixPdfDates, normalizeNodeIds, readNamedDestinationPages } from './pdf-postprocess.ts';

/** Thrown when no Chromium can be launched; the message tells the user how to get one. */
export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError';
  constructor(cause: unknown) {
    super(
      'Kunde inte starta Chromium för PDF-rendering' +
        (cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : '') +
        '. Installera en webbläsare med `apt-get install chromium`, låt puppeteer hämta sin egen med ' +
        '`npx puppeteer browsers install chrome`, eller ange sökvägen till en Chromium i miljövariabeln ' +
        'PUPPETEER_EXECUTABLE_PATH.',
      { cause },
    );
  }
}

/** One document to print. */
export interface PdfJob {
  key: string;
  html: string;
  meta: { title: string; author: string; subject: string; keywords: string[]; language: string; date: string };
  footer: { documentTitle: string; revision: string; sourceHash: string };
  bottomMarginMm?: number;
}

/** A printed document with its page count, number of print passes, timing and blocked requests. */
export interface PdfResult {
  key: string;
  pdf: Uint8Array;
  pages: number;
  passes: number;
  ms: number;
  blockedRequests: string[];
  /** Page of every `#id` link target (id → 1-based page), read back from the PDF's named destinations. */
  headingPages: Record<string, number>;
}

/** A running browser that prints jobs, at most `concurrency` at a time. */
export interface PdfRenderer {
  render(job: PdfJob): Promise<PdfResult>;
  /** Chromium's own work for the same page: setContent and pdf, nothing else (the benchmark's floor). */
  plainPrint(html: string, footer?: PdfJob['footer']): Promise<{ ms: number }>;
  close(): Promise<void>;
}

/** The system Chromium, when there is one (see find-chromium.ts); `overens doctor` reports it. */
export function systemChromium(): string | undefined {
  return findSystemChromium();
}

/** Jobs a page prints before it is replaced by a fresh one (memory; see release()). */
const RECYCLE_AFTER = 8;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--font-render-hinting=none',
];
/** Chromium's page box for format 'A4' (8.27 × 11.7 in), as written to /MediaBox, in points. */
const PAGE_PT = { width: 595.92, height: 841.92 };
const MARGIN_MM = { top: 18, left: 20, right: 20 };
/** Chromium truncates margins to whole points; the estimator must use the same content box. */
const marginPt = (mm: number): number => Math.floor((mm * 72) / 25.4 + 1e-6);
const PX_PER_PT = 96 / 72;
const CONTENT_W_PX = (PAGE_PT.width - marginPt(MARGIN_MM.left) - marginPt(MARGIN_MM.right)) * PX_PER_PT;
const DEFAULT_BOTTOM_MM = 30;
/** Chromium's console report of a load the CSP blocked, e.g. "Loading the image 'http://…' violates the following Content Security Policy directive". */
const CSP_VIOLATION = /^(?:Loading|Framing|Refused to)\b[^']*'([a-z][a-z0-9+.-]*:[^']*)'.*Content Security Policy/is;
const MAX_PASSES = 3;
/** Fallback so page numbers never shift the layout; templates may override (zero specificity). */
const TOC_CSS =
  '<style>:where(.toc-page){display:inline-block;min-width:2.5em;text-align:end;' +
  'font-variant-numeric:tabular-nums lining-nums}</style>';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Footer template: page x of y, document title, revision and source hash, in Inter. The template frame
 * spans the whole page, so the footer is placed absolutely 3 mm below the content box; the rest of the
 * bottom margin stays empty for an e-signature stamp.
 */
function footerTemplate(f: PdfJob['footer'], bottomMm: number, fontCss: string): string {
  return (
    `<style>${fontCss}.f{position:absolute;top:calc(11.7in - ${bottomMm}mm + 3mm);` +
    `left:${MARGIN_MM.left}mm;right:${MARGIN_MM.right}mm;display:flex;justify-content:space-between;gap:4mm;` +
    `font:400 7.5pt/1.3 Inter,sans-serif;color:#333;font-variant-numeric:tabular-nums}` +
    `.f b{font-weight:600}.f>span:last-child{white-space:nowrap}</style><div class="f"><span>${escapeHtml(f.documentTitle)} · Revision ` +
    `${escapeHtml(f.revision)} · Källor ${escapeHtml(f.sourceHash)}</span><span>Sida <b class="pageNumber">` +
    `</b> av <span class="totalPages"></span></span></div>`
  );
}

/** The text the footer prints, page numbers aside: what its font is cut down to. */
const footerText = (f: PdfJob['footer']): string => `${f.documentTitle} · Revision ${f.revision} · Källor ${f.sourceHash}Sida  av `;

/** puppeteer PDF options shared by render() and plainPrint(). */
async function pdfOptions(job: Pick<PdfJob, 'footer' | 'bottomMarginMm'>): Promise<{ options: PDFOptions; fontCss: string }> {
  const bottom = job.bottomMarginMm ?? DEFAULT_BOTTOM_MM;
  const fontCss = await footerFontCss(footerText(job.footer));
  const options: PDFOptions = {
    format: 'A4', printBackground: true, tagged: true, outline: true, preferCSSPageSize: false,
    displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footerTemplate(job.footer, bottom, fontCss),
    margin: {
      top: `${MARGIN_MM.top}mm`, left: `${MARGIN_MM.left}mm`, right: `${MARGIN_MM.right}mm`,
      bottom: `${bottom}mm`,
    },
  };
  return { options, fontCss };
}

/**
 * The footer is drawn at once, with no time to load a font: its faces must already be in the
 * page's memory cache. The page loads the footer's font data (the same data: URLs) as faces of
 * its own, under a family no element uses, so nothing on the page changes. Runs in the page.
 */
async function loadFooterFaces(urls: string[]): Promise<void> {
  await Promise.all(urls.map(async (u, i) => {
    const face = new FontFace(`overens-footer-${i}`, `url(${u})`);
    document.fonts.add(await face.load());
  }));
}

/**
 * Every face the text uses is loaded before anything is measured: a font is fetched only when
 * layout first needs it, and pagination would otherwise measure the fallback's metrics. Laying the
 * page out asks for exactly those faces, unused ones (latin-ext and the like) are never fetched;
 * `ready` waits for them. Runs in the page.
 */
async function loadTextFaces(): Promise<void> {
  void document.body.offsetHeight;
  await document.fonts.ready;
}

/**
 * What Chromium is given for a job: the lighter page, the PDF options with the footer, and the data:
 * URLs the page loads for the footer's fonts. The benchmark hands the same to a plain script.
 */
export async function printInput(job: Pick<PdfJob, 'html' | 'footer' | 'bottomMarginMm'>): Promise<{ html: string; options: PDFOptions; footerFontUrls: string[] }> {
  const { options, fontCss } = await pdfOptions(job);
  return { html: lightenFonts(job.html), options, footerFontUrls: footerFontUrls(fontCss) };
}

const footerFontUrls = (footerCss: string): string[] => [...footerCss.matchAll(/url\((data:[^)]+)\)/g)].map((m) => m[1] ?? '');

/**
 * Keeps the page's content from being painted on screen; the print, whose pages are taller than the
 * screen the page is laid out in (SCREEN_H), shows it. Chromium numbers the structure elements of a
 * tagged PDF by DOM node ids, which a node gets when it is first painted: a screen frame painted while
 * a served font arrives paints some nodes before others, so the structure tree's numbers and order
 * would change from run to run. Unpainted on screen, every node is first painted by the print, in
 * the print's order. On screen the whole document is moved HOLD_SHIFT px down, past the area Chromium
 * paints around the viewport (4,000 px beyond it), so nothing of it is painted. A transform changes
 * no layout, only where boxes are seen: the measuring in the page subtracts it (paginate(),
 * estimatePages()). Unlike `visibility: hidden`, which every element inherits, it restyles only the
 * root when the print starts (measured: the print's style recalculation about 4 ms shorter).
 */
const SCREEN_H = 600;
const HOLD_SHIFT = 8192;
/** The screen a page is laid out on before it is printed. */
export const SCREEN_VIEWPORT = { width: Math.ceil(CONTENT_W_PX), height: SCREEN_H };
const HOLD_CSS = `<style>@media (max-height:${SCREEN_H + 100}px){html{transform:translateY(${HOLD_SHIFT}px)!important}}</style>`;

/**
 * The root as wide as the print's content box from the first layout on, so the pagination measures
 * the lines the print sets without laying the document out again (the viewport is whole pixels).
 */
const WIDTH_CSS = `<style>html{width:${CONTENT_W_PX}px}</style>`;

/**
 * Insert the renderer's fallback CSS, the width and the paint hold into the head (or at the start)
 * of a document; for the own pagination's pass its rules too.
 */
export function injectCss(html: string, paginated: boolean): string {
  const css = TOC_CSS + WIDTH_CSS + HOLD_CSS + (paginated ? PAGINATE_CSS : '');
  const i = html.search(/<\/head>/i);
  return i < 0 ? css + html : html.slice(0, i) + css + html.slice(i);
}

/**
 * In-page estimate of the print page of every `.toc-page[data-target]` target, by simulating page
 * breaks over the continuous print-media layout (forced breaks, break-inside/after: avoid, orphans/widows).
 */
function estimatePages({ pageH, width }: { pageH: number; width: number }): Record<string, number> {
  const want = new Set([...document.querySelectorAll('.toc-page[data-target]')].map((s) => s.getAttribute('data-target') ?? ''));
  const out: Record<string, number> = {};
  if (want.size === 0) return out;
  const root = document.documentElement;
  const savedWidth = root.style.width;
  root.style.width = `${width}px`;
  // Document coordinates: the hold's shift on screen (HOLD_CSS) taken out.
  const shown = getComputedStyle(root).transform;
  const scrollY = window.scrollY - (shown === 'none' ? 0 : new DOMMatrixReadOnly(shown).m42);
  const forced = /^(page|left|right|recto|verso|always)$/;
  const avoid = /^(avoid|avoid-page)$/;
  let offset = 0;
  let pendingBreak = Infinity;
  const rowPage = new Map<Element, number>();
  const pos = (y: number): number => y + offset;
  const pageOf = (y: number): number => Math.floor((pos(y) + 0.01) / pageH);
  const newPageAt = (y: number): void => {
    const r = pos(y) % pageH;
    if (r > 0.5 && pageH - r > 0.5) offset += pageH - r;
  };
  // Margins after a forced break are kept, including those collapsing through from first children.
  const marginTopEdge = (el: Element, top: number): number => {
    let edge = top;
    for (let e: Element | null = el; e; e = e.firstElementChild) {
      const cs = getComputedStyle(e);
      edge = Math.min(edge, e.getBoundingClientRect().top + scrollY - (parseFloat(cs.marginTop) || 0));
      if (parseFloat(cs.paddingTop) || parseFloat(cs.borderTopWidth)) break;
    }
    return edge;
  };
  const lineHeight = (cs: CSSStyleDeclaration): number =>
    cs.lineHeight === 'normal' ? parseFloat(cs.fontSize) * 1.2 : parseFloat(cs.lineHeight);
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.position === 'fixed' || cs.position === 'absolute') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const top = r.top + scrollY;
    const bottom = r.bottom + scrollY;
    const block = !cs.display.startsWith('inline');
    if (block) {
      if (top >= pendingBreak - 0.5 || forced.test(cs.breakBefore)) {
        newPageAt(marginTopEdge(el, top));
        pendingBreak = Infinity;
      }
      const h = bottom - top;
      if (avoid.test(cs.breakInside) && h <= pageH && pageOf(top) !== pageOf(bottom - 0.5)) newPageAt(top);
      if (avoid.test(cs.breakAfter)) {
        const next = el.nextElementSibling?.getBoundingClientRect();
        const lh2 = el.nextElementSibling ? 2 * lineHeight(getComputedStyle(el.nextElementSibling)) : 0;
        const end = next ? next.top + scrollY + Math.min(next.height, lh2) : bottom;
        if (end - top <= pageH && pageOf(top) !== pageOf(end - 0.5)) newPageAt(top);
      }
      const inlineOnly = [...el.children].every((c) => getComputedStyle(c).display.startsWith('inline'));
      if (inlineOnly && pageOf(top) !== pageOf(bottom - 0.5) && el.textContent?.trim()) {
        // Lines are not split: the rest of the page after the last whole line stays empty.
        const lh = lineHeight(cs);
        const room = pageH - (pos(top) % pageH);
        const before = Math.floor((room + 0.01) / lh);
        const after = Math.round(h / lh) - before;
        const widows = parseInt(cs.widows) || 2;
        if (before < (parseInt(cs.orphans) || 2) || before - Math.max(0, widows - after) < 1) newPageAt(top);
        else offset += room - (before - Math.max(0, widows - after)) * lh;
      }
      const table = el.tagName === 'TR' ? el.closest('table') : null;
      if (table?.tHead && el.parentElement !== table.tHead) {
        // Chromium repeats the table header on every page the table continues on.
        const last = rowPage.get(table) ?? pageOf(table.tHead.getBoundingClientRect().top + scrollY);
        if (pageOf(top) > last) offset += table.tHead.getBoundingClientRect().height;
        rowPage.set(table, pageOf(top));
      }
      if (forced.test(cs.breakAfter)) pendingBreak = bottom + (parseFloat(cs.marginBottom) || 0);
    }
    if (el.id && want.has(el.id)) out[el.id] = pageOf(top) + 1;
  }
  root.style.width = savedWidth;
  return out;
}

/** Write page numbers into the `.toc-page` spans (tagged text in the PDF). */
function writePages(pages: Record<string, number>): void {
  for (const span of document.querySelectorAll('.toc-page[data-target]')) {
    const n = pages[span.getAttribute('data-target') ?? ''];
    span.textContent = n === undefined ? '' : String(n);
  }
}

/** The ids the contents wants page numbers for. */
function tocTargetIds(): string[] {
  return [...document.querySelectorAll('.toc-page[data-target]')].map((s) => s.getAttribute('data-target') ?? '');
}

/** The pages of the contents' targets out of the pagination's pages. */
function tocTargets(ids: string[], pages: Record<string, number>): Record<string, number> {
  return Object.fromEntries(ids.filter((id) => pages[id] !== undefined).map((id) => [id, pages[id] ?? 0]));
}

/** The source of a call of a self-contained function, for a script run in the page. */
const callSource = (fn: (...args: never[]) => unknown, ...args: unknown[]): string =>
  `(${fn.toString()})(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/** A script for the page from statements; defines the `__name` helper that tsx/esbuild may insert. */
const pageScript = (body: string): string => `(async () => { const __name = (f) => f; ${body} })()`;

/** Run a self-contained function in the page. */
async function inPage<A, R>(page: Page, fn: (arg: A) => R, arg: A): Promise<Awaited<R>> {
  return (await page.evaluate(pageScript(`return ${callSource(fn, arg)};`))) as Awaited<R>;
}

/** Statements that load the text's and the footer's faces (see loadTextFaces, loadFooterFaces). */
const loadFacesSource = (footerUrls: string[]): string =>
  `await ${callSource(loadTextFaces)}; await ${callSource(loadFooterFaces, footerUrls)};`;

/**
 * A loaded page's first pass in one call into the page (each call waits its turn on a busy machine):
 * the text's and the footer's faces, the pagination, and when it holds, the contents' page numbers.
 */
async function fontsAndPaginate(page: Page, footerUrls: string[], box: { pageH: number; width: number }): Promise<PaginateResult> {
  const src = pageScript(`${loadFacesSource(footerUrls)}
    const own = ${callSource(paginate, box)};
    if (own.ok) (${writePages.toString()})((${tocTargets.toString()})(${callSource(tocTargetIds)}, own.targets));
    return own;`);
  return (await page.evaluate(src)) as PaginateResult;
}

/**
 * What launches the browser. With a browser found on the system, puppeteer-core, which the bundle
 * carries (about 70 ms to load, where the full package takes about 190 ms before Chromium can even
 * be started). Without one, the full puppeteer package, which knows where its own download lives.
 */
async function launcher(executablePath: string | undefined): Promise<{ launch: typeof import('puppeteer-core').default.launch }> {
  if (executablePath) return (await import('puppeteer-core')).default;
  return (await import('puppeteer')).default;
}

/** Launch one headless Chromium that prints PDF jobs, reusing at most `concurrency` pages. */
export async function launchPdfRenderer(options: { concurrency?: number } = {}): Promise<PdfRenderer> {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const userDataDir = await mkdtemp(join(tmpdir(), 'overens-chromium-'));
  let browser: Browser;
  const fonts = servedFonts();
  try {
    const executablePath = findSystemChromium();
    const puppeteer = await launcher(executablePath);
    browser = await puppeteer.launch({ headless: true, args: CHROMIUM_ARGS, userDataDir, ...(executablePath ? { executablePath } : {}) });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new BrowserUnavailableError(err);
  }
  // Page pool: at most `concurrency` pages, reused between jobs; `blocked` collects the current job's URLs.
  const blocked = new WeakMap<Page, string[]>();
  const idle: Page[] = [];
  const waiters: Array<{ resolve: (p: Page) => void; reject: (err: unknown) => void }> = [];
  let created = 0;
  // The tab Chromium opens at launch is the first page, rather than left idle beside a new one
  // (a new tab costs a renderer process, 100–150 ms on the way to the first PDF).
  let firstTab: Promise<Page | undefined> | undefined = browser.pages().then((pages) => pages[0], () => undefined);
  const newPage = async (): Promise<Page> => {
    const spare = firstTab;
    firstTab = undefined;
    const page = (await spare) ?? await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url().startsWith('data:')) return void req.continue();
      // The build's own fonts, from memory (print-fonts.ts); nothing else is fetched.
      const font = fonts.get(req.url());
      if (font) return void req.respond({ status: 200, contentType: 'font/woff2', headers: { 'access-control-allow-origin': '*' }, body: font });
      blocked.get(page)?.push(req.url());
      void req.abort('blockedbyclient');
    });
    // Chromium refuses file:// from about:blank itself, before any request exists; it only logs it.
    // Likewise a request the document's own CSP forbids never reaches interception: it is only logged.
    page.on('console', (msg) => {
      const text = msg.text();
      const local = /^Not allowed to load local resource: (\S+)/.exec(text);
      const csp = CSP_VIOLATION.exec(text);
      const url = local?.[1] ?? csp?.[1];
      if (url) blocked.get(page)?.push(url);
    });
    await page.emulateMediaType('print');
    await page.setViewport(SCREEN_VIEWPORT);
    return page;
  };
  const acquire = async (): Promise<Page> => {
    const page = idle.pop();
    if (page) return page;
    if (created >= concurrency) return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    created++;
    return newPage().catch((err: unknown) => {
      created--;
      throw err;
    });
  };
  // A page that printed many documents holds on to their memory (Chromium's caches grow with each
  // setContent); past RECYCLE_AFTER jobs it is closed and a fresh one takes its place.
  const uses = new WeakMap<Page, number>();
  const release = (page: Page): void => {
    const n = (uses.get(page) ?? 0) + 1;
    uses.set(page, n);
    if (n < RECYCLE_AFTER) {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(page);
      else idle.push(page);
      return;
    }
    created--;
    void page.close().catch(() => undefined);
    const waiter = waiters.shift();
    if (!waiter) return;
    created++;
    newPage().then(waiter.resolve, (err: unknown) => {
      created--;
      waiter.reject(err);
    });
  };
  /** The document into the page; the list collects what it asks for and is not given. */
  const setDocument = async (page: Page, html: string): Promise<string[]> => {
    const list: string[] = [];
    blocked.set(page, list);
    await page.setContent(html, { waitUntil: 'load' });
    return list;
  };
  /** The document with its text's and footer's faces loaded, for the estimator's passes. */
  const load = async (page: Page, html: string, footerUrls: string[]): Promise<string[]> => {
    const list = await setDocument(page, html);
    await page.evaluate(pageScript(loadFacesSource(footerUrls)));
    return list;
  };

  const render = async (job: PdfJob): Promise<PdfResult> => {
    const t0 = performance.now();
    const page = await acquire();
    try {
      const light = lightenFonts(job.html);
      const html = injectCss(light, true);
      const { options: opts, fontCss } = await pdfOptions(job);
      const footerUrls = footerFontUrls(fontCss);
      const pageH = (PAGE_PT.height - marginPt(MARGIN_MM.top) - marginPt(job.bottomMarginMm ?? DEFAULT_BOTTOM_MM)) * PX_PER_PT;
      let passes = 0;
      let pdf: Uint8Array | undefined;
      let read: ReturnType<typeof readNamedDestinationPages> | undefined;
      // Own pagination (footnotes at the foot of the page); trusted only when the PDF agrees with it.
      let list = await setDocument(page, html);
      const own = await fontsAndPaginate(page, footerUrls, { pageH, width: CONTENT_W_PX });
      if (own.ok) {
        pdf = await page.pdf(opts);
        passes++;
        read = readNamedDestinationPages(pdf);
        const got = read.dests;
        const agrees = read.pages === own.pages && Object.entries(own.targets).every(([id, n]) => got[id] === undefined || got[id] === n);
        if (!agrees) {
          // The estimator's passes on the page as it came, which Chromium breaks by its own rules.
          pdf = undefined;
          list = [...list, ...(await load(page, injectCss(light, false), footerUrls))];
        }
      }
      if (!pdf || !read) {
        let shown = await inPage(page, estimatePages, { pageH, width: CONTENT_W_PX });
        for (;;) {
          await inPage(page, writePages, shown);
          pdf = await page.pdf(opts);
          passes++;
          read = readNamedDestinationPages(pdf);
          const dests = read.dests;
          const truth = Object.fromEntries(Object.keys(shown).map((id) => [id, dests[id] ?? shown[id] ?? 0]));
          if (Object.keys(truth).every((id) => truth[id] === shown[id])) break;
          if (passes >= MAX_PASSES + 1) {
            throw new Error(`Innehållsförteckningens sidnummer i ${job.key} stabiliserades inte efter ${passes} utskrifter`);
          }
          shown = truth;
        }
      }
      fixPdfDates(pdf, job.meta.date);
      normalizeNodeIds(pdf);
      const out = appendInfoUpdate(pdf, { ...job.meta, creator: 'överens' });
      const ms = performance.now() - t0;
      return { key: job.key, pdf: out, pages: read.pages, passes, ms, blockedRequests: [...new Set(list)], headingPages: read.dests };
    } finally {
      release(page);
    }
  };

  const plainPrint = async (html: string, footer: PdfJob['footer'] = { documentTitle: '', revision: '', sourceHash: '' }): Promise<{ ms: number }> => {
    // The same lighter page and footer as render() prints, prepared before the clock starts.
    const light = lightenFonts(html);
    const { options: opts, fontCss } = await pdfOptions({ footer });
    const footerUrls = footerFontUrls(fontCss);
    const page = await acquire();
    try {
      const t0 = performance.now();
      await page.setContent(light, { waitUntil: 'load' });
      await inPage(page, loadFooterFaces, footerUrls);
      await page.pdf(opts);
      return { ms: performance.now() - t0 };
    } finally {
      release(page);
    }
  };

  const close = async (): Promise<void> => {
    const proc = browser.process();
    if (proc?.pid !== undefined && process.platform !== 'win32') {
      // Every PDF is printed and read by now: the browser's process group (puppeteer starts it
      // detached) is ended at once instead of asked to shut down, which saves its profile to the
      // folder removed next (120–170 ms at the end of every command).
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      await browser.disconnect();
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { proc.kill('SIGKILL'); }
      if (proc.exitCode === null && proc.signalCode === null) await exited;
    } else {
      await browser.close();
    }
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  return { render, plainPrint, close };
}
