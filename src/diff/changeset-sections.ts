/** Changes in the documents: sections added, removed, moved or retitled, and the prose inside each section. */
import type { DocumentModel, SectionSource } from '../model/types.ts';
import { SectionFrontMatter } from '../model/schema.ts';
import type { Change, EntityKind } from './types.ts';
import { treeToBlocks, type ProseBlock, type ProseBlockKind } from './blocks.ts';
import { diffBlocks } from './prose.ts';
import { diffFields, field } from './fields.ts';
import { matchList } from './lists.ts';
import { blockRef } from './describe.ts';
import { AREA, type Side } from './changeset.ts';

/** A section with the document it stands in. */
export interface PlacedSection {
  id: string;
  title: string;
  doc: string;
  /** "huvuddokumentet" or "bilaga 2". */
  docName: string;
  /** Heading the section's prose changes are grouped under: "Förord" or "Bilaga 1, Effektmål". */
  area: string;
  source: SectionSource;
}

const BLOCK_ENTITY: Record<ProseBlockKind, EntityKind> = { paragraph: 'stycke', heading: 'rubrik', listItem: 'listpunkt', tableRow: 'prosarad', code: 'kod', footnote: 'fotnot', directive: 'inslag', other: 'annat' };

/** The sections of every document of a side, in order. */
export function placedSections(side: Side): PlacedSection[][] {
  return side.agreement.documents.map((d: DocumentModel) => {
    const doc = d.isMain ? 'main' : d.part.id;
    const docName = d.isMain ? 'huvuddokumentet' : `bilaga ${d.part.number ?? ''}`.trim();
    return d.sections.map((s) => {
      const title = s.front?.title ?? s.ref;
      return { id: s.front?.id ?? s.ref, title, doc, docName, area: d.isMain ? title : `Bilaga ${d.part.number ?? ''}, ${title}`.replace(' ,', ','), source: s };
    });
  });
}

/** Compares the documents' sections of two sides and pushes section and prose changes. */
export function diffDocuments(before: Side, after: Side, out: Change[]): void {
  const bDocs = placedSections(before);
  const aDocs = placedSections(after);
  const bAll = new Map(bDocs.flat().map((s) => [s.id, s]));
  const aAll = new Map(aDocs.flat().map((s) => [s.id, s]));
  const bDocIds = new Set(bDocs.map((d) => d[0]?.doc));
  const aDocIds = new Set(aDocs.map((d) => d[0]?.doc));
  const docIds = [...new Set([...aDocs, ...bDocs].map((d) => d[0]?.doc).filter((x): x is string => x !== undefined))];
  const sectionChanges: Change[] = [];
  for (const docId of docIds) {
    // Sections of a bilaga that was added or removed as a whole are covered by that change.
    if (!bDocIds.has(docId) || !aDocIds.has(docId)) continue;
    const bs = bDocs.find((d) => d[0]?.doc === docId) ?? [];
    const as = aDocs.find((d) => d[0]?.doc === docId) ?? [];
    const docName = (as[0] ?? bs[0])?.docName ?? '';
    for (const m of matchList(bs, as, (s) => s.id)) {
      const s = (m.after ?? m.before) as PlacedSection;
      const base = { area: AREA.documents, path: `sections/${s.id}`, label: 'Avsnitt', entity: 'avsnitt' as const, name: s.title, section: { id: s.id } };
      if (m.before === undefined) {
        const from = bAll.get(s.id);
        const prev = m.afterIndex ? as[m.afterIndex - 1] : undefined;
        if (from) sectionChanges.push({ ...base, kind: 'moved', where: `från ${from.docName} till ${docName}` });
        else sectionChanges.push({ ...base, kind: 'added', after: s.source.text, where: prev ? `i ${docName} efter avsnittet ”${prev.title}”` : `först i ${docName}` });
      } else if (m.after === undefined) {
        if (!aAll.has(s.id)) sectionChanges.push({ ...base, kind: 'removed', before: s.source.text });
      } else if (m.moved) {
        sectionChanges.push({ ...base, kind: 'moved', where: `från plats ${(m.beforeIndex ?? 0) + 1} till plats ${(m.afterIndex ?? 0) + 1} i ${docName}` });
      }
    }
  }
  out.push(...sectionChanges);

  const fields = [field(SectionFrontMatter, 'title', 'text', { show: (v) => `”${String(v)}”` }), field(SectionFrontMatter, 'level', 'int'), field(SectionFrontMatter, 'numbered', 'bool')];
  const prose: Change[] = [];
  for (const a of aDocs.flat()) {
    const b = bAll.get(a.id);
    if (!b) continue;
    diffFields(fields, { ...b.source.front }, { ...a.source.front }, { area: AREA.documents, path: `sections/${a.id}`, entity: 'avsnitt', name: b.title, subject: `avsnittet ”${b.title}”` }, out);
    prose.push(...diffSectionProse(b, a));
  }
  out.push(...pairMovesAcrossSections(prose));
}

