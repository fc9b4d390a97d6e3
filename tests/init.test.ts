/**
 * `overens init` in temporary folders: what it writes, that the example validates, that it never
 * overwrites (but extends a package.json from `npm install overens`), and `--uppdatera`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initProject, INIT_SCRIPTS, packageVersion, schemaLineFor, withSchemaLine } from '../src/cycle/init.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { REPO } from './helpers/build-project.ts';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });
const temp = (): string => { const d = mkdtempSync(path.join(tmpdir(), 'overens-init-')); temps.push(d); return d; };
const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');

describe('overens init', { timeout: 60_000 }, () => {
  it('writes a content repository whose example validates with no diagnostics', async () => {
    const dir = temp();
    const result = await initProject({ dir: 'nytt', cwd: dir });
    const root = path.join(dir, 'nytt');
    expect(result.exitCode).toBe(0);
    expect(result.diagnostics).toEqual([]);
    expect([...result.written].sort()).toEqual([
      '.github/workflows/overens.yml', '.gitignore', '.gitlab-ci.yml', '.vscode/extensions.json', '.vscode/settings.json', 'README.md',
      'agreements/organisations.yaml', 'agreements/vannas/agreement.yaml', 'agreements/vannas/text/parter.md',
      'agreements/vannas/text/samverkan.md', 'agreements/vannas/text/syfte.md', 'agreements/vannas/text/underskrifter.md',
      'agreements/vannas/text/uppfoljning.md', 'agreements/vannas/text/varaktighet.md', 'package.json',
    ]);
    const pkg = JSON.parse(read(root, 'package.json')) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.name).toBe('nytt');
    expect(pkg.scripts).toEqual(INIT_SCRIPTS);
    expect(pkg.dependencies).toEqual({ overens: `^${await packageVersion()}` });
    expect(read(root, '.gitignore')).toContain('output/');
    // One source of truth: the CI files are the package's templates, byte for byte.
    expect(read(root, '.github/workflows/overens.yml')).toBe(read(REPO, 'ci-templates/github/overens.yml'));
    expect(read(root, '.gitlab-ci.yml')).toBe(read(REPO, 'ci-templates/gitlab/.gitlab-ci.yml'));
    const { diagnostics, projects } = await validatePaths([], { base: root });
    expect(diagnostics).toEqual([]);
    expect(projects[0]?.agreements.map((a) => a.id)).toEqual(['vannas']);
  });

  it('writes schema lines and VS Code settings that point into node_modules/overens/schema', async () => {
    const root = temp();
    await initProject({ dir: root });
    for (const [rel, kind] of [['agreements/organisations.yaml', 'organisations'], ['agreements/vannas/agreement.yaml', 'agreement']] as const) {
      const first = read(root, rel).split('\n')[0] ?? '';
      const ref = first.replace('# yaml-language-server: $schema=', '');
      expect(path.resolve(root, path.dirname(rel), ref)).toBe(path.join(root, 'node_modules', 'overens', 'schema', `${kind}.schema.json`));
    }
    const settings = JSON.parse(read(root, '.vscode/settings.json')) as { 'yaml.schemas': Record<string, string[]> };
    expect(settings['yaml.schemas']['./node_modules/overens/schema/agreement.schema.json']).toEqual(['agreements/*/agreement.yaml']);
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(path.join(REPO, 'schema', path.basename(schema)))).toBe(true);
    expect(JSON.parse(read(root, '.vscode/extensions.json'))).toEqual({ recommendations: ['redhat.vscode-yaml'] });
  });

  it('never overwrites: lists the files that exist, writes nothing and exits 2', async () => {
    const root = temp();
    mkdirSync(path.join(root, 'agreements'));
    writeFileSync(path.join(root, 'agreements', 'organisations.yaml'), 'organisations: []\n');
    writeFileSync(path.join(root, 'README.md'), '# Vårt\n');
    const result = await initProject({ dir: root, cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['init-filer-finns', 'agreements/organisations.yaml', 1, 1]]);
    expect(result.diagnostics[0]?.message).toBe('2 filer finns redan: agreements/organisations.yaml, README.md.');
    expect(result.written).toEqual([]);
    expect(read(root, 'README.md')).toBe('# Vårt\n');
    expect(existsSync(path.join(root, 'package.json'))).toBe(false);
  });

  it('extends the package.json that npm install overens wrote, keeping its dependency', async () => {
    const root = temp();
    writeFileSync(path.join(root, 'package.json'), '{\n  "dependencies": {\n    "overens": "file:../overens-0.1.0.tgz"\n  }\n}\n');
    const result = await initProject({ dir: root });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(read(root, 'package.json'))).toEqual({ dependencies: { overens: 'file:../overens-0.1.0.tgz' }, scripts: INIT_SCRIPTS });
  });

  it('refuses a package.json without overens or with other scripts of the same names', async () => {
    for (const text of ['{"name":"annat"}\n', '{"dependencies":{"overens":"^0.1.0"},"scripts":{"build":"make"}}\n']) {
      const root = temp();
      writeFileSync(path.join(root, 'package.json'), text);
      const result = await initProject({ dir: root, cwd: root });
      expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['init-filer-finns', 'package.json']]);
      expect(read(root, 'package.json')).toBe(text);
    }
  });

  it('--uppdatera rewrites only the wiring: schema lines, CI files and VS Code settings (keeping the user\'s own)', async () => {
    const root = temp();
    await initProject({ dir: root });
    const agreement = path.join(root, 'agreements', 'vannas', 'agreement.yaml');
    const body = read(root, 'agreements/vannas/agreement.yaml').split('\n').slice(1).join('\n');
    writeFileSync(agreement, `# yaml-language-server: $schema=../../schema/agreement.schema.json\n${body}`);
    writeFileSync(path.join(root, 'agreements', 'vannas', 'goals.yaml'), 'goals: []\n');
    writeFileSync(path.join(root, '.vscode', 'settings.json'), '{"editor.wordWrap": "on", "yaml.validate": false}\n');
    writeFileSync(path.join(root, '.gitlab-ci.yml'), 'gammal: mall\n');
    const text = read(root, 'agreements/vannas/text/syfte.md');
    const result = await initProject({ dir: root, update: true, cwd: root });
    expect(result.exitCode).toBe(0);
    expect([...result.written].sort()).toEqual(['.gitlab-ci.yml', '.vscode/settings.json', 'agreements/vannas/agreement.yaml', 'agreements/vannas/goals.yaml']);
    expect(read(root, 'agreements/vannas/agreement.yaml')).toBe(`# yaml-language-server: $schema=../../node_modules/overens/schema/agreement.schema.json\n${body}`);
    expect(read(root, 'agreements/vannas/goals.yaml')).toBe('# yaml-language-server: $schema=../../node_modules/overens/schema/goals.schema.json\ngoals: []\n');
    expect(JSON.parse(read(root, '.vscode/settings.json'))).toMatchObject({ 'editor.wordWrap': 'on', 'yaml.validate': true });
    expect(read(root, '.gitlab-ci.yml')).toBe(read(REPO, 'ci-templates/gitlab/.gitlab-ci.yml'));
    expect(read(root, 'agreements/vannas/text/syfte.md')).toBe(text);
  });

  it('--uppdatera: a settings.json that is not JSON, or a folder without agreements/, is one diagnostic and exit 2', async () => {
    const root = temp();
    await initProject({ dir: root });
    writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "editor.wordWrap": "on", // kommentar\n}\n');
    const bad = await initProject({ dir: root, update: true, cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['init-ogiltig-json', '.vscode/settings.json', 1]]);
    expect(bad.written).toEqual([]);
    const empty = temp();
    const none = await initProject({ dir: empty, update: true, cwd: empty });
    expect(none.exitCode).toBe(2);
    expect(none.diagnostics.map((d) => [d.code, d.file])).toEqual([['ingen-overenskommelse', '.']]);
  });

  it('withSchemaLine replaces an existing schema line and keeps a BOM and CRLF line ends', () => {
    const line = schemaLineFor('/p', '/p/agreements/a/budget.yaml') ?? '';
    expect(line).toBe('# yaml-language-server: $schema=../../node_modules/overens/schema/budget.schema.json');
    expect(withSchemaLine('\uFEFF# yaml-language-server: $schema=x.json\r\nbudget: 1\r\n', line)).toBe(`\uFEFF${line}\r\nbudget: 1\r\n`);
    expect(withSchemaLine('\uFEFFbudget: 1\n', line)).toBe(`\uFEFF${line}\nbudget: 1\n`);
    expect(schemaLineFor('/p', '/p/agreements/a/text/syfte.md')).toBeUndefined();
  });
});
