/**
 * Composition: turns an agreement of the model into the view the templates lay out. Everything that
 * decides something happens here, in reading order, so that heading numbers, ids and footnote numbers
 * come out the same on every run: the title page, the table of contents, each document (the main
 * document, then the bilagor) with its sections, headings, directive blocks and footnotes.
 */
import type { FootnoteDefinition, Root } from 'mdast';
import { directiveOf } from '../model/directives.ts';
import { ContentFailure, failureIn } from '../diagnostics/diagnostic.ts';
import type { AgreementModel, DocumentModel, ProjectModel, SectionSource } from '../model/types.ts';
import type { Labels } from './labels.ts';
import {
  blocksToHtml, footnoteDefinitions, inlineToHtml, phrasingToHtml, slugify,
  type FootnoteRefPlacement, type HeadingPlacement, type MarkdownContext,
} from './markdown-html.ts';
import { directiveBlock, type Block, type FactEnv } from './compose-facts.ts';
import { nextDecisionLine, organisationOf, partyName, validityLine } from './compose-format.ts';
import { shortHash } from './hash.ts';
import { fieldMark } from './field-marks.ts';
import { partyItem } from './compose-item.ts';
import { historyEntries } from '../cycle/register.ts';

/** One entry of the table of contents, with nested entries. */
export interface TocEntry {
  id: string;
  num?: string;
  text: string;
  /** Set for a placeholder bilaga: the contents marks it as not included. */
  missing?: string;
  children: TocEntry[];
}

/** The footnotes shown at the end of a top-level section. */
export interface FootnotesView {
  headingId: string;
  level: number;
  start: number;
  items: { id: string; n: number; inline?: string; blocks?: string; backlinks: { href: string; label: string }[] }[];
}

/** One section file as laid out: its heading and its blocks, and the footnotes that end its group. */
export interface SectionView {
  id: string;
  /** The model path of the section, as the revision diff names it ("sections/<id>"). */
  item: string;
  level: number;
  num?: string;
  title: string;
  classes: string;
  blocks: Block[];
  footnotes?: FootnotesView;
}

/** The main document or a bilaga as laid out. */
export interface DocumentView {
  id: string;
  /** The model path of the document: "main" or "bilagor/<id>". */
  item: string;
  isMain: boolean;
  classes: string;
  /** For a bilaga: its heading ("Bilaga 1" + title); the main document's heading is the title page. */
  heading?: { id: string; label: string; title: string };
  placeholderNote?: string;
  sections: SectionView[];
}

/** The title page facts. */
export interface TitlePageView {
  kind: string;
  title: string;
  subtitle?: string;
  parties: { item: string; name: string; orgnr: string; unit?: string; deciding: boolean }[];
  revision: string;
  validity: string;
  decision?: string;
  nextDecision?: string;
}

/** The revision history from register.yaml: the earlier adopted revisions, oldest first. */
export interface RevisionHistoryView {
  headingId: string;
  rows: { revision: string; date: string; body: string; hash: string }[];
}

/** Everything the layout needs for one agreement. */
export interface AgreementView {
  titlePage: TitlePageView;
  toc: TocEntry[];
  tocHeadingId: string;
  revisionHistory?: RevisionHistoryView;
  documents: DocumentView[];
  description: string;
  author: string;
  keywords: string[];
}

const RESERVED_IDS = ['main', 'innehall', 'titelsida'];

/** Hands out ids that are unique across the whole HTML (suffix -2, -3 … on collision). */
class IdRegistry {
  private used = new Set<string>(RESERVED_IDS);
  take(base: string): string {
    const clean = base.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'avsnitt';
    let id = clean;
    for (let i = 2; this.used.has(id); i++) id = `${clean}-${i}`;
    this.used.add(id);
    return id;
  }
}

interface FootnoteState { n: number; id: string; group: string; groupLevel: number; refs: string[] }