/** The prose changes inside one section. */
export function diffSectionProse(b: PlacedSection, a: PlacedSection): Change[] {
  if (b.source.text === a.source.text) return [];
  // The loader has parsed every section already (line numbers of the whole file): reuse its trees.
  const bBlocks = treeToBlocks(b.source.markdown.tree);
  const aBlocks = treeToBlocks(a.source.markdown.tree);
  const bIndex = new Map<ProseBlock, number>(bBlocks.map((x, i) => [x, i]));
  const aIndex = new Map<ProseBlock, number>(aBlocks.map((x, i) => [x, i]));
  const out: Change[] = [];
  for (const c of diffBlocks(bBlocks, aBlocks)) {
    if (c.type === 'equal') continue;
    const block = c.type === 'deleted' ? c.before : c.after;
    const bi = 'before' in c ? bIndex.get(c.before) : undefined;
    const ai = 'after' in c ? aIndex.get(c.after) : undefined;
    const base = {
      area: a.area, path: `sections/${a.id}/blocks/${ai ?? bi ?? 0}`, label: block.kind === 'heading' ? 'Rubrik' : 'Text', entity: BLOCK_ENTITY[block.kind],
      section: { id: a.id, ...(bi !== undefined ? { beforeIndex: bi } : {}), ...(ai !== undefined ? { afterIndex: ai } : {}) },
    };
    const updown = (from: number, to: number): string => (to < from ? 'uppåt i avsnittet' : 'nedåt i avsnittet');
    switch (c.type) {
      case 'inserted': {
        const prev = ai !== undefined && ai > 0 ? aBlocks[ai - 1] : undefined;
        out.push({ ...base, kind: 'added', after: c.after.text, where: prev ? `efter ${blockRef(BLOCK_ENTITY[prev.kind], prev.text)}` : 'först i avsnittet' });
        break;
      }
      case 'deleted': out.push({ ...base, kind: 'removed', before: c.before.text }); break;
      case 'changed': out.push({ ...base, kind: 'changed', before: c.before.text, after: c.after.text, words: c.words }); break;
      case 'moved': out.push({ ...base, kind: 'moved', before: c.before.text, after: c.after.text, where: updown(c.fromIndex, c.toIndex) }); break;
      case 'moved-changed': out.push({ ...base, kind: 'moved-changed', before: c.before.text, after: c.after.text, words: c.words, where: updown(c.fromIndex, c.toIndex) }); break;
    }
  }
  return out;
}

/** A block removed from one section and added unchanged to another is one move, not two changes. */
function pairMovesAcrossSections(changes: Change[]): Change[] {
  const removed = new Map<string, Change[]>();
  for (const c of changes) if (c.kind === 'removed') removed.set(`${c.entity}\u0000${String(c.before)}`, [...(removed.get(`${c.entity}\u0000${String(c.before)}`) ?? []), c]);
  const drop = new Set<Change>();
  for (const c of changes) {
    if (c.kind !== 'added') continue;
    const from = removed.get(`${c.entity}\u0000${String(c.after)}`)?.find((r) => !drop.has(r) && r.section?.id !== c.section?.id);
    if (!from) continue;
    drop.add(from);
    c.kind = 'moved';
    c.before = from.before;
    c.where = `från avsnittet ”${from.area}”`;
    if (c.section && from.section) c.section.fromId = from.section.id;
    if (c.section && from.section?.beforeIndex !== undefined) c.section.beforeIndex = from.section.beforeIndex;
  }
  return changes.filter((c) => !drop.has(c));
}
