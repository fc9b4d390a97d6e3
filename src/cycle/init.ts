/**
 * `overens init`: writes a working content repository (package.json, the registry, one example
 * agreement, editor and CI wiring, a README) from the files this package ships in init-template/
 * and ci-templates/. It never overwrites a file; `update` rewrites only the wiring (.vscode/, the
 * CI files and the schema lines of the YAML files) after an upgrade.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { repoRoot as PACKAGE_ROOT } from '../model/json-schema.ts';

/** Options of {@link initProject}. */
export interface InitOptions {
  /** The folder to write (created when missing). */
  dir: string;
  /** Rewrite only the wiring files of an existing content repository. */
  update?: boolean;
  /** Paths in messages are shown from here (default: the working directory). */
  cwd?: string;
}

/** What init did: files written, changed or left as they were (relative to the folder), and problems. */
export interface InitResult {
  exitCode: 0 | 2;
  written: string[];
  unchanged: string[];
  diagnostics: Diagnostic[];
}

/** The package's version, from its package.json. */
export async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** npm scripts init adds to package.json. */
export const INIT_SCRIPTS: Record<string, string> = { validate: 'overens validate', build: 'overens build', preview: 'overens preview' };

/** YAML file name → its schema in schema/. */
const SCHEMA_OF: Record<string, string> = {
  'organisations.yaml': 'organisations', 'agreement.yaml': 'agreement', 'goals.yaml': 'goals', 'organisation.yaml': 'organisation',
  'job-tracks.yaml': 'job-tracks', 'budget.yaml': 'budget', 'register.yaml': 'register',
};
/** Where the schemas are in a project that installed överens. */
const SCHEMA_DIR = 'node_modules/overens/schema';
const SCHEMA_LINE = /^(\uFEFF?)# yaml-language-server: \$schema=.*$/;

const slash = (p: string): string => p.split(path.sep).join('/');
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** The `# yaml-language-server` line of a YAML file under `root`, or undefined when no schema applies. */
export function schemaLineFor(root: string, file: string): string | undefined {
  const kind = SCHEMA_OF[path.basename(file)];
  if (!kind) return undefined;
  const target = path.join(root, SCHEMA_DIR, `${kind}.schema.json`);
  return `# yaml-language-server: $schema=${slash(path.relative(path.dirname(file), target))}`;
}

/** `text` with its first line set to `line` (replacing an earlier schema line, keeping a BOM and CRLF). */
export function withSchemaLine(text: string, line: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const [first = '', ...rest] = text.split(eol);
  const m = SCHEMA_LINE.exec(first);
  if (m) return [`${m[1] ?? ''}${line}`, ...rest].join(eol);
  const bom = first.startsWith('\uFEFF') ? '\uFEFF' : '';
  return `${bom}${line}${eol}${text.slice(bom.length)}`;
}

/** .vscode/settings.json: the package's schemas wired to the files (for editors that ignore schema lines). */
export function vscodeSettings(): Record<string, unknown> {
  const globs: Record<string, string[]> = {
    organisations: ['agreements/organisations.yaml'],
    agreement: ['agreements/*/agreement.yaml'],
    goals: ['agreements/*/goals.yaml'],
    organisation: ['agreements/*/organisation.yaml'],
    'job-tracks': ['agreements/*/job-tracks.yaml'],
    budget: ['agreements/*/budget.yaml'],
    register: ['agreements/*/register.yaml'],
  };
  const schemas = Object.fromEntries(Object.entries(globs).map(([k, g]) => [`./${SCHEMA_DIR}/${k}.schema.json`, g]));
  return { 'yaml.schemas': schemas, 'yaml.validate': true, 'yaml.completion': true, 'yaml.hover': true, 'files.encoding': 'utf8' };
}

const EXTENSIONS = { recommendations: ['redhat.vscode-yaml'] };
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Every file under `dir`, relative, sorted. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/** The wiring files: relative path → content. */
async function wiringFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('.vscode/settings.json', json(vscodeSettings()));
  files.set('.vscode/extensions.json', json(EXTENSIONS));
  files.set('.github/workflows/overens.yml', await readFile(path.join(PACKAGE_ROOT, 'ci-templates', 'github', 'overens.yml'), 'utf8'));
  files.set('.gitlab-ci.yml', await readFile(path.join(PACKAGE_ROOT, 'ci-templates', 'gitlab', '.gitlab-ci.yml'), 'utf8'));
  return files;
}

