/** A real revision pair of Umeåregionen in a temp git repository, and malformed comparisons. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../src/diff/run.ts';
import { describeChange } from '../src/diff/describe.ts';
import { FIXTURES, applyEdits, git, golden, repoWith, type Edit } from './fixtures/diff/helpers.ts';

const A = 'agreements/umearegionen/';
/** The 2024 revision: a dozen real changes plus formatting-only noise that must not show. */
const EDITS_2024: Edit[] = [
  { file: `${A}agreement.yaml`, find: 'id: "2023"\n  date: 2022-11-25', repl: 'id: "2024"\n  date: 2023-11-24' },
  { file: `${A}agreement.yaml`, find: '  # Part i överenskommelsen men inte medlem i samordningsförbundet.\n  - organisation: kriminalvarden\n    finsamMember: false\n', repl: '' },
  { file: `${A}agreement.yaml`, find: '  from: 2023-01-01\n  to: 2023-12-31\n  revisedYearly: true\n  nextDecisionBy: 2023-11-30\n  nextDecisionFor: 2024', repl: '  from: 2024-01-01\n  to: 2024-12-31\n  revisedYearly: true\n  nextDecisionBy: 2024-11-30\n  nextDecisionFor: 2025' },
  { file: `${A}agreement.yaml`, find: '    name: Peter Vigren\n', repl: '    name: Hans Lindberg\n' },
  { file: `${A}agreement.yaml`, find: '  - id: underskrift-kriminalvarden\n    name: Annika Jonsson\n    party: kriminalvarden\n    unit: Kriminalvården/Frivården\n    scope: För de delar som gäller kriminalvården\n', repl: '' },
  { file: `${A}agreement.yaml`, find: '    - text/riktning.md\n    - text/parter.md\n    - text/vision.md\n', repl: '    - text/vision.md\n    - text/riktning.md\n    - text/parter.md\n' },
  { file: `${A}agreement.yaml`, find: '    name: Klienter från frivården i behov av samordnat stöd\n', repl: '    name: Klienter från frivården i behov av samordnat stöd\n  - id: malgrupp-unga-vuxna-med-aktivitetsersattning\n    name: Unga vuxna med aktivitetsersättning\n' },
  { file: `${A}agreement.yaml`, find: '  - id: atagande-forbundet-koordinera-uppfoljning\n    party: samordningsforbundet-umearegionen\n    text: Koordinera uppföljning av överenskommelsen.\n', repl: '' },
  { file: `${A}goals.yaml`, find: '          value: 60\n', repl: '          value: 65\n' },
  { file: `${A}goals.yaml`, find: 'text: Minst 60 %[^fn', repl: 'text: Minst 65 %[^fn' },
  { file: `${A}goals.yaml`, find: '    text: I Umeåregionen finns en hållbar samverkan för unga som saknar fullföljd gymnasieutbildning.\n', repl: '    text: I Umeåregionen finns en hållbar samverkan för unga som saknar fullföljd gymnasieutbildning.\n  - id: mal-strategiskt-digital-samverkan\n    level: strategiskt\n    area: arbetsmarknadstorgen\n    text: I Umeåregionen finns en gemensam digital plattform för samverkan mellan parterna.\n' },
  { file: `${A}text/forord.md`, find: 'arbets sättet', repl: 'arbetssättet' },
  { file: `${A}text/uppfoljning.md`, find: 'Den uppföljningen redovisas inte i förbundets formella årsredovisning.\n', repl: 'Den uppföljningen redovisas inte i förbundets formella årsredovisning.\n\nUppföljningen redovisas för styrelsen två gånger per år.\n' },
  // Formatting only: quoting, key order, a re-wrapped line, trailing spaces.
  { file: `${A}agreement.yaml`, find: 'cluster: Umeåregionen\n', repl: 'cluster: "Umeåregionen"\n' },
  { file: `${A}agreement.yaml`, find: '    name: Jessica Norman\n    party: arbetsformedlingen\n', repl: '    party: arbetsformedlingen\n    name: \'Jessica Norman\'\n' },
  { file: `${A}text/uppfoljning.md`, find: 'De samordnade rehabiliteringsinsatser', repl: 'De samordnade \nrehabiliteringsinsatser' },
];

const OUT = path.join(FIXTURES, 'umearegionen-2024');
let repo = '';

beforeAll(() => {
  repo = repoWith('umearegionen', 'v2023');
  applyEdits(repo, EDITS_2024);
  git(repo, 'commit', '-q', '-am', '2024');
  git(repo, 'tag', 'v2024');
  // A broken revision and an agreement that exists only later, for the malformed cases.
  applyEdits(repo, [{ file: `${A}agreement.yaml`, find: 'revisedYearly: true', repl: 'revisedYearly: ja' }]);
  git(repo, 'commit', '-q', '-am', 'trasig');
  git(repo, 'tag', 'trasig');
  git(repo, 'revert', '--no-edit', 'HEAD');
  cpSync(path.join(repo, 'agreements', 'umearegionen'), path.join(repo, 'agreements', 'ny'), { recursive: true });
  applyEdits(repo, [{ file: 'agreements/ny/agreement.yaml', find: 'id: umearegionen\n', repl: 'id: ny\n' }]);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'ny');
}, 60_000);
afterAll(() => { if (repo) rmSync(repo, { recursive: true, force: true }); });

