/**
 * Benchmark of the revision diff: seeded pairs of synthetic agreements with known structured and prose
 * edits, scored for precision, recall and moves, plus formatting-only pairs and the time of a 100-page pair.
 */
import type { AgreementModel, ProjectModel, SectionSource } from '../model/types.ts';
import type { GoalData, OrganisationData } from '../model/schema.ts';
import { generateProsePair, SWEDISH_SAMPLE_PARAGRAPHS, type DiffScore, type KnownChange } from './generate-pairs.ts';
import { computeChangeSet, type Side } from './changeset.ts';
import type { Change } from './types.ts';
import { parseMarkdown } from '../pipeline/parse-markdown.ts';

/** The figures of one benchmark run. */
export interface DiffBenchResult extends Omit<DiffScore, 'falseChanges'> {
  pairs: number;
  /** Reported changes per true change (1 is ideal). */
  reportsPerTrueChange: number;
  /** Changes reported on formatting-only pairs (0 is the goal). */
  falseChangesOnFormattingOnly: number;
  /** Milliseconds to compute the change set of a 100-page pair (median of 3), sides already loaded. */
  msPer100PagePair: number;
  /** Milliseconds to parse the Markdown of both sides of that pair, as loading does. */
  msParse100PagePair: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const ORGS: OrganisationData[] = [
  { id: 'arbetsformedlingen', name: 'Arbetsförmedlingen', orgnr: '202100-2114', kind: 'statlig-myndighet' },
  { id: 'umea-kommun', name: 'Umeå kommun', orgnr: '212000-2627', kind: 'kommun' },
];

/** An agreement model built in memory (no files), with goals and sections of the given Markdown. */
function side(label: string, goals: GoalData[], sections: string[]): Side {
  const texts = sections.map((body, i): SectionSource => {
    const text = `---\nid: avsnitt-${i}\ntitle: Avsnitt ${i}\n---\n\n${body}`;
    return { ref: `text/${i}.md`, abs: `/x/${i}.md`, file: `${i}.md`, text, markdown: parseMarkdown(text, `${i}.md`), front: { id: `avsnitt-${i}`, title: `Avsnitt ${i}` } };
  });
  const agreement: AgreementModel = {
    id: 'bench', dir: '/x', sources: {}, texts: new Map(), failedFiles: new Set(), goals: { goals },
    agreement: {
      id: 'bench', kind: 'overenskommelse', title: 'Bench', cluster: 'Bench', revision: { id: '2024', date: '2024-01-01' },
      parties: ORGS.map((o) => ({ organisation: o.id })), validity: { from: '2024-01-01', to: '2024-12-31' }, signatories: [],
      main: { id: 'main', title: 'Bench', sections: texts.map((t) => t.ref) },
    },
    documents: [{ part: { id: 'main', title: 'Bench', sections: [] }, isMain: true, path: ['main'], sections: texts }],
  };
  const project: ProjectModel = { root: '/x', organisations: new Map(ORGS.map((o) => [o.id, o])), agreements: [agreement] };
  return { label, project, agreement };
}

type Truth = { kind: Change['kind']; path?: string; before?: string; after?: string };

function makeGoals(n: number, prefix: string): GoalData[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`, level: 'strategiskt', text: `Mål nummer ${i} om samverkan kring ${SWEDISH_SAMPLE_PARAGRAPHS[i % 10]?.slice(0, 60) ?? ''}`,
    indicators: [{ id: `${prefix}-${i}-ind`, text: `Indikator ${i}`, target: { type: 'percent', value: 40 + (i % 30), operator: 'minst' } }],
  }));
}

/** Applies random structured edits to goals; returns the edited copy and the known changes. */
function editGoals(goals: GoalData[], random: () => number, edits: number, seed: number): { goals: GoalData[]; truth: Truth[] } {
  const out: GoalData[] = structuredClone(goals);
  const truth: Truth[] = [];
  const touched = new Set<string>();
  for (let e = 0; e < edits; e += 1) {
    const k = Math.floor(random() * out.length);
    const g = out[k];
    if (!g || touched.has(g.id)) continue;
    touched.add(g.id);
    const kind = Math.floor(random() * 5);
    if (kind === 0) { out.splice(k, 1); truth.push({ kind: 'removed', path: `goals/${g.id}` }); }
    else if (kind === 1) { const id = `nytt-${seed}-${e}`; touched.add(id); out.splice(k, 0, { id, level: 'lokalt', text: `Nytt mål ${e}` }); truth.push({ kind: 'added', path: `goals/${id}` }); }
    else if (kind === 2) { g.text = `${g.text} och uppföljning`; truth.push({ kind: 'changed', path: `goals/${g.id}/text` }); }
    else if (kind === 3) {
      const ind = g.indicators?.[0];
      if (ind?.target?.type === 'percent') { ind.target.value += 5; truth.push({ kind: 'changed', path: `goals/${g.id}/indicators/${ind.id}/target/value` }); }
    } else {
      out.splice(k, 1);
      const to = (k + 5 + Math.floor(random() * 10)) % (out.length + 1);
      out.splice(to, 0, g);
      truth.push({ kind: 'moved', path: `goals/${g.id}` });
    }
  }
  return { goals: out, truth };
}

const PROSE_KIND: Record<KnownChange['kind'], Change['kind'] | undefined> = { insert: 'added', delete: 'removed', 'change-word': 'changed', 'change-number': 'changed', move: 'moved', 'move-edit': 'moved-changed', rewrap: undefined };

/** Scores changes against known truth; structured items by kind and path, prose blocks by kind and text. */
function score(truth: Truth[], changes: Change[]) {
  const key = (t: Truth) => (t.path ? `${t.kind}|${t.path}` : `${t.kind}|${t.before ?? ''}|${t.after ?? ''}`);
  const want = new Map<string, number>();
  for (const t of truth) want.set(key(t), (want.get(key(t)) ?? 0) + 1);
  let tp = 0;
  for (const c of changes) {
    const prose = c.section !== undefined && c.entity !== 'avsnitt';
    const k = prose ? key({ kind: c.kind, ...(c.before !== undefined ? { before: String(c.before) } : {}), ...(c.after !== undefined ? { after: String(c.after) } : {}) }) : key({ kind: c.kind, path: c.path });
    const left = want.get(k) ?? 0;
    if (left > 0) { tp += 1; want.set(k, left - 1); }
  }
  const moves = truth.filter((t) => t.kind === 'moved' || t.kind === 'moved-changed');
  const found = moves.filter((t) => changes.some((c) => (c.kind === 'moved' || c.kind === 'moved-changed') && (t.path ? c.path === t.path : String(c.before) === t.before))).length;
  return { tp, expected: truth.length, reported: changes.length, moves: moves.length, found };
}

/** One generated pair of `sections` sections × `blocks` paragraphs and `goals` goals, with known edits. */
function pair(seed: number, sections: number, blocks: number, goalCount: number, formattingOnly: boolean) {
  const random = rng(seed);
  const goals = makeGoals(goalCount, `mal-${seed}`);
  const truth: Truth[] = [];
  const b: string[] = [];
  const a: string[] = [];
  for (let s = 0; s < sections; s += 1) {
    const p = generateProsePair(seed * 1000 + s, { paragraphs: SWEDISH_SAMPLE_PARAGRAPHS, blocks, edits: formattingOnly ? 3 : 2, ...(formattingOnly ? { kinds: ['rewrap'] as const } : {}) });
    b.push(p.before);
    a.push(formattingOnly ? p.after.replace(/\n/g, '  \n').replace(/  \n\s*\n/g, '\n\n').replace(/ {2}\n/g, ' \n').replace(/\n/g, '\r\n') : p.after);
    for (const t of p.truth) {
      const kind = PROSE_KIND[t.kind];
      if (kind) truth.push({ kind, ...(t.kind !== 'insert' && t.before !== undefined ? { before: t.before } : {}), ...(t.kind !== 'delete' && t.after !== undefined ? { after: t.after } : {}) });
    }
  }
  const edited = formattingOnly ? { goals: structuredClone(goals), truth: [] } : editGoals(goals, random, 4, seed);
  truth.push(...edited.truth);
  return { before: side('fore', goals, b), after: side('efter', edited.goals, a), truth };
}

/** Runs the benchmark: `pairs` seeded revision pairs, as many formatting-only pairs, and a timed 100-page pair. */
export function benchDiff(options: { seed?: number; pairs?: number } = {}): DiffBenchResult {
  const seed = options.seed ?? 2024;
  const n = options.pairs ?? 40;
  let tp = 0; let expected = 0; let reported = 0; let moves = 0; let found = 0; let falseChanges = 0;
  for (let i = 0; i < n; i += 1) {
    const p = pair(seed + i, 4, 20, 30, false);
    const s = score(p.truth, computeChangeSet(p.before, p.after).changes);
    tp += s.tp; expected += s.expected; reported += s.reported; moves += s.moves; found += s.found;
    const f = pair(seed + 10_000 + i, 4, 20, 30, true);
    falseChanges += computeChangeSet(f.before, f.after).changes.length;
  }
  // About 100 pages: 25 sections × 20 paragraphs of 2–4 sentences (~45 000 words) and 100 goals.
  const big = pair(seed + 99, 25, 20, 100, false);
  const times: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    const t0 = performance.now();
    computeChangeSet(big.before, big.after);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  // Loading parses every section once (the change set reuses those trees); time that part too.
  const t1 = performance.now();
  for (const sideModel of [big.before, big.after]) {
    for (const d of sideModel.agreement.documents) for (const sec of d.sections) parseMarkdown(sec.text, sec.file);
  }
  const parseMs = performance.now() - t1;
  return {
    pairs: n, expected, reported, truePositives: tp,
    precision: reported === 0 ? 1 : tp / reported, recall: expected === 0 ? 1 : tp / expected,
    movesTotal: moves, movesFoundAsMoves: found, reportsPerTrueChange: expected === 0 ? 0 : reported / expected,
    falseChangesOnFormattingOnly: falseChanges, msPer100PagePair: Math.round(times[1] ?? 0), msParse100PagePair: Math.round(parseMs),
  };
}
