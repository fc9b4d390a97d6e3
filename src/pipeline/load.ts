/**
 * Loading: finds the project and its agreements from the paths the user named, reads and
 * parses every file, and validates each against its schema. What fails to load is reported
 * and left out; the rest goes on, so one bad file does not hide the next.
 */
import { existsSync, lstatSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, failureIn, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { FileKind, OrganisationsFileData, AgreementFileData, SectionFrontMatterData, CycleFileData } from '../model/schema.ts';
import type { AgreementFacts, AgreementModel, DocumentModel, ProjectModel, SectionSource } from '../model/types.ts';
import { readSource, resolveInside } from './read.ts';
import { parseYaml, type ParsedYaml } from './parse-yaml.ts';
import { parseMarkdown, type ParsedMarkdown } from './parse-markdown.ts';
import { validateSchema } from './validate-schema.ts';
import { openTreeStore, type TreeStore } from './tree-cache.ts';
export { resolveTarget } from './resolve-target.ts';

/** Options shared by every stage: where paths are shown from. */
export interface LoadOptions {
  /** Paths in diagnostics are relative to this folder (default: the working directory). */
  base?: string;
  /**
   * Parses shared between loads in one process (both sides of a comparison): a file shown under
   * the same path with the same text is parsed once. Parsed files are only read after loading.
   */
  parses?: ParseMemo;
}

/** Parsed files by kind, shown path and text. */
export type ParseMemo = Map<string, ParsedYaml | ParsedMarkdown>;

function parsedOnce<T extends ParsedYaml | ParsedMarkdown>(memo: ParseMemo | undefined, kind: 'yaml' | 'md', file: string, text: string, parse: () => T): T {
  if (!memo) return parse();
  const key = `${kind}\0${file}\0${text}`;
  let hit = memo.get(key) as T | undefined;
  if (!hit) { hit = parse(); memo.set(key, hit); }
  return hit;
}

/** What loading gives: the project (when one was found) and every diagnostic so far. */
export interface LoadResult {
  project?: ProjectModel;
  diagnostics: Diagnostic[];
}

const FACT_FILES: [string, FileKind, keyof AgreementFacts][] = [
  ['goals.yaml', 'goals', 'goals'],
  ['organisation.yaml', 'organisation', 'organisation'],
  ['job-tracks.yaml', 'job-tracks', 'jobTracks'],
  ['budget.yaml', 'budget', 'budget'],
  // Written by `overens adopt`; loaded for the revision history, kept out of the source hash (hash.ts).
  ['register.yaml', 'register', 'register'],
  // Follow-up and årshjul (issue 13): loaded like the others, kept out of the source hash (hash.ts).
  ['outcomes.yaml', 'outcomes', 'outcomes'],
  ['cycle.yaml', 'cycle', 'cycle'],
];

const exists = async (p: string) => existsSync(p);

/** Loads the project at `root`: the registry and every agreement (or only one). */
export async function loadProject(root: string, only: readonly string[] | undefined, options: LoadOptions = {}): Promise<LoadResult> {
  const { project, diagnostics, show } = await loadProjectFiles(root, options);
  const { folders: wanted, named } = await agreementFolders(root, only);
  // Several agreements load at once (only the walk for unused sections still waits on the disk:
  // source files are read synchronously); the order stays the folders'.
  const models = await mapLimit(wanted, LOAD_CONCURRENCY, async (dir) => {
    const out: Diagnostic[] = [];
    const model = await loadAgreement(root, dir, show, out, options.parses);
    return { model, out };
  });
  for (const m of models) {
    diagnostics.push(...m.out);
    if (m.model) project.agreements.push(m.model);
  }
  if (named === 0) diagnostics.push(noAgreement(root, show));
  return { project, diagnostics };
}

/** The project at `root` with its shared files (registry, årshjul) loaded and no agreements yet. */
export async function loadProjectFiles(root: string, options: LoadOptions = {}): Promise<{ project: ProjectModel; diagnostics: Diagnostic[]; show: (abs: string) => string }> {
  const base = options.base ?? process.cwd();
  const show = (abs: string) => path.relative(base, abs).split(path.sep).join('/') || '.';
  const diagnostics: Diagnostic[] = [];
  const project: ProjectModel = { root, organisations: new Map(), agreements: [] };

  const registryPath = path.join(root, 'agreements', 'organisations.yaml');
  const registry = await loadYaml(registryPath, show(registryPath), 'organisations', diagnostics, options.parses);
  if (registry) {
    project.organisationsSource = registry.parsed.source;
    project.organisationsText = registry.text;
    for (const org of (registry.data as OrganisationsFileData).organisations) project.organisations.set(org.id, org);
  }

  const sharedCyclePath = path.join(root, 'agreements', 'cycle.yaml');
  if (await exists(sharedCyclePath)) {
    const shared = await loadYaml(sharedCyclePath, show(sharedCyclePath), 'cycle', diagnostics, options.parses);
    if (shared) { project.cycle = shared.data as CycleFileData; project.cycleSource = shared.parsed.source; }
  }
  return { project, diagnostics, show };
}

/**
 * The agreement folders of the project (absolute, sorted): those with an agreement.yaml, of all or of
 * the named ones; `named` counts the folders looked at (none: the project has no agreement).
 */
export async function agreementFolders(root: string, only?: readonly string[]): Promise<{ folders: string[]; named: number }> {
  const agreementsDir = path.join(root, 'agreements');
  const entries = await readdir(agreementsDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const wanted = only && only.length > 0 ? folders.filter((f) => only.includes(f)) : folders;
  const out: string[] = [];
  for (const name of wanted) if (await exists(path.join(agreementsDir, name, 'agreement.yaml'))) out.push(path.join(agreementsDir, name));
  return { folders: out, named: wanted.length };
}

/** Loads one agreement folder of a project whose shared files are loaded; its problems go to `out`. */
export function loadAgreementFolder(project: ProjectModel, dir: string, show: (abs: string) => string, out: Diagnostic[], parses?: ParseMemo): Promise<AgreementModel | undefined> {
  return loadAgreement(project.root, dir, show, out, parses);
}

/** The diagnostic for a project without agreements. */
export function noAgreement(root: string, show: (abs: string) => string): Diagnostic {
  const agreementsDir = path.join(root, 'agreements');
  return diagnostic('ingen-overenskommelse', { file: show(agreementsDir), line: 1, column: 1 }, { path: show(agreementsDir) });
}

/** Agreements loaded at the same time. */
const LOAD_CONCURRENCY = 8;

/** `fn` over `items`, at most `limit` at a time; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface LoadedYaml { text: string; parsed: ParsedYaml; data: unknown }

async function loadYaml(abs: string, file: string, kind: FileKind, out: Diagnostic[], parses?: ParseMemo): Promise<LoadedYaml | undefined> {
  const read = await readSource(abs, file);
  if (!read.ok) { out.push(...read.diagnostics); return undefined; }
  const parsed = parsedOnce(parses, 'yaml', file, read.text, () => parseYaml(read.text, file));
  out.push(...parsed.diagnostics);
  if (parsed.data === undefined) return undefined;
  if (kind === 'organisations') numbersAsOrgnrText(parsed.data);
  const schemaDiagnostics = validateSchema(kind, parsed.data, parsed.source);
  out.push(...schemaDiagnostics);
  return schemaDiagnostics.length > 0 ? undefined : { text: read.text, parsed, data: parsed.data };
}

/**
 * YAML reads an unquoted orgnr such as 2120002627 as a number; it is accepted as the text of its
 * digits (the orgnr check then normalises it to 212000-2627 or reports a wrong length).
 */
function numbersAsOrgnrText(data: unknown): void {
  const list = (data as { organisations?: unknown } | null)?.organisations;
  if (!Array.isArray(list)) return;
  for (const org of list) {
    if (org && typeof org === 'object' && Number.isInteger((org as { orgnr?: unknown }).orgnr)) {
      (org as { orgnr: unknown }).orgnr = String((org as { orgnr: number }).orgnr);
    }
  }
}

async function loadAgreement(root: string, dir: string, show: (abs: string) => string, out: Diagnostic[], parses?: ParseMemo): Promise<AgreementModel | undefined> {
  const mainPath = path.join(dir, 'agreement.yaml');
  const main = await loadYaml(mainPath, show(mainPath), 'agreement', out, parses);
  const texts = new Map<string, string>();
  const sources: AgreementModel['sources'] = {};
  const facts: AgreementFacts = {};
  const failedFiles = new Set<string>();
  for (const [fileName, kind, key] of FACT_FILES) {
    const abs = path.join(dir, fileName);
    if (!(await exists(abs))) continue;
    const loaded = await loadYaml(abs, show(abs), kind, out, parses);
    if (!loaded) { failedFiles.add(fileName); continue; }
    texts.set(abs, loaded.text);
    sources[fileName] = loaded.parsed.source;
    (facts as Record<string, unknown>)[key] = loaded.data;
  }
  if (!main) return undefined;
  texts.set(mainPath, main.text);
  sources['agreement.yaml'] = main.parsed.source;
  const agreement = main.data as AgreementFileData;

  const documents: DocumentModel[] = [];
  const trees = await openTreeStore(show(dir));
  const parts: [AgreementFileData['main'], boolean, (string | number)[]][] = [
    [agreement.main, true, ['main']],
    ...(agreement.bilagor ?? []).map((b, i): [AgreementFileData['main'], boolean, (string | number)[]] => [b, false, ['bilagor', i]]),
  ];
  const seen = new Set<string>();
  for (const [part, isMain, docPath] of parts) {
    const sections: SectionSource[] = [];
    for (const [i, ref] of part.sections.entries()) {
      const at = placeOf(main.parsed.source, [...docPath, 'sections', i]);
      // Sections belong to the agreement: the schema and the hint say "in the agreement's folder".
      // A symbolic link is refused for what it is (wherever it points), and counts as named, so
      // it is not also reported as a file that no document uses.
      const lexical = path.resolve(dir, ref);
      if (lstatSync(lexical, { throwIfNoEntry: false })?.isSymbolicLink()) {
        seen.add(lexical);
        out.push(diagnostic('symbolisk-lank', at, { path: ref }));
        continue;
      }
      const abs = await resolveInside(dir, dir, ref);
      if (!abs) { out.push(diagnostic('sokvag-utanfor', at, { path: ref, root: 'överenskommelsens mapp' })); continue; }
      if (seen.has(abs)) { out.push(diagnostic('avsnitt-dubblett', at, { path: ref })); continue; }
      seen.add(abs);
      if (!(await exists(abs))) { out.push(diagnostic('fil-saknas', at, { path: ref, where: 'agreement.yaml' })); continue; }
      const section = await loadSection(abs, ref, show(abs), out, parses, trees);
      if (section) { sections.push(section); texts.set(abs, section.text); }
    }
    documents.push({ part, isMain, path: docPath, sections });
  }
  trees?.save();
  await reportUnusedSections(dir, seen, show, out);
  return { id: path.basename(dir), dir, agreement, documents, sources, texts, failedFiles, ...facts };
}

async function loadSection(abs: string, ref: string, file: string, out: Diagnostic[], parses?: ParseMemo, trees?: TreeStore): Promise<SectionSource | undefined> {
  const read = await readSource(abs, file);
  if (!read.ok) { out.push(...read.diagnostics); return undefined; }
  let markdown: ParsedMarkdown;
  try {
    markdown = parsedOnce(parses, 'md', file, read.text, () => parseMarkdown(read.text, file, trees));
  } catch {
    out.push(failureIn(file, 'tolkning av Markdown'));
    return undefined;
  }
  out.push(...markdown.diagnostics);
  let front: SectionFrontMatterData | undefined;
  if (markdown.frontMatter?.data !== undefined) {
    const d = validateSchema('section', markdown.frontMatter.data, markdown.frontMatter.source);
    out.push(...d);
    if (d.length === 0) front = markdown.frontMatter.data as SectionFrontMatterData;
  }
  return { ref, abs, file, text: read.text, markdown, ...(front ? { front } : {}) };
}

async function reportUnusedSections(dir: string, used: Set<string>, show: (abs: string) => string, out: Diagnostic[]): Promise<void> {
  const walk = async (d: string): Promise<string[]> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : Promise.resolve(e.name.endsWith('.md') ? [path.join(d, e.name)] : []))));
    return nested.flat();
  };
  for (const md of (await walk(dir)).sort()) {
    if (!used.has(md) && !['readme.md', 'import.md'].includes(path.basename(md).toLowerCase())) out.push(diagnostic('avsnitt-oanvant', { file: show(md), line: 1, column: 1 }, { path: show(md) }));
  }
}