/** Numbering state of one document: heading counters, footnotes, the current group. */
class DocumentState {
  counters = [0, 0, 0, 0, 0, 0, 0];
  lastLevel = 0;
  footnotes = new Map<string, FootnoteState>();
  group = { id: '', level: 2 };
  toc: { level: number; entry: TocEntry }[] = [];

  constructor(readonly prefix: string, readonly numbering: number, readonly baseLevel: number) {}

  /** Logical level (1 = top) clamped so no level is skipped. */
  logical(wanted: number): number {
    const l = Math.max(1, Math.min(wanted, this.lastLevel + 1));
    this.lastLevel = l;
    return l;
  }

  number(logical: number, numbered: boolean): string | undefined {
    if (!numbered || logical > this.numbering) return undefined;
    this.counters[logical - 1] = (this.counters[logical - 1] ?? 0) + 1;
    for (let i = logical; i < this.counters.length; i++) this.counters[i] = 0;
    const parts = this.counters.slice(0, logical).map((c) => Math.max(c, 1));
    return logical === 1 ? `${parts[0]}.` : parts.join('.');
  }

  html(logical: number): number {
    return Math.min(6, this.baseLevel + logical - 1);
  }
}

/** Compose the view of one agreement; `labels` supplies every fixed text. */
export async function composeAgreement(project: ProjectModel, model: AgreementModel, labels: Labels): Promise<AgreementView> {
  const a = model.agreement;
  const ids = new IdRegistry();
  const defs = footnoteDefinitions(model.documents.flatMap((d) => d.sections.map((s) => s.markdown.tree)));
  const org = (id: string) => organisationOf(project, id);
  const figureCount = { n: 0 };

  // Bilaga heading ids first, so ::bilagor in the main document can link to them.
  const bilagaIds = new Map<string, string>();
  for (const doc of model.documents) if (!doc.isMain) bilagaIds.set(doc.part.id, ids.take(`bilaga-${doc.part.number ?? ''}-${doc.part.id}`.replace(/--/g, '-')));

  const toc: TocEntry[] = [];
  const documents: DocumentView[] = [];
  for (const doc of model.documents) {
    const headingId = doc.isMain ? undefined : bilagaIds.get(doc.part.id);
    const state = new DocumentState(doc.isMain ? '' : `${doc.part.id}-`, doc.part.numbering ?? 0, doc.isMain ? 2 : 3);
    const sections: SectionView[] = [];
    let groupStart = 0;
    const flush = (): void => {
      const last = sections[sections.length - 1];
      if (!last || sections.length === groupStart) return;
      const view = footnotesView(state, defs, labels, mdFor(state, ids, defs, labels));
      if (view) last.footnotes = view;
      groupStart = sections.length;
    };
    for (const section of doc.sections) {
      const front = section.front;
      const logical = state.logical(front?.level ?? 1);
      if (logical === 1) flush();
      const level = state.html(logical);
      const num = state.number(logical, front?.numbered !== false);
      const sectionId = ids.take(`${state.prefix}${front?.id ?? slugify(section.ref)}`);
      const title = front?.title ?? section.ref;
      if (logical === 1) state.group = { id: sectionId, level };
      state.toc.push({ level: logical, entry: { id: sectionId, ...(num ? { num } : {}), text: title, children: [] } });
      const md = mdFor(state, ids, defs, labels, sectionId, logical);
      const blocks = await guarded(section.file, () => sectionBlocks(section, {
        project, agreement: model, labels, md, inline: (t) => inlineToHtml(t, md), headingLevel: () => state.html(state.lastLevel),
        uniqueId: (b) => ids.take(b), bilagaIds, figureCount,
      }));
      const classes = ['section', `level-${logical}`];
      if (front?.pageBreak === true) classes.push('page-break');
      if (section.markdown.tree.children.some((n, i) => directiveOf(n, i)?.name === 'underskrifter')) classes.push('signatures-section');
      sections.push({ id: sectionId, item: `sections/${front?.id ?? section.ref}`, level, ...(num ? { num } : {}), title, classes: classes.join(' '), blocks });
    }
    flush();
    const nested = nest(state.toc);
    if (doc.isMain) toc.push(...nested);
    else {
      const label = labels.t('bilagaNumbered', { number: doc.part.number ?? '' });
      const missing = doc.part.placeholder === true ? { missing: labels.t('tocPlaceholder') } : {};
      toc.push({ id: headingId ?? doc.part.id, text: `${label} ${doc.part.title}`, ...missing, children: doc.part.placeholder === true ? [] : nested });
    }
    documents.push(documentView(doc, headingId, sections, labels));
  }

  const parties = a.parties.map((p) => ({
    item: partyItem(org(p.organisation).orgnr, p.organisation),
    ...partyName(org(p.organisation).name, p.unit),
    orgnr: org(p.organisation).orgnr,
    deciding: p.role === 'beslutande',
  }));
  const kind = labels.t(`kinds.${a.kind}`);
  const status = a.revision.status ? ` (${labels.t(`revisionStatus.${a.revision.status}`)})` : '';
  const decision = a.decision ? labels.t('decidedBy', { date: fieldMark('decision/date', a.decision.date), body: fieldMark('decision/body', a.decision.body) }) : undefined;
  const next = nextDecisionLine(a, labels, fieldMark);
  const subtitle = a.subtitle ?? model.documents.find((d) => d.isMain)?.part.subtitle;
  const history = historyEntries(model.register, a.revision.id);
  const revisionHistory: RevisionHistoryView | undefined = history.length === 0 ? undefined : {
    headingId: ids.take('revisionshistorik'),
    rows: history.map((e) => ({ revision: e.revision, date: e.date, body: e.body, hash: shortHash(e.sourceHash) })),
  };
  return {
    titlePage: {
      kind, title: a.title, ...(subtitle ? { subtitle } : {}), parties,
      revision: `${fieldMark('revision/id', a.revision.id)}${status}`,
      validity: validityLine(a, labels, fieldMark) + (a.validity.revisedYearly === true ? `, ${labels.t('revisedYearly').toLowerCase()}` : ''),
      ...(decision ? { decision } : {}), ...(next ? { nextDecision: next } : {}),
    },
    toc,
    tocHeadingId: 'innehall',
    ...(revisionHistory ? { revisionHistory } : {}),
    documents,
    description: subtitle ?? `${kind} – ${a.cluster}`,
    author: a.parties.map((p) => org(p.organisation).name).join(', '),
    keywords: [a.cluster, kind, a.revision.id, ...a.parties.map((p) => org(p.organisation).shortName ?? org(p.organisation).name)],
  };
}

