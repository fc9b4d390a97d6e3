/**
 * Issue 11: the printed page as a typesetter sets it and the web page on a phone. Builds a fixture
 * copy of three real agreements (tests/fixtures/print-layout/project) with the real CLI and reads the
 * PDFs back with poppler, the web pages in headless Chromium at 390 × 844.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontFaceCss } from '../src/pipeline/fonts.ts';
import { launchPdfRenderer, type PdfJob } from '../src/pipeline/render-pdf.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { HAS_BROWSER, HAS_PDF_TOOLS, describeRun, runBuild } from './helpers/build-project.ts';
import { pdfFonts, pdfInfo, pdfPages } from './helpers/build-pdf.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'print-layout', 'project');
const IDS = ['malmo', 'skelleftea-norsjo', 'umearegionen'];
const work = mkdtempSync(path.join(tmpdir(), 'overens-print-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const squeeze = (s: string): string => s.replace(/\s+/g, '');
const textOf = (html: string): string =>
  html.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

describe('undertitel-upprepar', () => {
  it('warns at the subtitle that repeats the end of the title, with file and line', async () => {
    const dir = mkdtempSync(path.join(work, 'validate-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = path.join(dir, 'agreements', 'skelleftea-norsjo', 'agreement.yaml');
    const yaml = readFileSync(file, 'utf8').replace(/^main:\n  id: overenskommelse\n  title: Överenskommelse\n/m, (m) =>
      `${m}  subtitle: Om samverkan för att förbättra kompetensförsörjningen och påskynda individers etablering i arbetslivet\n`);
    writeFileSync(file, yaml);
    const line = yaml.split('\n').findIndex((l) => l.startsWith('  subtitle: Om samverkan')) + 1;
    expect(line).toBeGreaterThan(0);
    const { diagnostics } = await validatePaths([dir], { base: dir });
    const found = diagnostics.filter((d) => d.code === 'undertitel-upprepar');
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([['undertitel-upprepar', 'agreements/skelleftea-norsjo/agreement.yaml', line]]);
    expect(found[0]?.severity).toBe('varning');
  }, 60_000);

  it('is silent for the fixture project, whose subtitles add to their titles', async () => {
    const { diagnostics } = await validatePaths([FIXTURE], { base: FIXTURE });
    expect(diagnostics.filter((d) => d.code === 'undertitel-upprepar')).toEqual([]);
  }, 60_000);
});

describe.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('the built agreements', () => {
  let project: string;
  const out = (...p: string[]): string => path.join(project, 'output', ...p);
  const fileOf = (id: string, ext: string): string => {
    const name = readdirSync(out(id)).find((f) => f.endsWith(ext));
    if (!name) throw new Error(`no ${ext} for ${id}`);
    return out(id, name);
  };

  beforeAll(() => {
    project = mkdtempSync(path.join(work, 'build-'));
    cpSync(FIXTURE, project, { recursive: true });
    const r = runBuild(project);
    expect(r.status, describeRun(r)).toBe(0);
  }, 180_000);

  describe.each(IDS)('%s', (id) => {
    it('prints every footnote on the page of its first reference, without back-links', () => {
      const html = readFileSync(fileOf(id, '.html'), 'utf8');
      const pages = pdfPages(fileOf(id, '.pdf')).map(squeeze);
      expect(pages.join('')).not.toContain('↩');
      const seen = new Set<string>();
      for (const m of html.matchAll(/<sup><a href="#([^"]+)" id="[^"]+"[^>]*class="fnref"[^>]*>(\d+)<\/a><\/sup>/g)) {
        const [, note, n] = m;
        if (!note || seen.has(note)) continue;
        seen.add(note);
        const before = squeeze(textOf(html.slice(Math.max(0, m.index - 400), m.index))).slice(-12);
        const li = new RegExp(`<li id="${note}">([\\s\\S]*?)</li>`).exec(html)?.[1] ?? '';
        const noteText = squeeze(textOf(li).replace(/↩/g, '')).slice(0, 24);
        const refPage = pages.findIndex((p) => p.includes(`${before}${n}`));
        const notePage = pages.findIndex((p) => p.includes(`${n}.${noteText}`));
        expect(refPage, `reference ${n} ("…${before}")`).toBeGreaterThanOrEqual(0);
        expect(notePage, `note ${n} ("${noteText}") on page ${refPage + 1}`).toBe(refPage);
      }
    });

    it('stays tagged with bookmarks and embedded fonts', () => {
      const pdf = fileOf(id, '.pdf');
      expect(pdfInfo(pdf).Tagged).toBe('yes');
      for (const row of pdfFonts(pdf)) expect(row.split(/\s+/).slice(-5, -3)).toEqual(['yes', 'yes']);
      const outlines = execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' });
      expect(outlines.match(/"title"/g)?.length ?? 0).toBeGreaterThan(3);
    });
  });

  it('lists the placeholder bilagor together on one page, marked in the contents', () => {
    const pages = pdfPages(fileOf('umearegionen', '.pdf'));
    const where = [2, 3, 4, 5, 6].map((n) => pages.findIndex((p) => p.includes(`BILAGA ${n}`)));
    expect(new Set(where).size, `pages ${where.join(', ')}`).toBe(1);
    expect(pages[1]).toMatch(/Bilaga 2 Organisering av samverkan – ledning och styrning \(ingår inte\)/);
  });

  it('has no sideways scroll at 390 × 844 on any page the build writes, and links to the PDF and the index', async () => {
    const browser = await puppeteer.launch({ headless: true, args: ['--no-sandbox'], ...(process.env.PUPPETEER_EXECUTABLE_PATH ? {} : { executablePath: '/usr/bin/chromium' }) });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 390, height: 844 });
      const files = [out('index.html'), ...IDS.map((id) => fileOf(id, '.html'))];
      for (const f of files) {
        await page.goto(`file://${f}`, { waitUntil: 'load' });
        const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
        expect(r.sw, path.basename(f)).toBeLessThanOrEqual(r.cw);
      }
      for (const id of IDS) {
        await page.goto(`file://${fileOf(id, '.html')}`, { waitUntil: 'load' });
        const links = await page.evaluate(() => [...document.querySelectorAll('.doc-nav a')].map((a) => a.getAttribute('href')));
        expect(links).toEqual(['../index.html', path.basename(fileOf(id, '.pdf'))]);
        const toc = await page.evaluate(() => document.querySelector('.to-contents')?.getAttribute('href'));
        expect(toc).toBe('#innehall');
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('long words and lists at the page foot (renderer)', () => {
  const css = readFileSync(path.join(import.meta.dirname, '..', 'templates', 'style.css'), 'utf8');
  const doc = (body: string): string =>
    `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>T</title><style>${fontFaceCss()}\n${css}</style></head><body class="print"><main>${body}</main></body></html>`;
  const para = (i: number): string => `<p>Stycke ${i}: Parterna samverkar kring personer som står långt från arbetsmarknaden och följer upp arbetet varje år tillsammans med styrelsen.</p>`;
  const job = (html: string): PdfJob => ({
    key: 't', html,
    meta: { title: 'T', author: 'A', subject: 'S', keywords: [], language: 'sv', date: '2025-01-01' },
    footer: { documentTitle: 'T', revision: '1', sourceHash: 'abc' },
  });
  const bodyWordHeight = (pdf: string): number => {
    const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    const m = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Stycke<\/word>/.exec(xml);
    return m ? Number(m[2]) - Number(m[1]) : NaN;
  };

  it('a 300-character URL wraps: same page count and body font size as without it', async () => {
    const renderer = await launchPdfRenderer({ concurrency: 1 });
    try {
      const base = Array.from({ length: 12 }, (_, i) => para(i)).join('');
      const url = `https://example.se/${'a1b2c3d4e5'.repeat(29)}x`;
      expect(url.length).toBeGreaterThanOrEqual(300);
      const plain = await renderer.render(job(doc(base)));
      const long = await renderer.render(job(doc(`${base}<p>Se <a href="${url}">${url}</a></p>`)));
      const a = path.join(work, 'plain.pdf');
      const b = path.join(work, 'long.pdf');
      writeFileSync(a, plain.pdf);
      writeFileSync(b, long.pdf);
      expect(long.pages).toBe(plain.pages);
      expect(bodyWordHeight(b)).toBeCloseTo(bodyWordHeight(a), 2);
      expect(Number.isNaN(bodyWordHeight(a))).toBe(false);
    } finally {
      await renderer.close();
    }
  }, 60_000);

  /** Every word on every page with its box, from poppler's -bbox output. */
  const words = (pdf: string): Array<{ page: number; x: number; y: number; text: string }> => {
    const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const out: Array<{ page: number; x: number; y: number; text: string }> = [];
    let page = 0;
    for (const m of xml.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
      if (m[0].startsWith('<page')) page++;
      else out.push({ page, x: Number(m[1]), y: Number(m[2]), text: m[3] ?? '' });
    }
    return out;
  };

  it('keeps each party whole in the two columns of the title page', async () => {
    const renderer = await launchPdfRenderer({ concurrency: 1 });
    try {
      // Seven parties of two lines each: balanced columns of seven lines would cut the fourth in two.
      const parties = [1, 2, 3, 4, 5, 6, 7].map((n) => `<li><span class="party-name">Partnamn${n}</span><span class="orgnr">org.nr 212000-000${n}</span></li>`).join('');
      const res = await renderer.render(job(doc(`<section class="title-page"><ul class="title-parties">${parties}</ul></section>${para(1)}`)));
      const f = path.join(work, 'parties.pdf');
      writeFileSync(f, res.pdf);
      const w = words(f);
      for (let n = 1; n <= 7; n++) {
        const name = w.find((x) => x.text === `Partnamn${n}`);
        const nr = w.find((x) => x.text === `212000-000${n}`);
        const label = w.filter((x) => x.text === 'org.nr' && nr && Math.abs(x.y - nr.y) < 1 && x.x < nr.x).sort((a, b) => b.x - a.x)[0];
        expect(name && label, `party ${n}`).toBeTruthy();
        expect(label!.x, `party ${n}: its org.nr in its column`).toBeCloseTo(name!.x, 0);
        expect(label!.y - name!.y, `party ${n}: its org.nr on the next line`).toBeGreaterThan(0);
        expect(label!.y - name!.y, `party ${n}: its org.nr on the next line`).toBeLessThan(20);
      }
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it('keeps the caption of a table with its head and repeats the head on every page the table goes on to', async () => {
    const renderer = await launchPdfRenderer({ concurrency: 1 });
    try {
      const rows = Array.from({ length: 40 }, (_, i) => `<tr><td>Rad${i + 1}</td><td>Insats för deltagarna i rad ${i + 1}</td><td>Ansvarig part</td></tr>`).join('');
      const table = `<table><caption>Tabelltext</caption><thead><tr><th>Kolumnrubrik</th><th>Beskrivning</th><th>Ansvar</th></tr></thead><tbody>${rows}</tbody></table>`;
      for (let n = 14; n <= 22; n++) {
        const res = await renderer.render(job(doc(Array.from({ length: n }, (_, i) => para(i)).join('') + table + '<p>Slutord.</p>')));
        const f = path.join(work, `table-${n}.pdf`);
        writeFileSync(f, res.pdf);
        const w = words(f);
        const pageOf = (text: string): number => w.find((x) => x.text === text)?.page ?? -1;
        expect(pageOf('Tabelltext'), `${n} paragraphs: caption and first row`).toBe(pageOf('Rad1'));
        const column = w.find((x) => x.text === 'Rad1')!.x;
        for (const page of new Set(w.filter((x) => /^Rad\d+$/.test(x.text)).map((x) => x.page))) {
          const head = w.find((x) => x.page === page && x.text === 'Kolumnrubrik');
          const first = w.filter((x) => x.page === page && /^Rad\d+$/.test(x.text)).sort((a, b) => a.y - b.y)[0]!;
          expect(head, `${n} paragraphs: the head on page ${page}`).toBeTruthy();
          expect(head!.y, `${n} paragraphs: the head above the rows on page ${page}`).toBeLessThan(first.y);
          expect(first.x, `${n} paragraphs: the first column where it began, page ${page}`).toBeCloseTo(column, 0);
        }
      }
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it('never leaves the last item of a list alone at the top of a page', async () => {
    const renderer = await launchPdfRenderer({ concurrency: 1 });
    try {
      const list = '<ol>' + [1, 2, 3, 4, 5, 6].map((n) => `<li>Punkt nummer ${n} i listan</li>`).join('') + '</ol>';
      for (let n = 14; n <= 22; n++) {
        const res = await renderer.render(job(doc(Array.from({ length: n }, (_, i) => para(i)).join('') + list + '<p>Slutord.</p>')));
        const f = path.join(work, `list-${n}.pdf`);
        writeFileSync(f, res.pdf);
        for (const p of pdfPages(f)) {
          const lines = p.split('\n').map((l) => l.trim()).filter((l) => l && !/Sida \d+ av/.test(l));
          expect(lines[0] ?? '', `${n} paragraphs`).not.toMatch(/^6\. Punkt nummer 6/);
          expect(lines.at(-1) ?? '', `${n} paragraphs`).not.toMatch(/^1\. Punkt nummer 1/);
        }
      }
    } finally {
      await renderer.close();
    }
  }, 120_000);
});
