/**
 * HTML rendering: sanitising, contents links, footnotes, parties, determinism, template overrides and
 * accessibility (axe-core in headless Chromium, and the Nu HTML checker) for the fixture agreement and
 * for every shipped agreement that validates.
 *
 * axe is injected by evaluating its source through CDP (`page.evaluate(source)`, i.e. Runtime.evaluate),
 * which the documents' own CSP (no scripts at all) does not block; the CSP itself stays in force.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { validatePaths } from '../src/pipeline/validate.ts';
import { parseOrgnr } from '../src/checks/orgnr.ts';
import { renderAgreementHtml, renderIndexHtml, type RenderedHtml } from '../src/pipeline/render-html.ts';
import { lightenFonts } from '../src/pipeline/print-fonts.ts';
import { axeViolations as sharedAxe } from './helpers/a11y.ts';
import type { AgreementModel, ProjectModel } from '../src/model/types.ts';

/** The HTML without the item and field marks that the redline finds items by. */
function withoutMarks(h: string): string {
  let out = h.replace(/ data-(?:item|field|list)="[^"]*"(?=[^<]*>)/g, '');
  for (let prev = ''; prev !== out; ) { prev = out; out = out.replace(/<span>((?:(?!<span)[\s\S])*?)<\/span>/g, '$1'); }
  return out;
}

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURE = path.join(ROOT, 'tests/fixtures/render-html/project');
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const VNU = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const hasChromium = existsSync(CHROMIUM);
const hasJava = spawnSync('java', ['-version']).status === 0 && existsSync(VNU);
if (!hasChromium) console.warn(`Hoppar över axe-testerna: ingen Chromium på ${CHROMIUM}`);
if (!hasJava) console.warn('Hoppar över Nu HTML-kontrollen: java eller vnu.jar saknas');

async function load(target: string): Promise<{ project: ProjectModel; agreement: AgreementModel; errors: string[] }> {
  const r = await validatePaths([target], { base: ROOT });
  const project = r.projects[0];
  const agreement = project?.agreements[0];
  if (!project || !agreement) throw new Error(`kunde inte läsa ${target}`);
  return { project, agreement, errors: r.diagnostics.filter((d) => d.severity === 'fel').map((d) => `${d.file}:${d.line} ${d.message}`) };
}

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '');

