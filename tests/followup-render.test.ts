/**
 * Follow-up pages in the browser: the report's PDF read back with pdfinfo and pdftotext (statuses,
 * values, targets, hash on every page, same bytes twice), its SVG charts parsed (one per indicator
 * with outcomes, a <title> and a text alternative), the samverkanskarta in the agreement's HTML,
 * `overens party` for an organisation in two agreements, and axe-core and the Nu checker on the
 * report, the party page and the agreement with diagrams. Fixture: tests/fixtures/followup/project.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParty, runReport, type FollowUpRun } from '../src/followup/run.ts';
import { launchPdfRenderer, type PdfRenderer } from '../src/pipeline/render-pdf.ts';
import { renderAgreementHtml } from '../src/pipeline/render-html.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { axeViolations, hasChromium, hasJava, launchTestBrowser, vnuErrors } from './helpers/a11y.ts';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURE = path.join(ROOT, 'tests/fixtures/followup/project');
const out = mkdtempSync(path.join(tmpdir(), 'overens-followup-render-'));

function elements(node: Node, name: string, found: Element[] = []): Element[] {
  if ('tagName' in node && node.tagName === name) found.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const c of children) elements(c as Node, name, found);
  if ('content' in node && node.content) elements(node.content as unknown as Node, name, found);
  return found;
}
const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const text = (node: Node): string => ('value' in node && node.nodeName === '#text' ? node.value : 'childNodes' in node ? node.childNodes.map((c) => text(c as Node)).join('') : '');
const byId = (doc: Node, id: string): Element | undefined => {
  const all: Element[] = [];
  const walk = (n: Node) => { if ('attrs' in n && attr(n as Element, 'id') === id) all.push(n as Element); if ('childNodes' in n) for (const c of n.childNodes) walk(c as Node); };
  walk(doc);
  return all[0];
};

/** Every inline SVG with role="img" must be named by its <title> and described by its <desc>. */
function checkSvgs(html: string): { title: string; desc: string }[] {
  const doc = parse(html) as unknown as Node;
  return elements(doc, 'svg').map((svg) => {
    expect(attr(svg, 'role')).toBe('img');
    const [titleId, descId] = (attr(svg, 'aria-labelledby') ?? '').split(' ');
    const title = elements(svg, 'title')[0];
    const desc = elements(svg, 'desc')[0];
    expect(title && attr(title, 'id')).toBe(titleId);
    expect(desc && attr(desc, 'id')).toBe(descId);
    expect(byId(doc, titleId ?? '')).toBe(title);
    return { title: text(title as Node), desc: text(desc as Node) };
  });
}

const pdfText = (file: string, args: string[] = []): string => execFileSync('pdftotext', [...args, '-layout', file, '-'], { encoding: 'utf8' });

