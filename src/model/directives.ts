/**
 * Directives place structured facts in the prose: a paragraph that is only `::name{key=value}`
 * (for example `::malgrupper` or `::mal{niva=strategiskt}`) is replaced by the rendered facts.
 * Only whole-paragraph directives exist, so text like "DUA:s" is never mistaken for one.
 */
import type { Paragraph, Root, RootContent } from 'mdast';

/** A directive found in a section's Markdown. */
export interface Directive {
  name: string;
  attrs: Record<string, string>;
  line: number;
  column: number;
  /** Index of the paragraph among the root's children. */
  index: number;
}

interface DirectiveSpec {
  /** Attribute names with whether each is required. */
  attrs: Record<string, boolean>;
  /** What it shows, for the README and the "unknown directive" hint. */
  shows: string;
  example: string;
}

/** Every directive with its attributes and what it shows. */
export const directiveSpecs: Record<string, DirectiveSpec> = {
  parter: { attrs: {}, shows: 'parterna med organisationsnummer', example: '::parter' },
  'ovriga-parter': { attrs: {}, shows: 'övriga samverkansparter', example: '::ovriga-parter' },
  malgrupper: { attrs: {}, shows: 'målgrupperna', example: '::malgrupper' },
  ataganden: { attrs: { part: true, lista: false }, shows: 'åtagandena för en part, eller gemensamma (part=alla)', example: '::ataganden{part=alla}' },
  mal: { attrs: { niva: true, omrade: false, lista: false }, shows: 'målen på en nivå, med indikatorer (lista=punkter, nummer, 1), A), a) eller » för en lista)', example: '::mal{niva=strategiskt omrade=nyanlanda}' },
  uppfoljning: { attrs: {}, shows: 'indikatorer och rapporter för uppföljning', example: '::uppfoljning' },
  grupp: { attrs: { id: true }, shows: 'en grupp eller roll', example: '::grupp{id=styrgrupp}' },
  tabell: { attrs: { id: true }, shows: 'en tabell', example: '::tabell{id=samlokalisering}' },
  process: { attrs: { id: true }, shows: 'en process i steg', example: '::process{id=sy-utbildning}' },
  jobbspar: { attrs: { id: false, kommun: false, status: false }, shows: 'jobbspår', example: '::jobbspar{kommun=norsjo-kommun}' },
  figur: { attrs: { id: true }, shows: 'en figur', example: '::figur{id=trappan}' },
  budget: { attrs: {}, shows: 'budgeten och medlemsbidragen', example: '::budget' },
  giltighet: { attrs: {}, shows: 'giltighetstiden och nästa beslut', example: '::giltighet' },
  bilagor: { attrs: {}, shows: 'förteckningen över bilagor', example: '::bilagor' },
  underskrifter: { attrs: {}, shows: 'beslutet och underskriftssidorna', example: '::underskrifter' },
};

const DIRECTIVE = /^::([a-z][a-z-]*)(?:\{([^}]*)\})?\s*$/;

/** Reads a directive out of a paragraph, or undefined when the paragraph is ordinary text. */
export function directiveOf(node: RootContent, index: number): Directive | undefined {
  if (node.type !== 'paragraph') return undefined;
  const p = node as Paragraph;
  if (p.children.length !== 1 || p.children[0]?.type !== 'text') return undefined;
  const m = DIRECTIVE.exec(p.children[0].value.trim());
  if (!m) return undefined;
  const attrs: Record<string, string> = {};
  for (const part of (m[2] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const [k, ...v] = part.split('=');
    if (k) attrs[k] = v.join('=').replace(/^"(.*)"$/, '$1');
  }
  return { name: m[1] ?? '', attrs, line: p.position?.start.line ?? 1, column: p.position?.start.column ?? 1, index };
}

/** Every directive of a Markdown tree, in order. */
export function findDirectives(tree: Root): Directive[] {
  const out: Directive[] = [];
  tree.children.forEach((node, i) => {
    const d = directiveOf(node, i);
    if (d) out.push(d);
  });
  return out;
}
