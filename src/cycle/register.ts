/**
 * The register of adopted revisions, `agreements/<id>/register.yaml`: which revision was adopted,
 * when and by whom, from which commit, with which source hash and which PDF bytes. Written only by
 * `overens adopt`; it is rendered as the revision history but is never part of the source hash.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RegisterEntryData, RegisterFileData } from '../model/schema.ts';
import { readSource } from '../pipeline/read.ts';
import { parseYaml } from '../pipeline/parse-yaml.ts';
import { validateSchema } from '../pipeline/validate-schema.ts';
import { REGISTER_FILE } from '../pipeline/hash.ts';

export { REGISTER_FILE };

/** The register file of an agreement folder. */
export function registerPath(agreementDir: string): string {
  return path.join(agreementDir, REGISTER_FILE);
}

/** A register as read: its entries (empty when the file does not exist) and any problems with it. */
export interface ReadRegister {
  exists: boolean;
  entries: RegisterEntryData[];
  diagnostics: Diagnostic[];
}

/** Reads and validates an agreement's register.yaml; `file` is the path shown in diagnostics. */
export async function readRegister(agreementDir: string, file = path.join(path.basename(agreementDir), REGISTER_FILE)): Promise<ReadRegister> {
  const abs = registerPath(agreementDir);
  if (!(await stat(abs).then(() => true, () => false))) return { exists: false, entries: [], diagnostics: [] };
  const read = await readSource(abs, file);
  if (!read.ok) return { exists: true, entries: [], diagnostics: read.diagnostics };
  const parsed = parseYaml(read.text, file);
  if (parsed.data === undefined || parsed.diagnostics.length > 0) return { exists: true, entries: [], diagnostics: parsed.diagnostics };
  const problems = validateSchema('register', parsed.data, parsed.source);
  if (problems.length > 0) return { exists: true, entries: [], diagnostics: problems };
  return { exists: true, entries: [...(parsed.data as RegisterFileData).adopted], diagnostics: [] };
}

/** Entries in decision order: by date, and in file order on the same date. */
export function inDecisionOrder(entries: readonly RegisterEntryData[]): RegisterEntryData[] {
  return entries.map((e, i) => ({ e, i })).sort((x, y) => x.e.date.localeCompare(y.e.date) || x.i - y.i).map((x) => x.e);
}

/** The most recently adopted entry (latest decision date; the later one in the file on a tie). */
export function newestEntry(entries: readonly RegisterEntryData[]): RegisterEntryData | undefined {
  return inDecisionOrder(entries).at(-1);
}

/**
 * The entries a document of revision `current` shows as its revision history: every adopted revision
 * except `current` itself, so that adopting a revision does not change the bytes of its own document
 * (the adopted PDF can be built again, byte for byte, after the entry is written).
 */
export function historyEntries(register: RegisterFileData | undefined, current: string): RegisterEntryData[] {
  return inDecisionOrder((register?.adopted ?? []).filter((e) => e.revision !== current));
}

const HEADER = [
  'yaml-language-server: $schema=../../schema/register.schema.json',
  'Antagna revisioner. Skrivs av "overens adopt"; ändra inte för hand. Filen räknas inte in i',
  'källornas hash, så en antagen commits källor har samma hash före och efter att posten skrivits.',
].map((l) => ` ${l}`).join('\n');

/**
 * Adds an entry to the register (creating the file when needed), or replaces the entries of the same
 * revision when `replace` is set; comments and the other entries are kept as they were.
 */
export async function writeRegisterEntry(agreementDir: string, entry: RegisterEntryData, replace: boolean): Promise<void> {
  const abs = registerPath(agreementDir);
  const text = await readFile(abs, 'utf8').catch(() => undefined);
  const doc = text === undefined ? parseDocument('adopted: []\n') : parseDocument(text);
  if (text === undefined) doc.commentBefore = HEADER;
  let seq = doc.get('adopted', true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('adopted', seq);
  }
  const list = seq as YAMLSeq;
  list.flow = false;
  const node = doc.createNode(entryForYaml(entry));
  const revisionOf = (item: unknown): unknown => (isMap(item) ? String(item.get('revision')) : undefined);
  const same = list.items.findIndex((item) => revisionOf(item) === entry.revision);
  if (replace && same >= 0) {
    // The register holds one entry per revision: the first is replaced, any later ones dropped.
    list.items = list.items.flatMap((item, i) => (i === same ? [node] : revisionOf(item) === entry.revision ? [] : [item]));
  } else list.items.push(node);
  await writeFile(abs, doc.toString({ lineWidth: 0 }));
}

/** Key order as written in the file (matches the schema). */
function entryForYaml(e: RegisterEntryData): Record<string, string> {
  return {
    revision: e.revision,
    date: e.date,
    body: e.body,
    commit: e.commit,
    sourceHash: e.sourceHash,
    pdfSha256: e.pdfSha256,
    ...(e.pdfFile ? { pdfFile: e.pdfFile } : {}),
  };
}
