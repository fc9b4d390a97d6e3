/** `overens revision new`: next year's revision of Umeåregionen, with only the yearly fields edited. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addYears, applyRevisionEdits, newRevision, planRevision } from '../src/cycle/revision-new.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import type { AgreementFileData } from '../src/model/types.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO, 'bin', 'overens.js');
/** The tests' own snapshot of the example agreements. */
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'shipped');
const temps: string[] = [];
afterEach(() => { for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true }); });

/** A temp project with the registry and the Umeåregionen agreement. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-revision-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURE, 'agreements', 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  cpSync(path.join(FIXTURE, 'agreements', 'umearegionen'), path.join(dir, 'agreements', 'umearegionen'), { recursive: true });
  return dir;
}

/** Every file under `dir` with its text. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The lines that differ between two texts of the same length in lines, as [line number, before, after]. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i): [number, string, string][] => (line === b[i] ? [] : [[i + 1, line, b[i] ?? '']]));
}

const YAML = path.join('agreements', 'umearegionen', 'agreement.yaml');

describe('overens revision new umearegionen 2024', () => {
  it('moves exactly the yearly lines of agreement.yaml and nothing else', async () => {
    const dir = project();
    const before = snapshot(dir);
    const result = await newRevision({ agreement: 'umearegionen', year: 2024, cwd: dir });
    expect(result.diagnostics).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.written).toBe(true);
    const after = snapshot(dir);

    expect(changedLines(before.get(YAML) ?? '', after.get(YAML) ?? '').map(([, a, b]) => [a, b])).toEqual([
      ['  id: "2023"', '  id: "2024"'],
      ['  date: 2022-11-25', '  date: 2023-11-30'],
      ['  status: antagen', '  status: forslag'],
      ['  from: 2023-01-01', '  from: 2024-01-01'],
      ['  to: 2023-12-31', '  to: 2024-12-31'],
      ['  nextDecisionBy: 2023-11-30', '  nextDecisionBy: 2024-11-30'],
      ['  nextDecisionFor: 2024', '  nextDecisionFor: 2025'],
    ]);
    // Every other file (prose, goals, the registry) is byte for byte the same.
    for (const [file, text] of before) if (file !== YAML) expect(after.get(file), file).toBe(text);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());

    const { diagnostics } = await validatePaths([dir], { base: dir });
    expect(diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
    // The subtitle still names 2023: the user is told to look at it, it is not edited.
    expect(result.review.join('\n')).toContain('subtitle');
  }, 60_000);

  it('refuses a year that is not after the current revision (revision-inte-senare)', async () => {
    const dir = project();
    const before = readFileSync(path.join(dir, YAML), 'utf8');
    for (const year of [2022, 2023]) {
      const result = await newRevision({ agreement: 'umearegionen', year, cwd: dir });
      expect(result.exitCode).toBe(1);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['revision-inte-senare']);
      expect(result.diagnostics[0]?.file).toBe('agreements/umearegionen/agreement.yaml');
      expect(result.diagnostics[0]?.line).toBe(14);
    }
    expect(readFileSync(path.join(dir, YAML), 'utf8')).toBe(before);
  }, 60_000);

  it('refuses an agreement with errors (revision-har-fel) and leaves it untouched', async () => {
    const dir = project();
    const file = path.join(dir, YAML);
    const broken = readFileSync(file, 'utf8').replace('- organisation: umea-kommun', '- organisation: umea-komun');
    writeFileSync(file, broken);
    const result = await newRevision({ agreement: 'umearegionen', year: 2024, cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.map((d) => d.code)).toContain('revision-har-fel');
    expect(result.diagnostics.map((d) => d.code)).toContain('okand-organisation');
    expect(readFileSync(file, 'utf8')).toBe(broken);
  }, 60_000);

  it('rejects a year that is not four digits (exit 2) and an unknown agreement (exit 1, as every command)', async () => {
    const dir = project();
    const year = await newRevision({ agreement: 'umearegionen', year: '24', cwd: dir });
    expect(year.diagnostics.map((d) => d.code)).toEqual(['revision-ogiltigt-ar']);
    expect(year.exitCode).toBe(2);
    const unknown = await newRevision({ agreement: 'finns-inte', year: 2024, cwd: dir });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['ingen-overenskommelse', 'finns-inte', 1]]);
    const typo = await newRevision({ agreement: 'umearegion', year: 2024, cwd: dir });
    expect(typo.exitCode).toBe(1);
    expect(typo.diagnostics[0]?.hint).toContain('Menade du "umearegionen"?');
  }, 60_000);

  it('--dry-run shows the edits without writing, through the real CLI', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, YAML), 'utf8');
    const run = spawnSync(process.execPath, [CLI, 'revision', 'new', 'umearegionen', '2024', '--dry-run'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('validity.nextDecisionFor  2024 → 2025');
    expect(readFileSync(path.join(dir, YAML), 'utf8')).toBe(before);
    const refused = spawnSync(process.execPath, [CLI, 'revision', 'new', 'umearegionen', '2022'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('revision-inte-senare');
  }, 60_000);
});

describe('the yearly rules', () => {
  const base = (over: Partial<AgreementFileData> = {}): AgreementFileData => ({
    id: 'x', kind: 'overenskommelse', title: 'T', revision: { id: '2023', date: '2022-11-25', status: 'antagen' },
    parties: [{ organisation: 'a' }], validity: { from: '2023-01-01', to: '2023-12-31' },
    signatories: [{ id: 's', name: 'N', party: 'a', place: 'Umeå', date: '2022-12-01' }],
    main: { id: 'm', title: 'M', sections: [] }, ...over,
  } as AgreementFileData);
  const byPath = (a: AgreementFileData, year: number): Record<string, unknown> =>
    Object.fromEntries(planRevision(a, year).map((e) => [e.path.join('.'), e.after]));

  it('"tills vidare" moves only from, to 1 January of the year, and only when it lies before it', () => {
    expect(byPath(base({ validity: { from: '2020-11-01', to: 'tills vidare' } }), 2024)['validity.from']).toBe('2024-01-01');
    expect('validity.from' in byPath(base({ revision: { id: '2023', date: '2023-01-01' }, validity: { from: '2024-03-01', to: 'tills vidare' } }), 2024)).toBe(false);
  });

  it('another fixed period keeps its length; the deadline defaults to 30 November the year before', () => {
    const plan = byPath(base({ validity: { from: '2023-07-01', to: '2024-06-30' } }), 2025);
    expect(plan['validity.from']).toBe('2025-07-01');
    expect(plan['validity.to']).toBe('2026-06-30');
    expect(plan['revision.date']).toBe('2024-11-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it("removes last year's signature dates and places, and keeps the decision", () => {
    const text = [
      'revision:', '  id: "2023"', '  date: 2022-11-25', 'decision:', '  date: 2022-11-25', '  body: Styrelsen',
      'signatories:', '  - id: s', '    name: N # kommentar', '    party: a', '    place: Umeå', '    date: 2022-12-01', '',
    ].join('\n');
    const edits = planRevision(base(), 2024).filter((e) => e.path[0] === 'signatories' || e.path[0] === 'revision');
    const out = applyRevisionEdits(text, edits);
    expect(out.exact).toBe(true);
    expect(out.text).toBe([
      'revision:', '  id: "2024"', '  date: 2023-11-30', '  status: forslag', 'decision:', '  date: 2022-11-25', '  body: Styrelsen',
      'signatories:', '  - id: s', '    name: N # kommentar', '    party: a', '',
    ].join('\n'));
  });
});
