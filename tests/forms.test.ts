/**
 * What real agreements need to express (issue 12), on a Norrköping-like fixture: a March–February
 * year, lists labelled A) B) C), a) b), 1) and » in the text, goals printed as a bulleted list,
 * commitments as an A) list, goal targets without an indicator text, and the next revision in the
 * agreement's own words. The fixture validates without a word, builds to HTML (web and print) and PDF
 * with each form as the original sets it, survives `revision new`, and its revisions redline cleanly.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Browser } from 'puppeteer';
import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementHtml } from '../src/pipeline/render-html.ts';
import { build } from '../src/pipeline/build.ts';
import { newRevision } from '../src/cycle/revision-new.ts';
import { runDiff } from '../src/diff/run.ts';
import { parseMarkdownText } from '../src/pipeline/parse-markdown.ts';
import { labelledLists } from '../src/pipeline/labelled-lists.ts';
import { markdownToBlocks } from '../src/diff/blocks.ts';
import { reportView } from '../src/followup/report-view.ts';
import { loadLabels } from '../src/pipeline/labels.ts';
import { blocksToHtml, type MarkdownContext } from '../src/pipeline/markdown-html.ts';
import { axeViolations, hasChromium, hasJava, launchTestBrowser, vnuErrors } from './helpers/a11y.ts';
import { pdfText } from './helpers/build-pdf.ts';
import { applyEdits, git } from './fixtures/diff/helpers.ts';

const PROJECT = path.resolve(import.meta.dirname, 'fixtures/forms/project');
const HASH = 'f'.repeat(64);

async function render(project: string, print: boolean): Promise<{ html: string; errors: string[] }> {
  const r = await validatePaths(['.'], { base: project });
  const p = r.projects[0];
  const a = p?.agreements[0];
  if (!p || !a) throw new Error(`kunde inte läsa ${project}`);
  const out = await renderAgreementHtml(p, a, { sourceHash: HASH, print });
  return { html: out.html, errors: r.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`) };
}

const body = (html: string): string => html.slice(html.indexOf('<main'));
const items = (html: string, open: RegExp): string[] => {
  const m = open.exec(html);
  if (!m) return [];
  const rest = html.slice(m.index + m[0].length);
  const close = rest.indexOf(m[0].startsWith('<ul') ? '</ul>' : '</ol>');
  return [...rest.slice(0, close).matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((x) => (x[1] ?? '').replace(/<[^>]+>/g, '').trim());
};

let web = '';
let print = '';
beforeAll(async () => {
  web = (await render(PROJECT, false)).html;
  print = (await render(PROJECT, true)).html;
});

describe('the Norrköping-like fixture', () => {
  it('validates with no diagnostic at all', async () => {
    expect((await render(PROJECT, false)).errors).toEqual([]);
  });

  it.each([['web', () => web], ['print', () => print]] as const)('%s: A) B) C), a) b), » and 1) lists keep their labels, as lists', (_name, html) => {
    const h = body(html());
    expect(items(h, /<ol type="A" class="label-upper-paren">/)).toEqual([
      'nyanlända och unga snabbare kommer i arbete eller studier1,', 'parternas insatser samordnas, och', 'resurserna används där de gör mest nytta.',
    ]);
    // A footnote defined in another section file stays a footnote inside the item.
    expect(h).toMatch(/<li>nyanlända och unga snabbare kommer i arbete eller studier<sup><a href="#fn-arbete" id="fnref-arbete" aria-describedby="syfte-fotnoter" class="fnref">1<\/a><\/sup>,<\/li>/);
    expect(items(h, /<ol type="a" class="label-lower-paren">/)).toEqual(['unga 16–24 år som varken arbetar eller studerar', 'nyanlända inom etableringsuppdraget']);
    expect(items(h, /<ul class="label-guillemet">/)).toEqual(['kunskap om målgruppen', 'gemensamma mötesplatser', 'en tydlig ansvarsfördelning']);
    expect(items(h, /<ol class="label-decimal-paren">/)).toEqual(['insamling av uppgifter', 'gemensam analys', 'rapport till delegationen']);
    // The lead line before a list stays a paragraph; no label is left in the text.
    expect(h).toContain('<p>Arbetet bygger på:</p>');
    expect(h).not.toMatch(/>\s*(?:[A-Ca-b]\)|»|[1-3]\))\s/);
  });

  it.each([['web', () => web], ['print', () => print]] as const)('%s: goals as a bulleted list with their own targets, commitments as an A) list', (_name, html) => {
    const h = body(html());
    const goalLists = [...h.matchAll(/<ul class="goal-list label-bullet" data-list="goals">/g)];
    expect(goalLists).toHaveLength(2);
    expect(h).toContain('<span data-field="goals/mal-arbete/text">Andelen nyanlända som går till arbete eller studier ska vara minst 60 procent.</span><br><span class="target" data-field="goals/mal-arbete/target">Målvärde: minst 60\u00a0%</span></p>');
    expect(h).toContain('<span class="target" data-field="goals/mal-unga/target">Målvärde: minst 50\u00a0%</span>');
    expect(h).toContain('<span class="target" data-field="goals/lokalt-arbetsgivare/target">Målvärde: ska öka jämfört med föregående år</span>');
    // A goal's own target prints no indicator list (no empty indicator lines).
    expect(h).not.toContain('class="indicators"');
    expect(items(h, /<ol class="commitments label-upper-paren" type="A" data-list="commitments">/)).toEqual([
      'Göra en gemensam analys av målgruppen varje år.', 'Ta fram en gemensam plan för insatserna.', 'Följa upp målen två gånger per år.',
    ]);
  });

  it.each([['web', () => web], ['print', () => print]] as const)('%s: a group\'s lists in the style its listStyle names', (_name, html) => {
    const h = body(html());
    expect(h).toContain('<dd data-field="groups/delegationen/members"><ul class="label-guillemet"><li>Kommundirektören</li><li>Arbetsförmedlingens sektionschef</li></ul></dd>');
    expect(h).toContain('<dd data-field="groups/delegationen/responsibilities"><ul class="label-guillemet"><li>Besluta om överenskommelsen</li><li>Följa upp målen</li></ul></dd>');
  });

  it.each([['web', () => web], ['print', () => print]] as const)('%s: the next revision in the agreement\'s own words, the date from the data', (_name, html) => {
    const h = body(html());
    expect(h).toContain('<span data-field="validity/nextDecisionText">Nästa revidering sker <span data-field="validity/nextDecisionBy">2019-02-28</span>.</span>');
    expect(h).not.toContain('Beslut om uppdatering');
    expect(h).toContain('gäller från och med <span data-field="validity/from">2018-03-01</span> till och med <span data-field="validity/to">2019-02-28</span>');
  });

  it('the style sheet gives each label its marker', () => {
    for (const rule of [
      /@counter-style ovr-upper-paren \{ system: extends upper-alpha; suffix: "\) "; \}/,
      /ol\.label-upper-paren \{ list-style-type: ovr-upper-paren;/,
      /ol\.label-lower-paren \{ list-style-type: ovr-lower-paren;/,
      /ol\.label-decimal-paren \{ list-style-type: ovr-decimal-paren;/,
      /ul\.label-guillemet \{ list-style-type: "\\00BB\\2002";/,
      /ul\.label-bullet \{ list-style-type: "\\2022\\2002";/,
    ]) expect(print).toMatch(rule);
  });
});

describe.skipIf(!hasChromium)('the Norrköping-like fixture in Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => { browser = await launchTestBrowser(); }, 60_000);
  afterAll(async () => { await browser?.close(); });

  it('the labels are the list markers a screen reader announces, in the print variant', async () => {
    const page = await (browser as Browser).newPage();
    try {
      await page.setContent(print, { waitUntil: 'load' });
      const snap = await page.accessibility.snapshot({ interestingOnly: false });
      const markers: string[] = [];
      const walk = (n: { role?: string; name?: string; children?: unknown[] } | null): void => {
        if (!n) return;
        if (n.role === 'ListMarker') markers.push((n.name ?? '').trim());
        for (const c of n.children ?? []) walk(c as typeof n);
      };
      walk(snap as never);
      const all = markers.join(' ');
      // The section's text lists, then (after its footnote list) the goals, the commitments and the group's lists.
      expect(all).toContain('A) B) C) a) b) » » » 1) 2) 3)');
      expect(all).toContain('• • • • A) B) C) » » » »');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('has no axe violations in either variant', async () => {
    for (const html of [web, print]) {
      const r = await axeViolations(browser as Browser, html);
      expect(r.violations).toEqual([]);
      expect(r.requests).toEqual([]);
    }
  }, 60_000);

  it.skipIf(!hasJava)('is valid HTML (Nu HTML checker)', () => {
    expect(vnuErrors(web)).toEqual([]);
    expect(vnuErrors(print)).toEqual([]);
  }, 60_000);

  it('prints the labels in the PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overens-forms-'));
    try {
      cpSync(PROJECT, dir, { recursive: true });
      const r = await build({ base: dir, targets: ['.'] });
      expect(r.diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
      expect(r.ok).toBe(true);
      const text = pdfText(path.join(dir, 'output', 'norrkoping-lik', 'norrkoping-lik-2018.pdf')).replace(/[ \t]+/g, ' ');
      expect(text).toMatch(/A\) nyanlända och unga snabbare kommer i arbete eller studier1,\s+B\) parternas insatser samordnas, och\s+C\) resurserna/);
      expect(text).toMatch(/a\) unga 16–24 år som varken arbetar eller studerar\s+b\) nyanlända/);
      expect(text).toMatch(/» kunskap om målgruppen\s+» gemensamma mötesplatser/);
      expect(text).toMatch(/1\) insamling av uppgifter\s+2\) gemensam analys/);
      expect(text).toMatch(/• Andelen nyanlända som går till arbete eller studier ska vara minst 60 procent\.\s+Målvärde: minst 60 %/);
      expect(text).toMatch(/A\) Göra en gemensam analys/);
      expect(text).toMatch(/Nästa revidering sker\s+2019-02-28\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('revision new and the redline on the fixture', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'overens-forms-rev-'));
    cpSync(PROJECT, dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', '2018');
    git(dir, 'tag', 'v2018');
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('revision new moves the March–February year and the date in the agreement\'s sentence, keeping its words', async () => {
    const r = await newRevision({ agreement: 'norrkoping-lik', year: 2019, cwd: dir });
    expect(r.diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
    expect(r.written).toBe(true);
    const yaml = readFileSync(path.join(dir, 'agreements/norrkoping-lik/agreement.yaml'), 'utf8');
    expect(yaml).toContain('  from: 2019-03-01\n  to: 2020-02-29\n');
    expect(yaml).toContain('nextDecisionText: Nästa revidering sker {datum}.');
    const { html, errors } = await render(dir, false);
    expect(errors).toEqual([]);
    expect(html).toContain('Nästa revidering sker <span data-field="validity/nextDecisionBy">2020-02-28</span>.');
    git(dir, 'checkout', '-q', '--', '.');
  });

  it('marks edits in lettered lists, a goal\'s target and the revision sentence where they print', async () => {
    applyEdits(dir, [
      { file: 'agreements/norrkoping-lik/text/syfte.md', find: 'B) parternas insatser samordnas, och', repl: 'B) parternas insatser samordnas och följs upp, och' },
      { file: 'agreements/norrkoping-lik/text/syfte.md', find: 'C) resurserna används där de gör mest nytta.\n', repl: '' },
      { file: 'agreements/norrkoping-lik/text/syfte.md', find: '» gemensamma mötesplatser\n', repl: '» gemensamma mötesplatser\n» gemensam kompetensutveckling\n' },
      { file: 'agreements/norrkoping-lik/goals.yaml', find: '      value: 60', repl: '      value: 65' },
      { file: 'agreements/norrkoping-lik/goals.yaml', find: 'minst 60 procent', repl: 'minst 65 procent' },
      { file: 'agreements/norrkoping-lik/agreement.yaml', find: 'Nästa revidering sker {datum}.', repl: 'Nästa revidering av överenskommelsen sker {datum}.' },
    ]);
    git(dir, 'commit', '-q', '-am', 'Förslag');
    git(dir, 'tag', 'v2018b');
    const json = await runDiff({ agreement: 'norrkoping-lik', from: 'v2018', to: 'v2018b', format: 'json', cwd: dir });
    expect(json.diagnostics).toEqual([]);
    const entries = JSON.parse(json.stdout).changes as { path: string; description: string }[];
    // The goal's new text and target are one edit, one entry; the changed item, the removed one and the new » line one each.
    expect(entries.map((e) => e.path).sort()).toEqual(['goals/mal-arbete/target/value', 'sections/syfte/blocks/2', 'sections/syfte/blocks/3', 'sections/syfte/blocks/9', 'validity/nextDecisionText']);
    expect(entries.find((e) => e.path === 'goals/mal-arbete/target/value')?.description).toMatch(/ändras från minst 60 % till minst 65 %/);
    const run = await runDiff({ agreement: 'norrkoping-lik', from: 'v2018', to: 'v2018b', format: 'html', cwd: dir });
    expect(run.diagnostics).toEqual([]);
    const html = readFileSync(run.files[0] as string, 'utf8');
    if (process.env['KEEP_REDLINE']) writeFileSync(process.env['KEEP_REDLINE'], html);
    const marked = html.slice(html.indexOf('</section>', html.indexOf('class="redline-summary"')));
    expect(marked).not.toContain('rl-fallback');
    expect(marked).toMatch(/<span class="target"[^>]*>Målvärde: minst <del>60(?:\u00a0| )?%?<\/del><ins>65/);
    // The removed C) stands struck where it stood, inside its list.
    expect(marked).toMatch(/<ol type="A" class="label-upper-paren">(?:(?!<\/ol>)[\s\S])*<li[^>]*class="rl-removed[^"]*"[^>]*><span class="rl-note">Utgår<\/span> <del>resurserna används där de gör mest nytta.<\/del><\/li>\s*<\/ol>/);
    expect(marked).toMatch(/<ul class="label-guillemet">[\s\S]*?<li[^>]*class="rl-added[^"]*"[^>]*>[\s\S]*?gemensam kompetensutveckling/);
    expect(marked).toMatch(/<ol type="A" class="label-upper-paren">[\s\S]*?samordnas ?<ins> ?och följs upp ?<\/ins>, och<\/li>/);
    expect(marked).toMatch(/Nästa revidering <ins>av överenskommelsen ?<\/ins>sker/);
  }, 120_000);
});

describe('a goal\'s own target in the follow-up', () => {
  it('outcomes.yaml names the goal; the report measures it against its target', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overens-forms-followup-'));
    try {
      cpSync(PROJECT, dir, { recursive: true });
      writeFileSync(path.join(dir, 'agreements/norrkoping-lik/outcomes.yaml'), [
        'outcomes:',
        '  - indicator: mal-arbete',
        '    values:',
        '      - { year: 2018, value: 62, unit: "%", source: egen uppföljning, measured: 2019-01-31 }',
        '  - indicator: mal-unga',
        '    values:',
        '      - { year: 2018, value: 120, unit: "%", source: egen uppföljning, measured: 2019-01-31 }',
        '',
      ].join('\n'));
      const r = await validatePaths(['.'], { base: dir });
      // The goal ids are known as measured items: only the value out of range is reported, at its line.
      expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['utfall-utanfor agreements/norrkoping-lik/outcomes.yaml:7']);
      const p = r.projects[0];
      const a = p?.agreements[0];
      if (!p || !a) throw new Error('ingen överenskommelse');
      const view = reportView(p, a, 2018, loadLabels());
      const row = view.summary.find((x) => x.id === 'mal-arbete');
      expect(row).toMatchObject({ indicator: 'Andelen nyanlända som går till arbete eller studier ska vara minst 60 procent.', target: 'minst 60\u00a0%' });
      expect(row?.statusClass).toBe('status-uppnatt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('labelled lists: what is and is not a list', () => {
  const styles = (md: string) => labelledLists(parseMarkdownText(md)).map((l) => `${l.style ?? (l.items ? '-' : '')}×${l.items}`);

  it('needs A then B for letters, one line for »', () => {
    expect(styles('A) ensam rad')).toEqual([]);
    expect(styles('A) ett\nC) tre')).toEqual([]);
    expect(styles('B) två\nC) tre')).toEqual([]);
    expect(styles('A) ett\nB) två')).toEqual(['A)×2']);
    expect(styles('» ett')).toEqual(['»×1']);
    expect(styles('Text med a) mitt i raden och b) sedan.')).toEqual([]);
  });

  it('leaves an escaped label as text: A\\) stays "A)"', () => {
    expect(styles('A\\) ett\nB\\) två')).toEqual([]);
    expect(styles('> A\\) ett\n> B\\) två')).toEqual([]);
    expect(styles('> A) ett\n> B) två')).toEqual(['A)×2']);
  });

  it('continues a lettered list after a paragraph, and nests lists between items', () => {
    const tree = parseMarkdownText('A) ett\nB) två\n\nMellan.\n\nC) tre\nD) fyra');
    expect(tree.children.map((c) => c.type)).toEqual(['list', 'paragraph', 'list']);
    expect((tree.children[2] as { start?: number }).start).toBe(3);
    expect(styles('A) ett\n\n- under\n\nB) två')).toEqual(['A)×2', '-×1']);
    expect(styles('A) ett\n   a) under\n   b) under\nB) två')).toEqual(['A)×2', 'a)×2']);
  });

  it('keeps 1) from CommonMark and leaves 1. and - alone', () => {
    expect(styles('1) ett\n2) två')).toEqual(['1)×2']);
    expect(styles('1. ett\n2. två')).toEqual(['-×2']);
    expect(styles('- ett\n- två')).toEqual(['-×2']);
  });

  it('the revision diff sees the items as list items, their labels as style', () => {
    expect(markdownToBlocks('A) ett\nB) två').map((b) => `${b.kind}:${b.text}`)).toEqual(['listItem:ett', 'listItem:två']);
  });

  it('never throws, whatever the labels, containers and breaks (property)', () => {
    const ctx: MarkdownContext = {
      heading: (depth, text) => ({ id: `h-${text.length}`, level: Math.min(6, depth + 1) }),
      footnoteRef: (label) => ({ href: `#fn-${label}`, id: `r-${label}`, n: 1, describedBy: 'x' }),
    };
    const piece = fc.constantFrom('A) ', 'B) ', 'C) ', 'a) ', 'b) ', '» ', '1) ', '2) ', '- ', '> ', '   ', 'A\\) ', '**fet** ', '[länk](x) ', 'ord ', '\\', '  ', '\n', '\n\n', '[^1] ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const md = `${parts.join('')}\n\n[^1]: not`;
      const tree = parseMarkdownText(md);
      blocksToHtml(tree.children, ctx);
      markdownToBlocks(md);
    }), { numRuns: 400 });
  });

  it('stays linear: 8 000 labelled lines in one paragraph parse at once', () => {
    const md = Array.from({ length: 8_000 }, (_, i) => `${i % 2 === 0 ? '»' : String.fromCharCode(65 + (i % 26))}) rad ${i}`.replace(/^»\)/, '»')).join('\n');
    const tree = parseMarkdownText(md);
    expect(labelledLists(tree)[0]?.style).toBe('»');
    expect(labelledLists(tree)[0]?.items).toBe(4_000);
  }, 20_000);
});
