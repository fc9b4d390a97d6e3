/** The redline of the real revision pair: every entry marked where it stands, and the summary sends the reader there. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../src/diff/run.ts';
import { applyEdits, git, repoWith } from './fixtures/diff/helpers.ts';
import { EDITS_2024, NOISE_2024 } from './fixtures/diff/umearegionen-2024/edits.ts';

let repo = '';
beforeAll(() => {
  repo = repoWith('umearegionen', 'v2023');
  applyEdits(repo, [...EDITS_2024.flatMap((e) => e.edits), ...NOISE_2024]);
  git(repo, 'commit', '-q', '-am', 'Förslag 2024');
  git(repo, 'tag', 'v2024');
}, 60_000);
afterAll(() => { if (repo) rmSync(repo, { recursive: true, force: true }); });

/** What each entry changes, as the words a reader finds on its page (struck or inserted). */
const PROBES: [RegExp, string][] = [
  [/^revision\/id$/, '2024'],
  [/^parties\//, 'Kriminalvården'],
  [/^signatories\/underskrift-umea-kommun\/name$/, 'Hans Lindberg'],
  [/^validity\/from$/, '2024-01-01'],
  [/^validity\/to$/, '2024-12-31'],
  [/^validity\/nextDecisionBy$/, '2024-11-30'],
  [/^decision\/date$/, '2023-11-24'],
  [/ind-jobbspar-antal\/target/, '14'],
  [/ind-jobbspar-vidare-till-arbete\/target/, '65'],
  [/^goals\/mal-strategiskt-digital-samverkan$/, 'gemensam digital plattform'],
  [/^sections\/forord\/blocks\//, 'arbetssättet'],
  [/^sections\/vision$/, 'Vision'],
  [/^commitments\//, 'Koordinera uppföljning'],
  [/^targetGroups\//, 'Sjukskrivna med eller utan'],
  [/^sections\/[a-z0-9-]*individmal\/blocks\//, 'samtliga jobbspår'],
];

describe('umearegionen 2023 → förslag 2024', () => {
  it('one edit, one entry: fifteen edits give fifteen entries, each with a stable id', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'json', cwd: repo });
    expect(run.diagnostics).toEqual([]);
    const entries = JSON.parse(run.stdout).changes as { id: string; path: string; description: string; parts?: { id: string }[] }[];
    expect(entries).toHaveLength(EDITS_2024.length);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const [re] of PROBES) expect(entries.filter((e) => re.test(e.path)), String(re)).toHaveLength(1);
    const party = entries.find((e) => e.path.startsWith('parties/'));
    expect(party?.description).toBe('Kriminalvården utgår som part. Därmed utgår även undertecknaren Annika Jonsson (Kriminalvården).');
    const target = entries.find((e) => /ind-jobbspar-vidare-till-arbete/.test(e.path));
    expect(target?.description).toMatch(/^Målvärdet för indikatorn ”Minst 60 % .*” ändras från minst 60 % till minst 65 % \(\+5 procentenheter\)\. Ny lydelse: ”Minst 65 % av de som/);
    expect(entries.find((e) => e.path === 'goals/mal-strategiskt-digital-samverkan')?.description).toContain('Ett nytt mål');
    expect(entries.find((e) => /^sections\/[a-z0-9-]*individmal\//.test(e.path))?.description).toMatch(/^I fotnoten som börjar ”Gäller som genomsnitt/);
    // Again: the same ids.
    const again = JSON.parse((await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'json', cwd: repo })).stdout).changes as { id: string }[];
    expect(again.map((e) => e.id)).toEqual(entries.map((e) => e.id));
  }, 60_000);

  it('marks every entry and every part in the body of the document, none only in a note box', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'html', cwd: repo });
    expect(run.diagnostics).toEqual([]);
    expect(run.files).toEqual([path.join(repo, 'output', 'umearegionen', 'umearegionen-2023-till-2024-redline.html')]);
    const html = readFileSync(run.files[0] as string, 'utf8');
    if (process.env['KEEP_REDLINE']) writeFileSync(process.env['KEEP_REDLINE'], html);
    const body = html.slice(html.indexOf('</section>', html.indexOf('class="redline-summary"')));
    const marked = new Set([...body.matchAll(/data-change="([^"]+)"/g)].flatMap((m) => (m[1] ?? '').split(' ')));
    const ids = (run.changeSet?.changes ?? []).flatMap((c) => [c.id, ...(c.parts ?? []).map((p) => p.id)]);
    expect(ids.filter((id) => !marked.has(id ?? ''))).toEqual([]);
    expect(body).not.toContain('rl-fallback');
    // Removed items stand struck where they stood: the party twice (title page and party list), its signature block, the målgrupp, the commitment.
    expect(body.match(/<li [^>]*class="rl-removed[^"]*"[^>]*>(?:(?!<\/li>)[\s\S])*<del>Kriminalvården<\/del>/g)).toHaveLength(2);
    expect(body).toMatch(/<div class="signature-block rl-removed[^"]*"[^>]*>(?:(?!<\/div>\s*<\/div>)[\s\S])*<del>Annika Jonsson<\/del>/);
    expect(body).toMatch(/class="rl-removed[^"]*"[^>]*><span class="rl-note">Utgår<\/span> <span><del>Sjukskrivna med eller utan sjukdomsgrundande inkomst<\/del><\/span>/);
    expect(body).toContain('<del>Koordinera uppföljning av överenskommelsen.</del>');
    // Changed fields in place, old struck and new underlined: dates on the title page and in the validity sentence, a target, a name.
    expect(body.match(/<del>2023-01-01<\/del><ins>2024-01-01<\/ins>/g)?.length).toBeGreaterThanOrEqual(2);
    expect(body).toMatch(/<span class="target"[^>]*>Målvärde: minst <del>12<\/del><ins>14<\/ins> jobbspår<\/span>/);
    expect(body).toContain('<del>Peter Vigren</del><ins>Hans Lindberg</ins>');
    // Prose word by word, keeping the footnote as a footnote under its number.
    expect(body).toMatch(/<del>arbets sättet ?<\/del><ins>arbetssättet ?<\/ins>/);
    expect(body).toMatch(/<li id="fn-[^"]*"[^>]*>(?:(?!<\/li>)[\s\S])*<p>Gäller som genomsnitt för <del>jobbspåren.<\/del><ins>samtliga jobbspår under året. ?<\/ins>/);
    // The moved section: marked at its new place and at its old one.
    expect(body).toMatch(/data-item="sections\/vision"[^>]*>[\s\S]{0,200}Flyttad/);
    expect(body).toContain('Flyttat härifrån');
    // The board's words, not git's.
    expect(html).toContain('<h1>Ändringar: Förslag 2024 jämfört med antagen revision 2023 (beslut 2022-11-25)</h1>');
    expect(html.slice(0, html.indexOf('class="rl-provenance"'))).not.toMatch(/v2023|v2024|[0-9a-f]{40}/);
    expect(html.replace(/<style>[\s\S]*?<\/style>/g, '')).not.toMatch(/::[a-z]/);
  }, 60_000);

  const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] || '/usr/bin/chromium';
  it.skipIf(!existsSync(chromium))('the board pack: each entry\'s words stand on the page its summary line names', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'paket', cwd: repo });
    expect(run.diagnostics).toEqual([]);
    const stem = path.join(repo, 'output', 'umearegionen', 'umearegionen-2023-till-2024');
    expect(run.files).toEqual([`${stem}-sammanfattning.md`, `${stem}-andringsforteckning.txt`, `${stem}-redline.pdf`]);
    const pdf = `${stem}-redline.pdf`;
    const pageText = (n: number): string => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
    const summary = pageText(1) + pageText(2);
    const pages = [...summary.matchAll(/\(sida\s+(\d+)\)/g)].map((m) => Number(m[1]));
    const entries = run.changeSet?.changes ?? [];
    expect(pages).toHaveLength(entries.length);
    // The summary lists entries by area, in the order areas first appear.
    const order = [...new Map(entries.map((e) => [e.area, entries.filter((x) => x.area === e.area)])).values()].flat();
    order.forEach((entry, i) => {
      const probe = PROBES.find(([re]) => re.test(entry.path))?.[1];
      expect(probe, entry.path).toBeDefined();
      expect(pageText(pages[i] as number).replace(/\s+/g, ' '), `${entry.path} on page ${pages[i]}`).toContain(probe);
    });
  }, 120_000);

  it.skipIf(!existsSync(chromium))('new outcomes since the adopted revision put the follow-up report in the pack', async () => {
    const file = path.join(repo, 'agreements', 'umearegionen', 'outcomes.yaml');
    writeFileSync(file, 'outcomes:\n  - indicator: ind-jobbspar-antal\n    values:\n      - { year: 2023, value: 13, unit: jobbspår, source: egen uppföljning, measured: 2023-12-31 }\n');
    try {
      const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', format: 'paket', cwd: repo });
      expect(run.diagnostics).toEqual([]);
      const stem = path.join(repo, 'output', 'umearegionen', 'umearegionen-2023-till-2024');
      expect(run.files).toContain(`${stem}-uppfoljning-2023.pdf`);
      const text = execFileSync('pdftotext', [`${stem}-uppfoljning-2023.pdf`, '-'], { encoding: 'utf8' });
      expect(text).toContain('13');
      expect(text).toMatch(/inte uppnått|uppnått/);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