describe('umearegionen 2023 → 2024 by git revisions', () => {
  it('gives the expected change list, ändringsförteckning and summary', async () => {
    const json = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'json', cwd: repo });
    expect(json.diagnostics).toEqual([]);
    const cs = json.changeSet!;
    const list = cs.changes.map((c) => `${c.kind}\t${c.area}\t${c.path}\t${describeChange(c)}`).join('\n');
    golden(path.join(OUT, 'changes.tsv'), `${list}\n`);
    const kinds = new Set(cs.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['added', 'changed', 'moved', 'removed']);
    const forteckning = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'forteckning', cwd: repo });
    golden(path.join(OUT, 'forteckning.txt'), forteckning.stdout);
    const md = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', cwd: repo });
    golden(path.join(OUT, 'summary.md'), md.stdout);
    expect(JSON.parse(json.stdout).counts.total).toBe(cs.changes.length);
  });

  it('--to defaults to the working tree, and --exit-code gives 1 when something changed', async () => {
    git(repo, 'checkout', '-q', 'v2024');
    try {
      const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', format: 'forteckning', exitCode: true, cwd: repo });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('Kriminalvården utgår som part.');
      const same = await runDiff({ agreement: 'umearegionen', from: 'v2024', exitCode: true, cwd: repo });
      expect(same.exitCode).toBe(0);
      expect(same.changeSet?.changes).toEqual([]);
    } finally {
      git(repo, 'checkout', '-q', 'main');
    }
  });
});

describe('redline', () => {
  it('writes HTML with the summary page and the prose changes marked in the agreement layout', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'html', cwd: repo });
    expect(run.diagnostics).toEqual([]);
    expect(run.files).toEqual([path.join(repo, 'output', 'umearegionen', 'umearegionen-2023-till-2024-redline.html')]);
    const html = readFileSync(run.files[0] as string, 'utf8');
    if (process.env['KEEP_REDLINE']) writeFileSync(process.env['KEEP_REDLINE'], html);
    expect(html).toContain('class="redline-summary"');
    expect(html).toContain('Kriminalvården utgår som part.');
    expect(html).toMatch(/<del>arbets sättet ?<\/del><ins>arbetssättet ?<\/ins>/);
    expect(html).toMatch(/class="rl-changed rl-added"><ins>Uppföljningen redovisas för styrelsen två gånger per år.<\/ins>/);
    expect(html).toContain('Avsnittet ”Vision” flyttas från plats 4 till plats 2 i huvuddokumentet.');
  });
});

describe('board pack (--format paket)', () => {
  const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] || '/usr/bin/chromium';
  it.skipIf(!existsSync(chromium))('writes the summary, the ändringsförteckning and the redline PDF in one go', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', to: 'v2024', format: 'paket', cwd: repo });
    expect(run.diagnostics).toEqual([]);
    const stem = path.join(repo, 'output', 'umearegionen', 'umearegionen-2023-till-2024');
    expect(run.files).toEqual([`${stem}-sammanfattning.md`, `${stem}-andringsforteckning.txt`, `${stem}-redline.pdf`]);
    expect(readFileSync(`${stem}-sammanfattning.md`, 'utf8')).toBe(run.stdout);
    expect(readFileSync(`${stem}-andringsforteckning.txt`, 'utf8')).toContain('Kriminalvården utgår som part.');
    const pdf = readFileSync(`${stem}-redline.pdf`);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', [`${stem}-redline.pdf`, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kriminalvården utgår som part.');
  }, 60_000);
});

describe('malformed comparisons give a diagnostic, not a crash', () => {
  it('an unknown git revision → diff-okand-revision, exit 2', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'v1999', cwd: repo });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['diff-okand-revision']);
  });

  it('a side that does not validate → diff-ogiltig with its errors, exit 1', async () => {
    const run = await runDiff({ agreement: 'umearegionen', from: 'trasig', cwd: repo });
    expect(run.exitCode).toBe(1);
    expect(run.diagnostics[0]?.code).toBe('diff-ogiltig');
    expect(run.diagnostics.slice(1).map((d) => [d.code, d.file])).toEqual([['fel-typ', 'trasig:agreements/umearegionen/agreement.yaml']]);
  });

  it('an agreement missing on one side → diff-saknas, exit 1; on both sides → exit 2', async () => {
    const one = await runDiff({ agreement: 'ny', from: 'v2024', cwd: repo });
    expect(one.exitCode).toBe(1);
    expect(one.diagnostics.map((d) => d.code)).toEqual(['diff-saknas']);
    const both = await runDiff({ agreement: 'finns-inte', from: 'v2024', cwd: repo });
    expect(both.exitCode).toBe(2);
    expect(both.diagnostics.map((d) => d.code)).toEqual(['diff-saknas', 'diff-saknas']);
  });

  it('outside a git repository a revision is unknown → exit 2', async () => {
    const dir = path.join(repo, '..', `${path.basename(repo)}-ingen-git`);
    cpSync(path.join(repo, 'agreements'), path.join(dir, 'agreements'), { recursive: true });
    writeFileSync(path.join(dir, 'README.md'), 'x');
    try {
      const run = await runDiff({ agreement: 'umearegionen', from: 'v2023', cwd: dir });
      expect(run.exitCode).toBe(2);
      expect(run.diagnostics.map((d) => d.code)).toEqual(['diff-okand-revision']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