let renderer: PdfRenderer | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  if (!hasChromium) return;
  renderer = await launchPdfRenderer({ concurrency: 1 });
  browser = await launchTestBrowser();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('overens report on the fixture', () => {
  let run: FollowUpRun;
  let html: string;
  let pdf: string;
  beforeAll(async () => {
    run = await runReport({ cwd: FIXTURE, agreement: 'finsam-exempel', out: path.join(out, 'a'), openRenderer: async () => renderer as PdfRenderer });
    html = readFileSync(path.join(out, 'a', 'finsam-exempel-uppfoljning-2023.html'), 'utf8');
    pdf = path.join(out, 'a', 'finsam-exempel-uppfoljning-2023.pdf');
  }, 120_000);

  it('writes HTML and PDF for the newest year with outcomes', () => {
    expect(run.exitCode).toBe(0);
    expect(run.files.map((f) => path.basename(f))).toEqual(['finsam-exempel-uppfoljning-2023.html', 'finsam-exempel-uppfoljning-2023.pdf']);
  });

  it('the PDF is tagged, dated by the newest measurement and says the statuses, values and targets', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Uppföljning 2023: Överenskommelse om samverkan/m);
    expect(info).toMatch(/^CreationDate:\s+.*2024/m);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    for (const row of fonts) { expect(row).not.toContain('Type 3'); expect(row).toMatch(/\byes\s+yes\s+yes\b/); }
    const t = pdfText(pdf).replace(/\u00a0/g, ' ');
    expect(t.replace(/\s+/g, ' ')).toContain('4 indikatorer: 2 uppnådda, 0 inte uppnådda, 2 utan uppgift.');
    expect(t).toMatch(/Andel deltagare som går till\s+minst 40 %\s+45,5 %\s+Uppnått/);
    expect(t).toMatch(/Antal gemensamma insatser\s+minst 10 insatser\s+–\s+Ingen uppgift/);
    const flat = t.replace(/\s+/g, ' ');
    expect(flat).toContain('Ökade från 100 deltagare (2022) till 120 deltagare (2023)');
    expect(flat).toContain('Värdet för 2022 saknas, så förändringen kan inte bedömas.');
    expect(flat).toContain('Ny mätmetod');
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    for (let p = 1; p <= pages; p++) expect(pdfText(pdf, ['-f', String(p), '-l', String(p)])).toMatch(new RegExp(`Källor [0-9a-f]{12}.*Sida ${p} av ${pages}`));
  });

  it('another year: 2022 misses the percent target and has no comparison', async () => {
    const again = await runReport({ cwd: FIXTURE, agreement: 'finsam-exempel', year: '2022', out: path.join(out, 'b'), openRenderer: async () => renderer as PdfRenderer });
    expect(again.exitCode).toBe(0);
    const t = pdfText(path.join(out, 'b', 'finsam-exempel-uppfoljning-2022.pdf')).replace(/\u00a0/g, ' ');
    expect(t).toContain('4 indikatorer: 0 uppnådda, 1 inte uppnådda, 3 utan uppgift.');
    expect(t).toMatch(/minst 40 %\s+35 %\s+Inte uppnått/);
  }, 120_000);

  it('is reproducible: the same sources give the same PDF bytes (a new run, as the command makes it)', async () => {
    // A fresh browser, as each `overens report` has; the first report above was its browser's first job too.
    const fresh = await launchPdfRenderer({ concurrency: 1 });
    try {
      await runReport({ cwd: FIXTURE, agreement: 'finsam-exempel', out: path.join(out, 'c'), openRenderer: async () => fresh });
    } finally {
      await fresh.close();
    }
    expect(readFileSync(path.join(out, 'c', 'finsam-exempel-uppfoljning-2023.pdf')).equals(readFileSync(pdf))).toBe(true);
  }, 120_000);

  it('has one SVG chart per indicator with outcomes, each with a <title>, a text alternative and a data table', () => {
    const svgs = checkSvgs(html);
    expect(svgs.map((s) => s.title)).toEqual([
      'Utfall per år: Andel deltagare som går till arbete eller studier',
      'Utfall per år: Antal deltagare',
      'Utfall per år: Antal långtidsarbetslösa',
    ]);
    expect(svgs[0]?.desc.replace(/\u00a0/g, ' ')).toBe('Stapeldiagram med ett värde per år: 2022: 35 %, 2023: 45,5 %. Målvärdet minst 40 % är den streckade linjen.');
    expect(svgs[1]?.desc).toContain('ingen mållinje');
    const doc = parse(html) as unknown as Node;
    const tables = elements(doc, 'table').filter((t) => attr(t, 'class') === 'outcome-table');
    expect(tables.map((t) => elements(t, 'tr').length - 1)).toEqual([2, 2, 1]);
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it.skipIf(!hasJava)('passes the Nu HTML checker', () => {
    expect(vnuErrors(html)).toEqual([]);
  }, 60_000);

  it('passes axe-core and loads nothing', async () => {
    const r = await axeViolations(browser as Browser, html);
    expect(r.requests).toEqual([]);
    expect(r.violations).toEqual([]);
  }, 60_000);
});

