/** `overens status`: the decision calendar with an injected clock, the CI gate and the adopted revision. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRevision } from '../src/cycle/revision-new.ts';
import { collectStatus, daysBetween, describeDaysLeft, formatStatusText, stockholmToday } from '../src/cycle/status.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO, 'bin', 'overens.js');
/** The tests' own snapshot of the example agreements. */
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'shipped');
const AGREEMENT = path.join('agreements', 'umearegionen', 'agreement.yaml');
const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A temp project with the registry and Umeåregionen (deadline 2023-11-30), optionally with an error. */
function project(withError: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-status-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURE, 'agreements', 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  cpSync(path.join(FIXTURE, 'agreements', 'umearegionen'), path.join(dir, 'agreements', 'umearegionen'), { recursive: true });
  if (withError) edit(dir, AGREEMENT, '- organisation: umea-kommun', '- organisation: umea-komun');
  return dir;
}

function edit(dir: string, file: string, find: string, repl: string): void {
  const abs = path.join(dir, file);
  const text = readFileSync(abs, 'utf8');
  expect(text.split(find).length - 1).toBe(1);
  writeFileSync(abs, text.replace(find, repl));
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

const cli = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, 'status', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

/** Days before the 2023-11-30 deadline → the day that is. */
const DAYS = { 40: '2023-10-21', 20: '2023-11-10', [-1]: '2023-12-01' } as const;

let clean = '';
let broken = '';
beforeAll(() => { clean = project(false); broken = project(true); });

describe('the deadline and the warning', () => {
  const cases: [days: 40 | 20 | -1, errors: boolean, warns: boolean][] = [
    [40, false, false], [40, true, false],
    [20, false, false], [20, true, true],
    [-1, false, false], [-1, true, false],
  ];
  it.each(cases)('%i days before the deadline, errors %s: warning %s', async (days, errors, warns) => {
    const cwd = errors ? broken : clean;
    const today = DAYS[days];
    const report = await collectStatus({ cwd, today });
    const s = report.agreements[0];
    expect(report.agreements.map((a) => a.id)).toEqual(['umearegionen']);
    expect(s?.deadline).toEqual({ date: '2023-11-30', for: 2024, daysLeft: days, passed: days < 0 });
    // The misspelt organisation gives two errors: the unknown organisation, and the signatory whose
    // party is now no party (the party's missing signature is not reported on top).
    expect(s?.validation.errors).toBe(errors ? 2 : 0);
    expect(s?.warning).toBe(warns);
    expect(report.diagnostics.map((d) => d.code)).toEqual(warns ? ['status-beslutsfrist-fel'] : []);
    expect(report.exitCode).toBe(0);
    const strict = await collectStatus({ cwd, today, strict: true });
    expect(strict.exitCode).toBe(warns ? 1 : 0);

    const text = formatStatusText(report);
    expect(text).toContain('senast 2023-11-30 om 2024');
    expect(text.includes('Varning:')).toBe(warns);
    if (days < 0) expect(text).toContain('passerad för 1 dag sedan');
    if (days > 0) expect(text).toContain(`${days} dagar kvar`);
    expect(text).toContain(errors ? '2 fel, 0 varningar' : 'inga fel');
  }, 60_000);

  it("today is the date in Stockholm: 00:30 Swedish time is already the next day", async () => {
    // 2023-11-09 23:30 UTC is 2023-11-10 00:30 in Stockholm (CET, UTC+1): 20 days left.
    const report = await collectStatus({ cwd: broken, now: () => new Date('2023-11-09T23:30:00Z') });
    expect(report.today).toBe('2023-11-10');
    expect(report.agreements[0]?.deadline?.daysLeft).toBe(20);
    expect(report.agreements[0]?.warning).toBe(true);
    // Summer time (CEST, UTC+2).
    expect(stockholmToday(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(daysBetween('2024-03-30', '2024-03-31')).toBe(1);
    expect(describeDaysLeft(0)).toBe('i dag');
    expect(describeDaysLeft(1)).toBe('1 dag kvar');
  }, 60_000);

  it('--strict exits 1 through the CLI only when the deadline is near and there are errors', () => {
    const near = cli(broken, ['--strict', '--today', DAYS[20]]);
    expect(near.status, near.stderr).toBe(1);
    expect(near.stdout).toContain('Varning: Beslutet om 2024 ska fattas senast 2023-11-30, om 20 dagar, men förslaget har 2 fel.');
    expect(cli(broken, ['--strict', '--today', DAYS[40]]).status).toBe(0);
    const passed = cli(broken, ['--today', DAYS[-1], '--strict']);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain('passerad');
    const json = cli(broken, ['--format', 'json', '--today', DAYS[20]]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).agreements[0].deadline.daysLeft).toBe(20);
    expect(cli(clean, ['finns-inte', '--today', '2023-02-30']).status).toBe(2);
  }, 120_000);
});

describe('a proposal prepared with revision new', () => {
  it("counts down to the deadline for deciding the proposal itself, not the year after's", async () => {
    const dir = project(false);
    expect((await newRevision({ agreement: 'umearegionen', year: 2024, cwd: dir })).exitCode).toBe(0);
    const report = await collectStatus({ cwd: dir, today: DAYS[20] });
    expect(report.agreements[0]?.revision).toEqual({ id: '2024', date: '2023-11-30', status: 'forslag' });
    expect(report.agreements[0]?.deadline).toEqual({ date: '2023-11-30', for: 2024, daysLeft: 20, passed: false });
    expect(formatStatusText(report)).toContain('2024, förslag (2023-11-30)');
  }, 60_000);
});

describe('the working tree against the adopted revision', () => {
  let repo = '';
  beforeAll(() => {
    repo = project(false);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', '2023');
  });

  const register = (commit: string): void => writeFileSync(path.join(repo, 'agreements', 'umearegionen', 'register.yaml'), [
    'adopted:',
    '  - revision: "2023"',
    '    date: 2022-11-25',
    '    body: Samordningsförbundets styrelse',
    `    commit: ${commit}`,
    `    sourceHash: ${'a'.repeat(64)}`,
    `    pdfSha256: ${'b'.repeat(64)}`,
    '',
  ].join('\n'));

  it('says "ingen antagen revision" when there is no register', async () => {
    const report = await collectStatus({ cwd: repo, today: DAYS[40] });
    expect(report.agreements[0]?.comparison).toEqual({ state: 'ingen-antagen' });
    expect(formatStatusText(report)).toContain('Mot antagen   ingen antagen revision');
  }, 60_000);

  it('counts the changes since the adopted commit', async () => {
    const commit = git(repo, 'rev-parse', 'HEAD').trim();
    register(commit);
    const same = await collectStatus({ cwd: repo, today: DAYS[40] });
    expect(same.agreements[0]?.adopted).toMatchObject({ revision: '2023', commit });
    expect(same.agreements[0]?.comparison).toMatchObject({ state: 'jamford', total: 0 });
    expect(formatStatusText(same)).toContain(`samma som antagen revision 2023 (2022-11-25, ${commit.slice(0, 7)})`);

    edit(repo, path.join('agreements', 'umearegionen', 'goals.yaml'), '          value: 60\n', '          value: 65\n');
    edit(repo, path.join('agreements', 'umearegionen', 'agreement.yaml'), '  - organisation: kriminalvarden\n    finsamMember: false\n', '');
    edit(repo, path.join('agreements', 'umearegionen', 'agreement.yaml'),
      '  - id: underskrift-kriminalvarden\n    name: Annika Jonsson\n    party: kriminalvarden\n    unit: Kriminalvården/Frivården\n    scope: För de delar som gäller kriminalvården\n', '');
    const changed = await collectStatus({ cwd: repo, today: DAYS[40] });
    const c = changed.agreements[0]?.comparison;
    expect(c?.state).toBe('jamford');
    if (c?.state !== 'jamford') return;
    // One edit, one entry: the party and its signatory are one.
    expect(c.total).toBe(2);
    expect(c.byKind.removed).toBe(1);
    expect(c.byKind.changed).toBeGreaterThanOrEqual(1);
    expect(formatStatusText(changed)).toMatch(new RegExp(`skiljer sig från antagen revision 2023 \\(2022-11-25, ${commit.slice(0, 7)}\\): ${c.total} ändringar \\(`));
  }, 60_000);

  it('says why when the working tree cannot be compared (it has errors)', async () => {
    edit(repo, AGREEMENT, '- organisation: umea-kommun', '- organisation: umea-komun');
    const report = await collectStatus({ cwd: repo, today: DAYS[20], strict: true });
    const s = report.agreements[0];
    expect(s?.comparison.state).toBe('kan-inte-jamforas');
    expect(formatStatusText(report)).toContain('kan inte jämföras med antagen revision 2023');
    expect(report.exitCode).toBe(1);
  }, 60_000);
});