function documentView(doc: DocumentModel, headingId: string | undefined, sections: SectionView[], labels: Labels): DocumentView {
  const classes = ['document', doc.isMain ? 'main-document' : 'bilaga'];
  if (doc.part.placeholder === true) classes.push('placeholder');
  return {
    id: doc.isMain ? 'dokument' : `dokument-${headingId ?? doc.part.id}`,
    item: doc.isMain ? 'main' : `bilagor/${doc.part.id}`,
    isMain: doc.isMain,
    classes: classes.join(' '),
    ...(doc.isMain ? {} : { heading: { id: headingId ?? doc.part.id, label: labels.t('bilagaNumbered', { number: doc.part.number ?? '' }), title: doc.part.title } }),
    ...(doc.part.placeholder === true ? { placeholderNote: labels.t('bilagaPlaceholder') } : {}),
    sections,
  };
}

/** Nest flat (level, entry) pairs into a tree by level. */
function nest(flat: { level: number; entry: TocEntry }[]): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: { level: number; entry: TocEntry }[] = [];
  for (const item of flat) {
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= item.level) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.entry.children : root).push(item.entry);
    stack.push(item);
  }
  return root;
}

/** The Markdown context of a section: places sub-headings and numbers footnote references. */
function mdFor(state: DocumentState, ids: IdRegistry, defs: Map<string, FootnoteDefinition>, labels: Labels, sectionId = '', sectionLogical = 1): MarkdownContext {
  void labels;
  return {
    heading(depth: number, text: string): HeadingPlacement {
      const logical = state.logical(sectionLogical + Math.max(1, depth - 1));
      const num = state.number(logical, true);
      const id = ids.take(`${sectionId}-${slugify(text)}`);
      if (num) state.toc.push({ level: logical, entry: { id, num, text, children: [] } });
      return { id, level: state.html(logical), ...(num ? { num } : {}) };
    },
    knownFootnote: (label: string) => defs.has(label),
    footnoteRef(label: string): FootnoteRefPlacement {
      let fn = state.footnotes.get(label);
      // Ids from a slug of the label (å, ä → a, ö → o), made unique by the registry: `fn-ö` and `fn-å`
      // get fn-o and fn-a, `fn-å` and `fn-ä` get fn-a and fn-a-2, in document order (stable).
      const slug = slugify(label.replace(/^fn-/i, '')) || 'not';
      if (!fn) {
        fn = { n: state.footnotes.size + 1, id: ids.take(`fn-${state.prefix}${slug}`), group: state.group.id, groupLevel: state.group.level, refs: [] };
        state.footnotes.set(label, fn);
      }
      const base = `fnref-${fn.id.slice(3)}`;
      const id = fn.refs.length === 0 ? ids.take(base) : ids.take(`${base}-${fn.refs.length + 1}`);
      fn.refs.push(id);
      return { href: `#${fn.id}`, id, n: fn.n, describedBy: `${fn.group}-fotnoter` };
    },
  };
}

