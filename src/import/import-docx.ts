/**
 * `overens import`: a Word file → a new agreement folder under agreements/, with the facts moved
 * into the data, the rest kept as prose, an import report, and validation of the result.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { OrganisationData } from '../model/schema.ts';
import { validatePaths } from '../pipeline/validate.ts';
import { readDocx } from './read-docx.ts';
import { docxToHtml } from './docx-html.ts';
import { htmlToBlocks } from './html-blocks.ts';
import { splitSections } from './sections.ts';
import { detectParties } from './detect-parties.ts';
import { detectValidity } from './detect-validity.ts';
import { detectSignatures } from './detect-signatures.ts';
import { detectGoals, detectTargetGroups } from './detect-goals.ts';
import { placeFootnotes, slugify, type ImportDraft } from './draft.ts';
import { draftFiles, writeAgreementFolder } from './write-folder.ts';
import { reportText } from './report.ts';

/** What the import command was asked to do. */
export interface ImportOptions {
  file: string;
  id?: string;
  cluster?: string;
  /** The project folder holding agreements/ (default: the working directory). */
  project?: string;
  /** Where paths in diagnostics are shown relative to (default: the working directory). */
  base?: string;
}

/** The outcome: diagnostics, the report text, and the exit code by the CLI's convention. */
export interface ImportResult {
  diagnostics: Diagnostic[];
  report?: string;
  folder?: string;
  exitCode: 0 | 1 | 2;
}

const IMAGE_EXT: Record<string, string> = { 'image/png': 'png', 'image/svg+xml': 'svg', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/tiff': 'tif' };

/** Imports one .docx into a new agreement folder. */
export async function importDocx(options: ImportOptions): Promise<ImportResult> {
  const base = options.base ?? process.cwd();
  const show = (p: string) => path.relative(base, p).split(path.sep).join('/') || '.';
  const file = path.resolve(base, options.file);
  const at = { file: show(file), line: 1, column: 1 };
  const usage = (code: Parameters<typeof diagnostic>[0], facts: Record<string, string | number>): ImportResult => ({ diagnostics: [diagnostic(code, at, facts)], exitCode: 2 });

  const root = path.resolve(base, options.project ?? '.');
  const agreementsDir = path.join(root, 'agreements');
  const registryFile = path.join(agreementsDir, 'organisations.yaml');
  if (!(await access(registryFile).then(() => true, () => false))) {
    return { diagnostics: [diagnostic('import-inget-projekt', { file: show(root), line: 1, column: 1 }, { path: show(root) })], exitCode: 2 };
  }
  if (options.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,79}$/.test(options.id)) return usage('import-ogiltigt-id', { value: options.id });
  const id = options.id ?? slugify(path.basename(file).replace(/\.[^.]+$/, ''));
  const target = path.join(agreementsDir, id);
  if (await access(target).then(() => true, () => false)) return usage('import-mapp-finns', { path: show(target) });

  const read = await readDocx(file);
  if (!read.ok) return usage(read.problem.code, read.problem.facts);
  let html: Awaited<ReturnType<typeof docxToHtml>>;
  try {
    html = await docxToHtml(read.pkg);
  } catch (err) {
    // mammoth throws on XML it cannot parse: the file is damaged, not our bug.
    return usage('import-trasig', { detail: err instanceof Error ? err.message.slice(0, 160) : 'okänt fel' });
  }
  const doc = htmlToBlocks(html.html);
  const split = splitSections(doc.blocks);
  if (split.sections.length === 0 && !split.title) return { diagnostics: [diagnostic('import-ingen-text', at)], exitCode: 1 };

  const registry = (YAML.parse(await readFile(registryFile, 'utf8'))?.organisations ?? []) as OrganisationData[];
  const placed = placeFootnotes(split.sections, doc.footnotes);
  const fileDate = html.core.created ?? html.core.modified;
  const draft: ImportDraft = {
    id,
    title: split.title ?? html.core.title ?? path.basename(file).replace(/\.[^.]+$/, ''),
    ...(split.subtitle ? { subtitle: split.subtitle } : {}),
    cluster: options.cluster ?? '',
    clusterGuessed: options.cluster === undefined,
    numbering: split.numbering,
    sections: split.sections,
    footnotes: doc.footnotes,
    footnoteOrder: placed.order,
    footnoteHome: placed.home,
    parties: [],
    newOrganisations: [],
    registry,
    signatories: [],
    targetGroups: [],
    goals: [],
    areas: [],
    tables: [],
    figures: [],
    figureFiles: new Map(),
    report: [...split.report],
    ...(fileDate ? { fileDate } : {}),
  };
  for (const img of html.images) {
    draft.figureFiles.set(`#${img.index}`, img.data);
    draft.figureFiles.set(`#${img.index}:ext`, Buffer.from(IMAGE_EXT[img.contentType] ?? 'bin'));
  }
  if (html.contentsParagraphs > 0) {
    draft.report.push({ kind: 'fakta', text: `Word-filens innehållsförteckning (${html.contentsParagraphs} stycken) togs bort; bygget gör en egen med sidnummer.`, where: 'Word-filens innehållsförteckning' });
  }
  if (!split.title) draft.report.push({ kind: 'kontrollera', text: `Hittade ingen rubrik; title: är satt till "${draft.title}".`, where: 'Word-filens början' });
  detectParties(draft);
  detectTargetGroups(draft);
  detectGoals(draft);
  detectValidity(draft);
  detectSignatures(draft);
  if (draft.parties.length === 0) {
    draft.report.push({ kind: 'kontrollera', text: 'Hittade inga parter (ett avsnitt "Parter" med organisationsnummer, eller underskrifter "För <organisation>"). Lägg till dem under parties:.', where: 'hela Word-filen' });
  }
  if (!draft.cluster) {
    const names = draft.parties.map((p) => registry.concat(draft.newOrganisations).find((o) => o.id === p.organisation)).filter((o) => o?.kind === 'kommun').map((o) => o!.shortName ?? o!.name.replace(/ kommun$/, ''));
    draft.cluster = names.length > 0 ? names.join(', ').replace(/, ([^,]*)$/, ' och $1') : draft.title;
    draft.report.push({ kind: 'gissning', text: `Klustret heter "${draft.cluster}" (${names.length > 0 ? 'efter kommunerna bland parterna' : 'efter rubriken'}); ange det med --kluster eller rätta cluster: i agreement.yaml.`, where: 'parterna' });
  }
  draft.report.push({ kind: 'gissning', text: 'Dokumentslaget är "overenskommelse" och revisionens status "forslag"; ändra kind: och revision.status om det inte stämmer.', where: 'agreement.yaml' });

  const source = path.basename(file);
  const files = draftFiles(draft, source);
  if (!(await writeAgreementFolder(agreementsDir, id, files, draft.newOrganisations))) return usage('import-mapp-finns', { path: show(target) });
  const validated = await validatePaths([target], { base });
  return {
    diagnostics: validated.diagnostics,
    report: reportText(draft),
    folder: show(target),
    exitCode: validated.diagnostics.some((d) => d.severity === 'fel') ? 1 : 0,
  };
}
