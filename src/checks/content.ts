/** Checks of the prose: directives and their references, footnotes, and figure files. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FootnoteDefinition, FootnoteReference, Nodes } from 'mdast';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import { directiveSpecs, findDirectives, type Directive } from '../model/directives.ts';
import { isListStyle, LIST_STYLES } from '../model/list-styles.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { resolveInside } from '../pipeline/read.ts';
import { suggest, walkStrings } from './walk.ts';

const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/g;

function visit(node: Nodes, fn: (n: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const c of node.children) visit(c as Nodes, fn);
}

/** Every footnote definition and reference must match, across the agreement's files. */
export function checkFootnotes(a: AgreementModel): Diagnostic[] {
  const defs = new Map<string, Place>();
  const refs: { id: string; at: Place }[] = [];
  const out: Diagnostic[] = [];
  for (const doc of a.documents) {
    for (const s of doc.sections) {
      visit(s.markdown.tree, (n) => {
        const at = { file: s.file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
        if (n.type === 'footnoteDefinition') {
          const id = (n as FootnoteDefinition).label ?? (n as FootnoteDefinition).identifier;
          if (defs.has(id)) out.push(diagnostic('id-dubblett', at, { id: `[^${id}]`, other: `fotnoten på ${defs.get(id)?.file}:${defs.get(id)?.line}` }));
          else defs.set(id, at);
        } else if (n.type === 'footnoteReference') {
          refs.push({ id: (n as FootnoteReference).label ?? (n as FootnoteReference).identifier, at });
        } else if (n.type === 'text') {
          // GFM keeps a reference whose definition is not in the same file as plain text
          // ("[^fn-x]"): an undefined footnote, or one defined in another file of the agreement.
          refs.push(...textFootnoteRefs(s.markdown.body, s.markdown.bodyLineOffset, s.file, n));
        }
      });
    }
  }
  for (const [name, src] of Object.entries(a.sources)) {
    const data = src.doc.toJS() as unknown;
    walkStrings(data, (value, p) => {
      for (const m of value.matchAll(FOOTNOTE_REF)) refs.push({ id: m[1] ?? '', at: placeOf(src, p) });
    });
    void name;
  }
  const used = new Set(refs.map((r) => r.id));
  // A section file that did not load (already reported) may hold the definitions.
  const sectionsMissing = a.documents.some((d) => d.sections.length < d.part.sections.length);
  if (!sectionsMissing) for (const r of refs) if (!defs.has(r.id)) out.push(diagnostic('okand-fotnot', r.at, { id: r.id }));
  // A file that did not load may hold the references: then "unused" would be a false alarm.
  if (a.failedFiles.size === 0 && !sectionsMissing) for (const [id, at] of defs) if (!used.has(id)) out.push(diagnostic('fotnot-oanvand', at, { id }));
  return out;
}

function textFootnoteRefs(body: string, lineOffset: number, file: string, n: Nodes): { id: string; at: Place }[] {
  const start = n.position?.start.offset;
  const end = n.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const out: { id: string; at: Place }[] = [];
  for (const m of body.slice(start, end).matchAll(FOOTNOTE_REF)) {
    const offset = start + (m.index ?? 0);
    const before = body.slice(0, offset);
    const line = lineOffset + before.split('\n').length;
    out.push({ id: m[1] ?? '', at: { file, line, column: offset - before.lastIndexOf('\n') } });
  }
  return out;
}

/** Directives must be known, have their attributes, and refer to facts that exist. */
export function checkDirectives(project: ProjectModel, a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = Object.keys(directiveSpecs).map((k) => `::${k}`).join(', ');
  const parties = new Set(a.agreement.parties.map((p) => p.organisation));
  for (const doc of a.documents) {
    for (const s of doc.sections) {
      for (const d of findDirectives(s.markdown.tree)) {
        const at = { file: s.file, line: d.line, column: d.column };
        const spec = directiveSpecs[d.name];
        if (!spec) { out.push(diagnostic('okant-direktiv', at, { name: d.name, known })); continue; }
        const missing = Object.entries(spec.attrs).filter(([k, req]) => req && !d.attrs[k]).map(([k]) => k);
        const unknown = Object.keys(d.attrs).filter((k) => !(k in spec.attrs));
        if (missing.length > 0 || unknown.length > 0) {
          const detail = [...missing.map((k) => `${k} saknas`), ...unknown.map((k) => `${k} är okänt`)].join(', ');
          out.push(diagnostic('direktiv-attribut', at, { name: d.name, detail, example: spec.example }));
          continue;
        }
        if ('lista' in d.attrs && !isListStyle(d.attrs.lista)) {
          const example = d.name === 'mal' ? '::mal{niva=lokalt lista=punkter}' : `::${d.name}{part=alla lista=punkter}`;
          out.push(diagnostic('direktiv-attribut', at, { name: d.name, detail: `lista=${d.attrs.lista ?? ''} är ingen liststil (${LIST_STYLES.join(', ')})`, example }));
          continue;
        }
        out.push(...checkDirectiveTarget(project, a, d, at, parties));
      }
    }
  }
  return out;
}

const LEVELS = ['overgripande', 'effektmal', 'strategiskt', 'individmal', 'lokalt'];

function checkDirectiveTarget(project: ProjectModel, a: AgreementModel, d: Directive, at: Place, parties: Set<string>): Diagnostic[] {
  const ids = (list: { id: string }[] | undefined) => new Set((list ?? []).map((x) => x.id));
  const failed = (file: string) => [...a.failedFiles].some((f) => file.includes(f));
  const need = (ok: boolean, what: string, file: string) => (ok || failed(file) ? [] : [diagnostic('data-saknas', at, { directive: d.name, what, file })]);
  const ref = (id: string | undefined, set: Set<string>, code: Parameters<typeof diagnostic>[0]) =>
    id !== undefined && !set.has(id) ? [diagnostic(code, at, { id, suggest: suggest(id, set) })] : [];
  switch (d.name) {
    case 'ataganden':
      return d.attrs.part === 'alla' ? [] : ref(d.attrs.part, parties, 'okand-part');
    case 'malgrupper':
      return need((a.agreement.targetGroups ?? []).length > 0, 'målgrupper', 'targetGroups: i agreement.yaml');
    case 'ovriga-parter':
      return need((a.agreement.otherPartners ?? []).length > 0, 'övriga parter', 'otherPartners: i agreement.yaml');
    case 'mal': {
      if (!a.goals) return need(false, 'mål', 'goals.yaml');
      if (!LEVELS.includes(d.attrs.niva ?? '')) return [diagnostic('direktiv-attribut', at, { name: d.name, detail: `niva=${d.attrs.niva} är ingen målnivå (${LEVELS.join(', ')})`, example: directiveSpecs.mal?.example ?? '' })];
      return ref(d.attrs.omrade, ids(a.goals.areas), 'okant-omrade');
    }
    case 'uppfoljning':
      return need(Boolean(a.goals?.followUp), 'uppföljning', 'followUp: i goals.yaml');
    case 'grupp': return a.organisation ? ref(d.attrs.id, ids(a.organisation.groups), 'okand-grupp') : need(false, 'grupper', 'organisation.yaml');
    case 'tabell': return a.organisation ? ref(d.attrs.id, ids(a.organisation.tables), 'okand-tabell') : need(false, 'tabeller', 'organisation.yaml');
    case 'process': return a.organisation ? ref(d.attrs.id, ids(a.organisation.processes), 'okand-process') : need(false, 'processer', 'organisation.yaml');
    case 'jobbspar':
      if (!a.jobTracks) return need(false, 'jobbspår', 'job-tracks.yaml');
      return [
        ...ref(d.attrs.id, ids(a.jobTracks.jobTracks), 'okant-jobbspar'),
        // Without a loaded registry (already reported) every organisation would look unknown.
        ...(project.organisationsSource ? ref(d.attrs.kommun, new Set(project.organisations.keys()), 'okand-organisation') : []),
      ];
    case 'figur': return ref(d.attrs.id, ids(a.agreement.figures), 'okand-figur');
    case 'budget': return need(Boolean(a.budget), 'budget', 'budget.yaml');
    default: return [];
  }
}

/** Figure files must exist and stay inside the project. */
export async function checkFigureFiles(project: ProjectModel, a: AgreementModel): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const src = a.sources['agreement.yaml'];
  if (!src) return out;
  for (const [i, f] of (a.agreement.figures ?? []).entries()) {
    if (!f.file) continue;
    const at = placeOf(src, ['figures', i, 'file']);
    const abs = await resolveInside(a.dir, a.dir, f.file);
    if (!abs) { out.push(diagnostic('sokvag-utanfor', at, { path: f.file, root: 'överenskommelsens mapp' })); continue; }
    const ok = await stat(abs).then((x) => x.isFile(), () => false);
    if (!ok) out.push(diagnostic('fil-saknas', at, { path: path.relative(a.dir, abs), where: 'agreement.yaml' }));
  }
  return out;
}
