/** A real revision pair of Umeåregionen in a temp git repository, and malformed comparisons. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });
import { runDiff } from '../src/diff/run.ts';
import { describeChange } from '../src/diff/describe.ts';
import { FIXTURES, applyEdits, git, golden, repoWith } from './fixtures/diff/helpers.ts';
import { EDITS_2024, NOISE_2024 } from './fixtures/diff/umearegionen-2024/edits.ts';

const A = 'agreements/umearegionen/';

const OUT = path.join(FIXTURES, 'umearegionen-2024');
let repo = '';

beforeAll(() => {
  repo = repoWith('umearegionen', 'v2023');
  applyEdits(repo, [...EDITS_2024.flatMap((e) => e.edits), ...NOISE_2024]);
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