/** The footnotes first referred to in the current group, with their back-links, or undefined. */
function footnotesView(state: DocumentState, defs: Map<string, FootnoteDefinition>, labels: Labels, md: MarkdownContext): FootnotesView | undefined {
  const mine = [...state.footnotes.entries()].filter(([, f]) => f.group === state.group.id && f.group !== '');
  if (mine.length === 0) return undefined;
  const items = mine.map(([label, f]) => {
    const def = defs.get(label);
    const only = def?.children.length === 1 && def.children[0]?.type === 'paragraph' ? def.children[0] : undefined;
    const body = !def
      ? { inline: escapeText(label) }
      : only ? { inline: phrasingToHtml(only.children, md) } : { blocks: blocksToHtml(def.children, md) };
    return {
      id: f.id,
      n: f.n,
      ...body,
      backlinks: f.refs.map((r, i) => ({ href: `#${r}`, label: i === 0 ? labels.t('footnoteBack') : labels.t('footnoteBackNth', { n: i + 1 }) })),
    };
  });
  return { headingId: `${state.group.id}-fotnoter`, level: Math.min(6, state.group.level + 1), start: mine[0]?.[1].n ?? 1, items };
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Runs one section's conversion; an unexpected failure becomes that file's kunde-inte-behandlas. */
async function guarded<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ContentFailure) throw err;
    throw new ContentFailure(failureIn(file, 'omvandling till HTML'));
  }
}

/** The blocks of a section: Markdown runs as HTML, directive paragraphs as partials. */
async function sectionBlocks(section: SectionSource, env: FactEnv): Promise<Block[]> {
  const tree: Root = section.markdown.tree;
  const blocks: Block[] = [];
  let run: Root['children'] = [];
  const flushRun = (): void => {
    if (run.length === 0) return;
    const html = blocksToHtml(run, env.md);
    if (html.trim() !== '') blocks.push({ html });
    run = [];
  };
  for (const [i, node] of tree.children.entries()) {
    const d = directiveOf(node, i);
    if (!d) { run.push(node); continue; }
    flushRun();
    blocks.push(await directiveBlock(d, env));
  }
  flushRun();
  return blocks.filter((b) => !('html' in b) || b.html !== '');
}