/** The content files of a new repository: relative path → content (schema lines included). */
async function contentFiles(root: string, name: string, version: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const templateDir = path.join(PACKAGE_ROOT, 'init-template');
  for (const rel of await listFiles(templateDir)) {
    const text = await readFile(path.join(templateDir, rel), 'utf8');
    // npm leaves .gitignore files out of packages, so the template's is called gitignore.
    const dest = rel === 'gitignore' ? '.gitignore' : rel;
    const line = schemaLineFor(root, path.join(root, dest));
    files.set(dest, line ? withSchemaLine(text, line) : text);
  }
  files.set('package.json', json({ name, private: true, description: 'Våra samverkansöverenskommelser, som text.', scripts: INIT_SCRIPTS, dependencies: { overens: `^${version}` } }));
  return files;
}

/** A package.json that `npm install overens` wrote: it may be extended with the scripts, not refused. */
function extendablePackageJson(text: string): Record<string, unknown> | undefined {
  let data: unknown;
  try { data = JSON.parse(text); } catch { return undefined; }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const pkg = data as { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> };
  if (!pkg.dependencies?.overens && !pkg.devDependencies?.overens) return undefined;
  const clash = Object.entries(INIT_SCRIPTS).some(([k, v]) => pkg.scripts?.[k] !== undefined && pkg.scripts[k] !== v);
  return clash ? undefined : (data as Record<string, unknown>);
}

/** A name npm accepts, from the folder's name. */
const packageName = (dir: string): string =>
  path.basename(dir).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'overenskommelser';

/** Writes a new content repository, or (update) rewrites its wiring files; never throws for existing files. */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  const cwd = options.cwd ?? process.cwd();
  const shown = (rel: string): string => slash(path.relative(cwd, path.join(root, rel))) || '.';
  const result: InitResult = { exitCode: 0, written: [], unchanged: [], diagnostics: [] };
  const planned = new Map<string, string>();

  if (options.update) {
    if (!(await exists(path.join(root, 'agreements')))) {
      return { ...result, exitCode: 2, diagnostics: [diagnostic('ingen-overenskommelse', { file: shown('.'), line: 1, column: 1 }, { path: shown('.') })] };
    }
    for (const [rel, text] of await wiringFiles()) planned.set(rel, text);
    const settingsFile = path.join(root, '.vscode', 'settings.json');
    if (await exists(settingsFile)) {
      const text = await readFile(settingsFile, 'utf8');
      try {
        planned.set('.vscode/settings.json', json({ ...(JSON.parse(text) as Record<string, unknown>), ...vscodeSettings() }));
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        return { ...result, exitCode: 2, diagnostics: [diagnostic('init-ogiltig-json', { file: shown('.vscode/settings.json'), line: 1, column: 1 }, { path: shown('.vscode/settings.json'), detail })] };
      }
    }
    for (const rel of (await listFiles(path.join(root, 'agreements'))).map((f) => `agreements/${f}`)) {
      const line = schemaLineFor(root, path.join(root, rel));
      if (line) planned.set(rel, withSchemaLine(await readFile(path.join(root, rel), 'utf8'), line));
    }
  } else {
    const version = await packageVersion();
    for (const [rel, text] of [...(await contentFiles(root, packageName(root), version)), ...(await wiringFiles())]) planned.set(rel, text);
    const taken: string[] = [];
    for (const rel of planned.keys()) {
      const abs = path.join(root, rel);
      if (!(await exists(abs))) continue;
      const extendable = rel === 'package.json' ? extendablePackageJson(await readFile(abs, 'utf8')) : undefined;
      if (!extendable) { taken.push(rel); continue; }
      const scripts = { ...((extendable.scripts as Record<string, string> | undefined) ?? {}), ...INIT_SCRIPTS };
      planned.set(rel, json({ ...extendable, scripts }));
    }
    if (taken.length > 0) {
      const files = taken.map(shown).join(', ');
      return { ...result, exitCode: 2, diagnostics: [diagnostic('init-filer-finns', { file: shown(taken[0] as string), line: 1, column: 1 }, { count: taken.length, files })] };
    }
  }

  for (const [rel, text] of planned) {
    const abs = path.join(root, rel);
    const before = await readFile(abs, 'utf8').catch(() => undefined);
    if (before === text) { result.unchanged.push(rel); continue; }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
    result.written.push(rel);
  }
  return result;
}
