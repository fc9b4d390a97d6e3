/**
 * Two agreements side by side (`overens diff --from umearegionen --to skelleftea-norsjo`): not a
 * revision, so no "utgår/tillkommer" list. Goals, indicators, målgrupper and commitments are matched
 * across the two by id, else by content: the Jaccard similarity of their sets of content words
 * (lower-cased, without the function words and target phrasing of STOP, so "ska minska jämfört med
 * föregående år" does not make two goals alike) must reach MATCH_THRESHOLD; the best pairs are taken
 * first. Each area is one table: only in A, in both (differences and targets side by side),
 * only in B.
 */
import type { Side } from './changeset.ts';
import { canonicalText, formatTarget, plainText } from './values.ts';
import type { TargetData } from '../model/schema.ts';

/** Similarity from which two items of different agreements count as the same item. */
export const MATCH_THRESHOLD = 0.3;

/** One row of a comparison table. */
export interface ClusterRow {
  a?: string;
  b?: string;
  /** Targets of a goal or indicator, side by side. */
  targetA?: string;
  targetB?: string;
  /** Similarity of the texts (1 for the same id or text). */
  similarity?: number;
}

/** One area of the comparison. */
export interface ClusterArea { title: string; onlyA: ClusterRow[]; both: ClusterRow[]; onlyB: ClusterRow[] }

/** The whole comparison of two agreements. */
export interface ClusterComparison { a: string; b: string; areas: ClusterArea[] }

interface Item { id: string; text: string; target?: string }

const LEVELS: Record<string, string> = { overgripande: 'övergripande mål', effektmal: 'effektmål', strategiskt: 'strategiskt mål', individmal: 'individmål', lokalt: 'lokalt mål' };
const plain = (t: string): string => plainText(canonicalText(t));
const withTarget = (t: TargetData | undefined): { target?: string } => (t ? { target: formatTarget(t) } : {});

/** Words that say nothing about what a goal is about. */
const STOP = new Set('och att som ska för med till av på i en ett den det de är har kan samt eller vid inom från efter under om mot jämfört föregående år samma period andel antal andelen antalet minst öka minska fler färre ökar minskar'.split(' '));

const contentWords = (s: string): Set<string> => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));