describe.skipIf(!hasChromium)('samverkanskarta in the agreement', () => {
  let html: string;
  beforeAll(async () => {
    const r = await validatePaths(['agreements/finsam-exempel'], { base: FIXTURE });
    const project = r.projects[0];
    const agreement = project?.agreements[0];
    if (!project || !agreement) throw new Error('fixture did not load');
    html = (await renderAgreementHtml(project, agreement, { sourceHash: 'abc', print: false })).html;
  });

  it('draws the flow with a lane per party or group and the staircase, keeping the numbered lists', () => {
    const svgs = checkSvgs(html).filter((s) => !s.title.startsWith('Utfall'));
    expect(svgs.map((s) => s.title)).toEqual(['Samordnat stöd', 'Trappan']);
    expect(svgs[0]?.desc).toBe('Samverkanskarta i 3 steg med en bana per part eller grupp: Försäkringskassan, Arbetsförmedlingen, Umeå kommun, Styrgruppen. 1. Anmälan (Försäkringskassan), därefter steg 2; 2. Gemensam bedömning (Arbetsförmedlingen, Umeå kommun, Styrgruppen), därefter steg 3, 1; 3. Insats (Umeå kommun), sista steget.');
    expect(svgs[1]?.desc).toBe('Trappa i 3 steg som bygger på varandra, nedifrån och upp: 1. Rutiner; 2. Förberedelse; 3. Jobbspår.');
    const doc = parse(html) as unknown as Node;
    const lists = elements(doc, 'ol').filter((o) => attr(o, 'class') === 'process-steps');
    expect(lists.map((l) => elements(l, 'li').length)).toEqual([1, 3, 3]);
    // The plain process stays a list: no drawing for kartlaggning.
    expect(elements(doc, 'svg').filter((s) => attr(s, 'class') === 'diagram')).toHaveLength(2);
  });

  it.skipIf(!hasJava)('passes the Nu HTML checker', () => {
    expect(vnuErrors(html)).toEqual([]);
  }, 60_000);

  it('passes axe-core', async () => {
    expect((await axeViolations(browser as Browser, html)).violations).toEqual([]);
  }, 60_000);
});

describe.skipIf(!hasChromium)('overens party for an organisation in two agreements', () => {
  let run: FollowUpRun;
  let html: string;
  beforeAll(async () => {
    run = await runParty({ cwd: FIXTURE, organisation: 'umea-kommun', out: path.join(out, 'p'), openRenderer: async () => renderer as PdfRenderer });
    html = readFileSync(path.join(out, 'p', 'umea-kommun.html'), 'utf8');
  }, 120_000);

  it('lists both agreements with the commitments, goals, job tracks, steps and decisions naming it', () => {
    expect(run.exitCode).toBe(0);
    const t = pdfText(path.join(out, 'p', 'umea-kommun.pdf')).replace(/\s+/g, ' ');
    expect(t).toContain('Umeå kommun i samverkansöverenskommelserna');
    expect(t).toMatch(/Exempelregionen .*Umeå /);
    expect(t).toContain('Umeå kommun erbjuder praktikplatser.');
    expect(t).toContain('Parterna ska samverka kring individer i behov av samordnade insatser enligt lagen.');
    expect(t).toContain('Umeå kommun ordnar feriearbeten.');
    expect(t).toContain('Parterna följer upp samverkan varje år.');
    expect(t).toContain('Samverkan ska vara samordnad.');
    expect(t).toContain('Jobbspår vård');
    expect(t).toContain('Samordnat stöd, steg 2: Gemensam bedömning');
    expect(t).toContain('Senast 2023-11-30 (inför 2024)');
    expect(t).toContain('Senast 2024-11-30 (inför 2025)');
    expect(t).toContain('Medlem i samordningsförbundet Ja');
    expect(t).toContain('David Dahl, Kommunalråd');
    expect(t).toContain('Eva Ek, Kommunalråd');
    // Another party's commitment is not there.
    expect(html).not.toContain('praktikplatser och');
  });

  it('an organisation in no agreement, and one not in the registry', async () => {
    const none = await runParty({ cwd: FIXTURE, organisation: 'vindelns-kommun', pdf: false, out: path.join(out, 'q') });
    expect(none.exitCode).toBe(1);
    expect(none.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['part-utan-overenskommelse agreements/organisations.yaml:1']);
    const unknown = await runParty({ cwd: FIXTURE, organisation: 'umea-komun', pdf: false, out: path.join(out, 'q') });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.diagnostics[0]?.code).toBe('okand-organisation');
    expect(unknown.diagnostics[0]?.hint).toContain('Menade du "umea-kommun"?');
    expect(none.files).toEqual([]);
  });

  it.skipIf(!hasJava)('passes the Nu HTML checker', () => {
    expect(vnuErrors(html)).toEqual([]);
  }, 60_000);

  it('passes axe-core', async () => {
    expect((await axeViolations(browser as Browser, html)).violations).toEqual([]);
  }, 60_000);
});