/** Structural checks every rendered agreement must pass. */
function checkStructure(html: string): void {
  const all = ids(html);
  expect(all.length).toBe(new Set(all).size);
  const idSet = new Set(all);
  const toc = [...html.matchAll(/<a class="toc-link" href="#([^"]+)"><span class="toc-text">.*?<\/span><span class="toc-page" data-target="([^"]+)"><\/span><\/a>/g)];
  expect(toc.length).toBeGreaterThan(0);
  for (const m of toc) {
    expect(m[1]).toBe(m[2]);
    expect(idSet.has(m[1] ?? ''), `contents link #${m[1]}`).toBe(true);
    expect(html).toMatch(new RegExp(`<h[1-6][^>]* id="${m[1]}"`));
  }
  for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(idSet.has(m[1] ?? ''), `link #${m[1]}`).toBe(true);
  expect((html.match(/<h1[\s>]/g) ?? []).length).toBe(1);
  let prev = 1;
  for (const m of html.matchAll(/<h([1-6])[\s>]/g)) {
    const level = Number(m[1]);
    expect(level, 'heading order').toBeLessThanOrEqual(prev + 1);
    prev = level;
  }
  expect(html).not.toMatch(/<script|<iframe|javascript:|\son[a-z]+=|src="(?:file|https?):/i);
}

let browser: Browser | undefined;
beforeAll(async () => {
  if (!hasChromium) return;
  const puppeteer = (await import('puppeteer')).default;
  browser = await puppeteer.launch({
    headless: true,
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function axeViolations(html: string): Promise<{ id: string; nodes: string[] }[]> {
  if (!browser) return [];
  const { violations, requests } = await sharedAxe(browser, html);
  expect(requests).toEqual([]);
  return violations;
}

function vnuErrors(html: string): unknown[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-vnu-'));
  try {
    const file = path.join(dir, 'doc.html');
    writeFileSync(file, html);
    const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', file], { encoding: 'utf8' });
    const out = JSON.parse(run.stderr || run.stdout || '{"messages":[]}') as { messages: { type: string }[] };
    return out.messages.filter((m) => m.type === 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderAgreementHtml: fixture agreement', () => {
  let fixture: Awaited<ReturnType<typeof load>>;
  let web: RenderedHtml;
  let print: RenderedHtml;
  beforeAll(async () => {
    fixture = await load(path.join(FIXTURE, 'agreements/provavtal'));
    web = await renderAgreementHtml(fixture.project, fixture.agreement, { sourceHash: 'abc123', print: false });
    print = await renderAgreementHtml(fixture.project, fixture.agreement, { sourceHash: 'abc123', print: true });
  });

  it('validates without errors', () => {
    expect(fixture.errors).toEqual([]);
  });

  it('sanitises raw HTML from the content and keeps the text around it', () => {
    for (const out of [web, print]) {
      expect(out.html).not.toContain('alert(1)');
      expect(out.html).not.toContain('/etc/passwd');
      expect(out.html).not.toContain('127.0.0.1');
      expect(out.html).not.toContain('onclick');
      expect(out.html).not.toContain('stulen');
      expect(out.html).not.toMatch(/<img[^>]*src="(?!data:)/);
      expect(out.html).toContain('<p>Före skriptet.</p>');
      expect(out.html).toContain('<p>text</p>');
      expect(out.html).toContain('<a>x</a>');
      expect(out.html).toContain('<a href="https://www.dua.se/">DUA:s webbplats</a>');
      expect(out.html).toContain('<span>efter spannet</span>');
      checkStructure(out.html);
    }
  });

  it('has a head with language, CSP, metadata and inlined styles and fonts', () => {
    const h = withoutMarks(web.html);
    expect(h.startsWith('<!DOCTYPE html>\n<html lang="sv">')).toBe(true);
    expect(h).toContain('<meta charset="utf-8">');
    expect(h).toContain(`content="default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; font-src data:; img-src data:"`);
    expect(h).toContain('<meta name="author" content="Arbetsförmedlingen, Umeå kommun, Vännäs kommun, Kriminalvården">');
    expect(h).toContain('<meta name="description" content="Testöverenskommelse för HTML-renderingen">');
    expect(h).toMatch(/<meta name="keywords" content="Provregionen, Överenskommelse, 2024, Arbetsförmedlingen, Umeå, Vännäs, Kriminalvården">/);
    expect(h).toContain("font-family:'Source Serif 4'");
    expect(h).not.toMatch(/<link|@import|url\((?!data:)/);
    expect(web.meta).toEqual({
      title: 'Överenskommelse om samverkan i Provregionen',
      author: 'Arbetsförmedlingen, Umeå kommun, Vännäs kommun, Kriminalvården',
      subject: 'Testöverenskommelse för HTML-renderingen',
      keywords: ['Provregionen', 'Överenskommelse', '2024', 'Arbetsförmedlingen', 'Umeå', 'Vännäs', 'Kriminalvården'],
      language: 'sv',
      date: '2023-11-20',
    });
    expect(web.footer).toEqual({ documentTitle: 'Överenskommelse om samverkan i Provregionen', revision: '2024', sourceHash: 'abc123' });
  });

  it('web and print variants differ only in the screen chrome and where the fonts come from', () => {
    expect(web.html).toContain('class="skip-link" href="#main"');
    expect(print.html).not.toContain('skip-link" href');
    // The web page adds the skip link, the document links, the "Till innehållet" link, the footer and
    // the footnotes' back-links (print has notes at the page's foot, where a back-link means nothing).
    // The web page carries its fonts inline; the print page is laid out with the printer's served
    // URLs, exactly as lightenFonts() makes them of the web page's.
    const strip = (s: string) => s.replace(/<a class="skip-link"[^\n]*\n/, '').replace(/<nav class="doc-nav"[\s\S]*?<\/nav>\n/, '')
      .replace(/<a class="to-contents"[^\n]*\n/, '').replace(/<footer class="doc-footer">[\s\S]*?<\/footer>\n/, '').replace(/<body class="\w+">/, '')
      .replace(/ ?<a class="fn-back"[^>]*>↩<\/a> ?/g, '').replace(/<p><\/p>\n?/g, '');
    expect(strip(lightenFonts(web.html))).toBe(strip(print.html));
  });

  it('numbers headings and links the contents to the heading ids', () => {
    const h = withoutMarks(web.html);
    expect(h).toContain('<h2 id="parter"><span class="num">1.</span> Parter</h2>');
    expect(h).toContain('<h3 id="parter-malgrupper"><span class="num">1.1</span> Målgrupper</h3>');
    expect(h).toContain('<h3 id="ravara"><span class="num">3.1</span> Text från källan</h3>');
    expect(h).toContain('<h2 id="bilagor">Bilagor</h2>');
    expect(h).toContain('<h2 class="bilaga-title" id="bilaga-1-budget-och-jobbspar"><span class="bilaga-label">Bilaga 1</span> Budget och jobbspår</h2>');
    expect(h).toContain('<a class="toc-link" href="#bilaga-1-budget-och-jobbspar"><span class="toc-text">Bilaga 1 Budget och jobbspår</span><span class="toc-page" data-target="bilaga-1-budget-och-jobbspar"></span></a>');
    expect(h).toContain('<h3 id="budget-och-jobbspar-budget">Budget</h3>');
    expect(h).toContain('<nav class="toc" aria-label="Innehåll">');
    expect(h).toContain('<main id="main">');
  });

  it('numbers footnotes per document in order of first reference, with back-links', () => {
    const h = withoutMarks(web.html);
    const refs = [...h.matchAll(/<sup><a href="#(fn-[^"]+)" id="(fnref-[^"]+)" aria-describedby="([^"]+)" class="fnref">(\d+)<\/a><\/sup>/g)]
      .map((m) => ({ href: m[1], id: m[2], describedBy: m[3], n: Number(m[4]) }));
    expect(refs.map((r) => `${r.href}:${r.n}`)).toEqual([
      'fn-parter:1', 'fn-unga:2', 'fn-parter:1', 'fn-genomsnitt:3', 'fn-budget-och-jobbspar-budget:1', 'fn-budget-och-jobbspar-parter:2',
    ]);
    for (const r of refs) {
      expect(h).toContain(`<li id="${r.href}">`);
      expect(h).toContain(`id="${r.describedBy}">Fotnoter</h`);
    }
    expect(h).toContain('<a class="fn-back" href="#fnref-parter" aria-label="Tillbaka till texten">↩</a>');
    expect(h).toContain('<a class="fn-back" href="#fnref-unga" aria-label="Tillbaka till texten">↩</a>');
    expect(h).toContain('<ol class="footnote-list" start="3">');
    // Definitions are inline Markdown too; footnotes end the top-level section that first refers to them.
    expect(h).toMatch(/<li id="fn-unga">\n<p>Med unga avses personer mellan <strong>16 och 24<\/strong> år\./);
    const parterEnd = h.indexOf('<h2 id="mal">');
    expect(h.indexOf('<li id="fn-unga">')).toBeLessThan(parterEnd);
    expect(h.indexOf('<li id="fn-genomsnitt">')).toBeGreaterThan(parterEnd);
  });

  it('shows every party with its organisationsnummer, and the signature blocks', () => {
    const h = withoutMarks(web.html);
    for (const org of fixture.project.organisations.values()) {
      expect(h).toContain(org.name);
      expect(h).toContain(org.orgnr);
    }
    expect(h).toContain('Beslutsdatum 2023-11-20, Samordningsförbundets styrelse');
    expect((h.match(/class="signature-block"/g) ?? []).length).toBe(4);
    expect(h).toContain('<p class="sig-scope">För de delar som gäller kriminalvården</p>');
    expect(h).toContain('<span class="sig-line-value">Vännäs 2023-12-01</span>');
    expect((h.match(/Ort och datum/g) ?? []).length).toBe(4);
  });

  it('renders the facts readably', () => {
    const h = withoutMarks(web.html);
    expect(h).toContain('Överenskommelsen gäller från och med 2024-01-01 till och med 2024-12-31. Beslut om uppdatering inför 2025 tas senast den 30 november 2024.');
    expect(h).toContain('Målvärde: minst 60\u00a0%');
    expect(h).toContain('Målvärde: minst 1\u00a0200 platser');
    expect(h).toContain('Målvärde: ska minska jämfört med föregående år');
    expect(h).toContain('1\u00a0200\u00a0000\u00a0kr');
    expect(h).toContain('<caption>Samlokalisering per kommun</caption>');
    expect(h).toContain('<td>Umeå</td><td><ul><li>Arbetsmarknadstorget</li><li>Vuxentorget</li></ul></td>');
    expect(h).toContain('<dd>24 (planerat 2024)</dd>');
    expect(h).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="En trappa i tre steg från rutiner till jobbspår\.">/);
    expect(h).toContain('<p class="placeholder-missing">Bild saknas i källan</p>');
    expect(h).toContain('Alternativtext: Processbild i fem steg för hur utbildningar utvecklas.');
    expect(h).toContain('Vara en <strong>aktiv</strong> partner.');
    expect(h).toMatch(/<h4 class="goal-area" id="individmal-nyanlanda">För etablering för nyanlända<\/h4>[\s\S]*<h4 class="goal-area" id="individmal-arbetsgivare">/);
  });

  it('is deterministic: a second render is byte-identical', async () => {
    const again = await renderAgreementHtml(fixture.project, fixture.agreement, { sourceHash: 'abc123', print: false });
    expect(again.html).toBe(web.html);
  });

  it('uses a template override from the agreement folder (and notices when it changes)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overens-render-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const partials = path.join(dir, 'agreements/provavtal/templates/partials');
      execFileSync('mkdir', ['-p', partials]);
      const file = path.join(partials, 'parties.hbs');
      writeFileSync(file, '<p class="egen-mall">Egen mall: {{#each items}}{{name}};{{/each}}</p>\n');
      const copy = await load(path.join(dir, 'agreements/provavtal'));
      const out = await renderAgreementHtml(copy.project, copy.agreement, { sourceHash: 'x', print: false });
      expect(out.html).toContain('<p class="egen-mall">Egen mall: Arbetsförmedlingen Umeå;Umeå kommun;Vännäs kommun;Kriminalvården;</p>');
      expect(out.html).not.toContain('<ul class="parties">');
      writeFileSync(file, '<p class="egen-mall">Ändrad</p>\n');
      utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
      const changed = await renderAgreementHtml(copy.project, copy.agreement, { sourceHash: 'x', print: false });
      expect(changed.html).toContain('<p class="egen-mall">Ändrad</p>');
      // The fixture itself is not affected by the copy's override.
      const plain = await renderAgreementHtml(fixture.project, fixture.agreement, { sourceHash: 'abc123', print: false });
      expect(plain.html).toBe(web.html);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasChromium)('has no axe violations (WCAG 2.1 A/AA) in either variant', async () => {
    expect(await axeViolations(web.html)).toEqual([]);
    expect(await axeViolations(print.html)).toEqual([]);
  }, 60_000);

  it.skipIf(!hasJava)('has no Nu HTML checker errors', () => {
    expect(vnuErrors(web.html)).toEqual([]);
  }, 60_000);
});

describe('renderAgreementHtml: the example agreements (fixture snapshot)', () => {
  const shipped = path.join(ROOT, 'tests/fixtures/shipped');
  const folders = readdirSync(path.join(shipped, 'agreements'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(shipped, 'agreements', e.name, 'agreement.yaml')))
    .map((e) => e.name)
    .sort();
  for (const name of folders) {
    it(`renders ${name} (when it validates)`, async () => {
      const loaded = await load(path.join(shipped, 'agreements', name)).catch(() => undefined);
      if (!loaded || loaded.errors.length > 0) {
        console.warn(`Hoppar över ${name}: validerar inte ännu`);
        return;
      }
      const out = await renderAgreementHtml(loaded.project, loaded.agreement, { sourceHash: 'test', print: false });
      checkStructure(out.html);
      for (const p of loaded.agreement.agreement.parties) {
        const org = loaded.project.organisations.get(p.organisation);
        const nr = parseOrgnr(org?.orgnr ?? '');
        expect(out.html).toContain(nr.ok ? nr.normalized : '?');
      }
      if (hasChromium) expect(await axeViolations(out.html)).toEqual([]);
      if (hasJava) expect(vnuErrors(out.html)).toEqual([]);
    }, 120_000);
  }
});

describe('renderIndexHtml', () => {
  const items = [
    {
      id: 'umearegionen', title: 'Överenskommelse om samverkan i Umeåregionen', cluster: 'Umeåregionen', revision: '2023',
      validity: 'Gäller från och med 2023-01-01 till och med 2023-12-31', nextDecision: 'senast 2023-11-30',
      htmlFile: 'umearegionen/index.html', pdfFile: 'umearegionen/umearegionen.pdf', bilagor: ['Bilaga 1 Samverkansmål och indikatorer'],
    },
    {
      id: 'skelleftea-norsjo', title: 'Överenskommelse <Skellefteå & Norsjö>', cluster: 'Skellefteå och Norsjö', revision: '2020',
      validity: 'Gäller från och med 2020-11-01 och tills vidare', htmlFile: 'skelleftea-norsjo/index.html', bilagor: [],
    },
  ];
  const html = renderIndexHtml(items);

  it('lists every agreement with relative links, revision, validity and next decision', () => {
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<a href="umearegionen/index.html" aria-describedby="avtal-umearegionen">Webbsida</a>');
    expect(html).toContain('<a href="umearegionen/umearegionen.pdf" aria-describedby="avtal-umearegionen">PDF</a>');
    expect(html).not.toContain('skelleftea-norsjo.pdf');
    expect(html).toContain('Överenskommelse &lt;Skellefteå &amp; Norsjö&gt;');
    expect(html).toContain('senast 2023-11-30');
    expect(html).toContain('Bilaga 1 Samverkansmål och indikatorer');
    expect(renderIndexHtml(items)).toBe(html);
  });

  it.skipIf(!hasChromium)('has no axe violations', async () => {
    expect(await axeViolations(html)).toEqual([]);
  }, 60_000);

  it.skipIf(!hasJava)('has no Nu HTML checker errors', () => {
    expect(vnuErrors(html)).toEqual([]);
  }, 60_000);
});