/** Jaccard similarity of the content words of two texts. */
export function contentSimilarity(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** Matches items by id, then by similarity, best first. */
export function matchItems(a: readonly Item[], b: readonly Item[]): { pairs: [Item, Item, number][]; onlyA: Item[]; onlyB: Item[] } {
  const pairs: [Item, Item, number][] = [];
  const usedA = new Set<Item>();
  const usedB = new Set<Item>();
  const bById = new Map(b.map((x) => [x.id, x]));
  for (const x of a) {
    const y = bById.get(x.id);
    if (y && !usedB.has(y)) { pairs.push([x, y, x.text === y.text ? 1 : contentSimilarity(x.text, y.text)]); usedA.add(x); usedB.add(y); }
  }
  const scored: [Item, Item, number][] = [];
  for (const x of a) if (!usedA.has(x)) for (const y of b) if (!usedB.has(y)) {
    const s = contentSimilarity(x.text, y.text);
    if (s >= MATCH_THRESHOLD) scored.push([x, y, s]);
  }
  scored.sort((p, q) => q[2] - p[2] || p[0].text.localeCompare(q[0].text, 'sv') || p[1].text.localeCompare(q[1].text, 'sv'));
  for (const [x, y, s] of scored) if (!usedA.has(x) && !usedB.has(y)) { pairs.push([x, y, s]); usedA.add(x); usedB.add(y); }
  return { pairs, onlyA: a.filter((x) => !usedA.has(x)), onlyB: b.filter((y) => !usedB.has(y)) };
}

function area(title: string, a: Item[], b: Item[]): ClusterArea | undefined {
  if (a.length === 0 && b.length === 0) return undefined;
  const m = matchItems(a, b);
  const row = (x: Item | undefined, y: Item | undefined, s?: number): ClusterRow => ({
    ...(x ? { a: x.text } : {}), ...(y ? { b: y.text } : {}), ...(x?.target ? { targetA: x.target } : {}), ...(y?.target ? { targetB: y.target } : {}),
    ...(s !== undefined ? { similarity: Math.round(s * 100) / 100 } : {}),
  });
  return { title, onlyA: m.onlyA.map((x) => row(x, undefined)), both: m.pairs.map(([x, y, s]) => row(x, y, s)), onlyB: m.onlyB.map((y) => row(undefined, y)) };
}

/** Compares the goals, indicators, målgrupper and commitments of two agreements. */
export function compareClusters(before: Side, after: Side): ClusterComparison {
  const org = (side: Side, id: string): string => (id === 'alla' ? 'alla parter' : side.project.organisations.get(id)?.name ?? id);
  const goals = (s: Side): Item[] => (s.agreement.goals?.goals ?? []).map((g) => ({ id: g.id, text: `${plain(g.text)} (${LEVELS[g.level] ?? g.level})`, ...withTarget(g.target) }));
  const indicators = (s: Side): Item[] => (s.agreement.goals?.goals ?? []).flatMap((g) => (g.indicators ?? []).map((i) => ({ id: i.id, text: plain(i.text), ...withTarget(i.target) })));
  const groups = (s: Side): Item[] => (s.agreement.agreement.targetGroups ?? []).map((t) => ({ id: t.id, text: plain(t.name) }));
  const commitments = (s: Side): Item[] => (s.agreement.agreement.commitments ?? []).map((c) => ({ id: c.id, text: `${org(s, c.party)}: ${plain(c.text)}` }));
  const areas = [
    area('Mål', goals(before), goals(after)),
    area('Indikatorer', indicators(before), indicators(after)),
    area('Målgrupper', groups(before), groups(after)),
    area('Åtaganden', commitments(before), commitments(after)),
  ].filter((x): x is ClusterArea => x !== undefined);
  const name = (s: Side): string => `${s.agreement.agreement.cluster} (revision ${s.agreement.agreement.revision.id})`;
  return { a: name(before), b: name(after), areas };
}

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The comparison as Markdown tables, one per area. */
export function formatClustersMarkdown(c: ClusterComparison): string {
  const out = [`## Jämförelse: ${c.a} och ${c.b}`, '', `A är ${c.a}, B är ${c.b}. Mål, indikatorer, målgrupper och åtaganden ställs mot varandra. Poster med olika id räknas som samma när deras texter är minst ${Math.round(MATCH_THRESHOLD * 100)} % lika (andelen gemensamma ord).`];
  for (const a of c.areas) {
    out.push('', `### ${a.title}`, '', `Bara i A: ${a.onlyA.length} · i båda: ${a.both.length} · bara i B: ${a.onlyB.length}`, '', '| | A | B |', '|---|---|---|');
    for (const r of a.onlyA) out.push(`| Bara i A | ${cell(r.a)}${r.targetA ? ` (målvärde ${cell(r.targetA)})` : ''} | |`);
    for (const r of a.both) out.push(`| I båda${r.similarity !== undefined && r.similarity < 1 ? ` (${Math.round(r.similarity * 100)} % lika)` : ''} | ${cell(r.a)}${r.targetA ? ` (målvärde ${cell(r.targetA)})` : ''} | ${r.a === r.b ? 'samma lydelse' : cell(r.b)}${r.targetB ? ` (målvärde ${cell(r.targetB)})` : ''} |`);
    for (const r of a.onlyB) out.push(`| Bara i B | | ${cell(r.b)}${r.targetB ? ` (målvärde ${cell(r.targetB)})` : ''} |`);
  }
  return `${out.join('\n')}\n`;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The comparison as the body of an HTML page: one table per area. */
export function clustersHtml(c: ClusterComparison): string {
  const out = [`<h1>Jämförelse: ${esc(c.a)} och ${esc(c.b)}</h1>`, `<p>Poster med olika id räknas som samma när deras texter är minst ${Math.round(MATCH_THRESHOLD * 100)} % lika (andel gemensamma ord).</p>`];
  const t = (s?: string, tgt?: string): string => `${esc(s ?? '')}${tgt ? `<br><span class="target">Målvärde: ${esc(tgt)}</span>` : ''}`;
  for (const a of c.areas) {
    out.push(`<h2>${esc(a.title)}</h2><table class="data-table"><thead><tr><th scope="col"></th><th scope="col">${esc(c.a)}</th><th scope="col">${esc(c.b)}</th></tr></thead><tbody>`);
    for (const r of a.onlyA) out.push(`<tr><th scope="row">Bara i ${esc(c.a)}</th><td>${t(r.a, r.targetA)}</td><td></td></tr>`);
    for (const r of a.both) out.push(`<tr><th scope="row">I båda</th><td>${t(r.a, r.targetA)}</td><td>${t(r.b, r.targetB)}</td></tr>`);
    for (const r of a.onlyB) out.push(`<tr><th scope="row">Bara i ${esc(c.b)}</th><td></td><td>${t(r.b, r.targetB)}</td></tr>`);
    out.push('</tbody></table>');
  }
  return out.join('\n');
}
