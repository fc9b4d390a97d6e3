/**
 * The draft → files of a new agreement folder, written into a temporary folder beside it and
 * renamed into place only when every file is written; organisations.yaml gets the new
 * organisations appended (its comments and layout kept) in the same last step.
 */
import { access, mkdtemp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { AgreementFileData, OrganisationData } from '../model/schema.ts';
import { type ImportDraft } from './draft.ts';
import { sectionBody, sectionFile } from './to-markdown.ts';
import { reportMarkdown } from './report.ts';

const yaml = (schema: string, comment: string, data: unknown) =>
  `# yaml-language-server: $schema=../../schema/${schema}.schema.json\n# ${comment}\n${YAML.stringify(data, { lineWidth: 0 })}`;

const FOOTNOTE_REF = /\[\^fn-(\d+)\]/g;

/** Every file of the agreement folder, by path inside it. */
export function draftFiles(draft: ImportDraft, source: string): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  const order = draft.footnoteOrder;
  const firstSection = draft.footnoteHome;
  const renumber = (text: string) => text.replace(FOOTNOTE_REF, (_, id: string) => `[^fn-${order.get(id) ?? id}]`);
  const bodies = draft.sections.map((s) => sectionBody(draft, s));
  const sectionPaths = draft.sections.map((s, i) => sectionFile(i, s));
  const agreement: AgreementFileData = {
    id: draft.id,
    kind: 'overenskommelse',
    title: draft.subtitle ? `${draft.title} ${draft.subtitle}` : draft.title,
    cluster: draft.cluster,
    revision: { id: draft.validity!.from.slice(0, 4), date: draft.validity!.from, status: 'forslag' },
    parties: draft.parties,
    validity: draft.validity!,
    ...(draft.decision ? { decision: draft.decision } : {}),
    signatories: draft.signatories,
    main: {
      id: 'overenskommelse',
      title: draft.title,
      ...(draft.subtitle ? { subtitle: draft.subtitle } : {}),
      ...(draft.numbering > 0 ? { numbering: draft.numbering } : { numbering: 0 }),
      sections: sectionPaths,
    },
    ...(draft.figures.length > 0 ? { figures: draft.figures } : {}),
    ...(draft.targetGroups.length > 0 ? { targetGroups: draft.targetGroups } : {}),
  };
  const yamlFiles = new Map<string, string>();
  yamlFiles.set('agreement.yaml', yaml('agreement', `Importerad från ${source} av overens import; se IMPORT.md för vad som ska kontrolleras.`, agreement));
  if (draft.goals.length > 0) yamlFiles.set('goals.yaml', yaml('goals', `Mål och indikatorer importerade från ${source}.`, { ...(draft.areas.length > 0 ? { areas: draft.areas } : {}), goals: draft.goals }));
  if (draft.tables.length > 0) yamlFiles.set('organisation.yaml', yaml('organisation', `Tabeller med listor i cellerna, importerade från ${source}.`, { tables: draft.tables }));
  const used = new Set<string>();
  const allText = [...bodies, ...yamlFiles.values()].join('\n');
  for (const m of allText.matchAll(FOOTNOTE_REF)) used.add(m[1]!);
  draft.sections.forEach((s, i) => {
    const defs: string[] = [];
    for (const [id, text] of draft.footnotes) {
      if ((firstSection.get(id) ?? 0) !== i) continue;
      if (used.has(id)) defs.push(`[^fn-${id}]: ${text}`);
      else {
        defs.push(`Fotnot: ${text}`);
        draft.report.push({ kind: 'kontrollera', text: `Fotnot ${order.get(id)} hänvisades till från text som blev uppgifter, så den står som vanlig text sist i avsnittet "${s.title}".`, where: `Word-filens fotnot ${order.get(id)}` });
      }
    }
    const front = YAML.stringify({ id: s.id, title: s.title, ...(draft.numbering > 0 && !s.numbered ? { numbered: false } : {}) }, { lineWidth: 0 });
    const body = [bodies[i], defs.join('\n\n')].filter((x) => x && x.trim()).join('\n\n');
    files.set(sectionPaths[i]!, renumber(`---\n${front}---\n\n${body}\n`));
  });
  for (const [p, text] of yamlFiles) files.set(p, renumber(text));
  for (const [key, data] of draft.figureFiles) if (key.startsWith('figures/')) files.set(key, data);
  files.set('IMPORT.md', renumber(reportMarkdown(draft, source)));
  return files;
}

/** organisations.yaml with the new organisations appended at the end of its list. */
export function appendOrganisations(text: string, orgs: readonly OrganisationData[]): string {
  if (orgs.length === 0) return text;
  const indent = /^( *)- id:/m.exec(text)?.[1] ?? '  ';
  const block = YAML.stringify(orgs.map((o) => ({ ...o })), { lineWidth: 0 })
    .split('\n')
    .filter(Boolean)
    .map((l) => `${indent}${l}`)
    .join('\n');
  return `${text.replace(/\s*$/, '')}\n${block}\n`;
}

const exists = (p: string) => access(p).then(() => true, () => false);

/** Writes the folder under agreements/ via a temporary folder; false when the target appeared meanwhile. */
export async function writeAgreementFolder(agreementsDir: string, id: string, files: Map<string, string | Buffer>, newOrgs: readonly OrganisationData[]): Promise<boolean> {
  const target = path.join(agreementsDir, id);
  const tmp = await mkdtemp(path.join(agreementsDir, '.import-'));
  try {
    for (const [rel, data] of files) {
      const abs = path.join(tmp, rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, data);
    }
    const orgFile = path.join(agreementsDir, 'organisations.yaml');
    let orgTmp: string | undefined;
    if (newOrgs.length > 0) {
      orgTmp = path.join(tmp, '.organisations.yaml');
      await writeFile(orgTmp, appendOrganisations(await readFile(orgFile, 'utf8'), newOrgs));
    }
    if (await exists(target)) return false;
    if (orgTmp) await rename(orgTmp, orgFile);
    await rename(tmp, target);
    return true;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
