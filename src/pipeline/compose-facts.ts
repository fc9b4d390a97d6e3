/**
 * Directive views: each `::name{…}` paragraph becomes a partial name with the data it lays out. All
 * logic (lookups, grouping, formatting, inline Markdown) happens here; the partials only lay out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Directive } from '../model/directives.ts';
import type { AgreementModel, FigureData, ProjectModel } from '../model/types.ts';
import type { Labels } from './labels.ts';
import { resolveInside } from './read.ts';
import { drawProcess } from './process-diagram.ts';
import { plainText } from './svg.ts';
import { blocksToHtml, type MarkdownContext } from './markdown-html.ts';
import { parseMarkdownText } from './parse-markdown.ts';
import { fieldMark } from './field-marks.ts';
import { partyItem } from './compose-item.ts';
import { isListStyle, listStyleView } from '../model/list-styles.ts';
import {
  formatKronor, formatNumber, formatTarget, joinSwedish, organisationOf, validitySentences,
  partyName,
} from './compose-format.ts';

/** A piece of a section: sanitised HTML from Markdown, or a partial with its data. */
export type Block = { html: string } | { partial: string; data: unknown };

/** What a directive needs from the composer. */
export interface FactEnv {
  project: ProjectModel;
  agreement: AgreementModel;
  labels: Labels;
  md: MarkdownContext;
  /** Inline Markdown (YAML text) to sanitised HTML, numbering footnotes in reading order. */
  inline(text: string): string;
  /** HTML level of the last heading before the directive (the section's or a sub-heading's). */
  headingLevel(): number;
  /** A unique id for the whole HTML, derived from the given base. */
  uniqueId(base: string): string;
  /** Ids of the bilaga headings by bilaga id. */
  bilagaIds: Map<string, string>;
  /** Counter of figures placed so far in the agreement. */
  figureCount: { n: number };
}

const MIME: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png' };
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/** Build the block for one directive; unknown directives and missing facts render nothing. */
export async function directiveBlock(d: Directive, env: FactEnv): Promise<Block> {
  const { agreement: a, labels, project } = env;
  const file = a.agreement;
  const org = (id: string) => organisationOf(project, id);
  switch (d.name) {
    case 'parter':
      return {
        partial: 'parties',
        data: {
          items: file.parties.map((p) => ({
            item: partyItem(org(p.organisation).orgnr, p.organisation),
            ...partyName(org(p.organisation).name, p.unit),
            orgnr: org(p.organisation).orgnr,
            scope: p.scope,
            deciding: p.role === 'beslutande',
          })),
        },
      };
    case 'ovriga-parter':
      return { partial: 'other-partners', data: { items: (file.otherPartners ?? []).map((t, i) => ({ item: `otherPartners/#${i}`, html: env.inline(t) })) } };
    case 'malgrupper':
      return {
        partial: 'target-groups',
        data: {
          items: (file.targetGroups ?? []).map((g) => ({
            id: g.id,
            item: `targetGroups/${g.id}`,
            name: env.inline(g.name),
            definition: g.definition ? env.inline(g.definition) : undefined,
          })),
        },
      };
    case 'ataganden': {
      const part = d.attrs.part ?? 'alla';
      return {
        partial: 'commitments',
        data: { list: listOf(d, 'ul'), items: (file.commitments ?? []).filter((c) => c.party === part).map((c) => ({ item: `commitments/${c.id}`, html: env.inline(c.text) })) },
      };
    }
    case 'mal':
      return { partial: 'goals', data: goalsView(d, env) };
    case 'uppfoljning': {
      const f = a.goals?.followUp;
      const items = f?.items ?? [];
      return {
        partial: 'follow-up',
        data: {
          breakdown: f?.breakdown && f.breakdown.length > 0 ? labels.t('followUpBreakdown', { list: joinSwedish(f.breakdown) }) : undefined,
          indicators: items.filter((i) => i.kind === 'indikator').map((i) => ({ item: `followUp/items/${i.id}`, html: env.inline(i.text) })),
          reports: items.filter((i) => i.kind === 'rapport').map((i) => ({ item: `followUp/items/${i.id}`, html: env.inline(i.text) })),
        },
      };
    }
    case 'grupp': {
      const g = a.organisation?.groups?.find((x) => x.id === d.attrs.id);
      if (!g) return { html: '' };
      return {
        partial: 'group',
        data: {
          item: `groups/${g.id}`,
          name: env.inline(g.name),
          members: (g.members ?? []).map((m) => env.inline(m)),
          chair: g.chair ? env.inline(g.chair) : undefined,
          meets: g.meets ? env.inline(g.meets) : undefined,
          responsibilities: (g.responsibilities ?? []).map((r) => env.inline(r)),
          list: g.listStyle ? listView(listStyleView(g.listStyle)) : { tag: 'ul' },
        },
      };
    }
    case 'tabell': {
      const t = a.organisation?.tables?.find((x) => x.id === d.attrs.id);
      if (!t) return { html: '' };
      return {
        partial: 'table',
        data: {
          item: `tables/${t.id}`,
          caption: env.inline(t.caption),
          columns: t.columns.map((c) => env.inline(c)),
          rows: t.rows.map((r, i) => ({
            item: `tables/${t.id}/rows/#${i}`,
            cells: r.map((c, k) => ({ field: `tables/${t.id}/rows/#${i}/${k}`, ...(Array.isArray(c) ? { list: c.map((x) => env.inline(x)) } : { html: env.inline(c) }) })),
          })),
        },
      };
    }
    case 'process': {
      const p = a.organisation?.processes?.find((x) => x.id === d.attrs.id);
      if (!p) return { html: '' };
      const diagram = drawProcess(p, env.uniqueId(`karta-${p.id}`), (id) => laneName(env, id), labels);
      return {
        partial: 'process',
        data: {
          item: `processes/${p.id}`,
          title: env.inline(p.title),
          steps: p.steps.map((s, i) => ({ item: `processes/${p.id}/steps/#${i}`, title: env.inline(s.title), text: s.text ? env.inline(s.text) : undefined })),
          ...(diagram ? { diagram: diagram.svg, listNote: labels.t('diagram.listNote') } : {}),
        },
      };
    }
    case 'jobbspar':
      return { partial: 'job-tracks', data: jobTracksView(d, env) };
    case 'figur': {
      const f = file.figures?.find((x) => x.id === d.attrs.id);
      if (!f) return { html: '' };
      return { partial: 'figure', data: await figureView(f, env) };
    }
    case 'budget':
      return { partial: 'budget', data: budgetView(env) };
    case 'giltighet':
      return { partial: 'validity', data: { sentences: validitySentences(file, labels, fieldMark) } };
    case 'bilagor':
      return {
        partial: 'bilagor',
        data: {
          items: (file.bilagor ?? []).map((b, i) => ({
            item: `bilagor/${b.id}`,
            href: `#${env.bilagaIds.get(b.id) ?? b.id}`,
            label: labels.t('bilagaNumbered', { number: b.number ?? '' }),
            number: b.number ?? i + 1,
            title: b.title,
          })),
        },
      };
    case 'underskrifter':
      return { partial: 'signatures', data: signaturesView(env) };
    default:
      return { html: '' };
  }
}

/** The name of a lane in the samverkanskarta: a party (its unit when it has one) or a group. */
function laneName(env: FactEnv, id: string): string {
  const party = env.agreement.agreement.parties.find((p) => p.organisation === id);
  if (party) return partyName(organisationOf(env.project, id).name, party.unit).name;
  const group = env.agreement.organisation?.groups?.find((g) => g.id === id);
  return group ? plainText(group.name) : id;
}

/** The list element of a directive with `lista=`: its tag, class and type; `fallback` without one. */
function listOf(d: Directive, fallback: 'ul' | 'ol'): { tag: string; className?: string; type?: string } {
  const style = d.attrs.lista;
  return isListStyle(style) ? listView(listStyleView(style)) : { tag: fallback };
}

function listView(view: ReturnType<typeof listStyleView>): { tag: string; className?: string; type?: string } {
  return { tag: view.tag, className: view.className, ...(view.type ? { type: view.type } : {}) };
}

function indicatorView(i: { id: string; text: string; target?: Parameters<typeof formatTarget>[0]; measure?: string }, goal: string, env: FactEnv) {
  return {
    item: `goals/${goal}/indicators/${i.id}`,
    text: env.inline(i.text),
    target: i.target ? env.labels.t('targetLine', { target: formatTarget(i.target, env.labels) }) : undefined,
    measure: i.measure ? env.labels.t('measure', { measure: i.measure }) : undefined,
  };
}

function goalsView(d: Directive, env: FactEnv) {
  const goals = (env.agreement.goals?.goals ?? []).filter(
    (g) => g.level === d.attrs.niva && (d.attrs.omrade === undefined || g.area === d.attrs.omrade),
  );
  const goalView = (g: (typeof goals)[number]) => ({
    item: `goals/${g.id}`,
    label: g.label,
    text: env.inline(g.text),
    ...(g.target ? { target: env.labels.t('targetLine', { target: formatTarget(g.target, env.labels) }) } : {}),
    indicators: (g.indicators ?? []).map((i) => indicatorView(i, g.id, env)),
  });
  const groups: { heading?: { id: string; item: string; title: string }; goals: ReturnType<typeof goalView>[] }[] = [];
  const loose = goals.filter((g) => !g.area || !(env.agreement.goals?.areas ?? []).some((x) => x.id === g.area));
  if (loose.length > 0) groups.push({ goals: loose.map(goalView) });
  for (const area of env.agreement.goals?.areas ?? []) {
    const inArea = goals.filter((g) => g.area === area.id);
    if (inArea.length === 0) continue;
    const showHeading = d.attrs.omrade === undefined;
    groups.push({
      ...(showHeading ? { heading: { id: env.uniqueId(`${d.attrs.niva ?? 'mal'}-${area.id}`), item: `areas/${area.id}`, title: area.title } } : {}),
      goals: inArea.map(goalView),
    });
  }
  return { level: Math.min(6, env.headingLevel() + 1), groups, list: listOf(d, 'ul'), targetLabel: env.labels.t('target') };
}

function jobTracksView(d: Directive, env: FactEnv) {
  const { labels } = env;
  const tracks = (env.agreement.jobTracks?.jobTracks ?? []).filter(
    (t) =>
      (d.attrs.id === undefined || t.id === d.attrs.id) &&
      (d.attrs.kommun === undefined || t.municipality === d.attrs.kommun) &&
      (d.attrs.status === undefined || t.status === d.attrs.status),
  );
  const items = tracks.map((t) => {
    const facts: { label: string; field: string; html?: string; list?: string[] }[] = [];
    const item = `jobTracks/${t.id}`;
    let key = '';
    const add = (label: string, html: string | undefined) => { if (html) facts.push({ label, field: `${item}/${key}`, html }); };
    const esc = (s: string) => env.inline(s.replace(/[\\`*_[\]<>&]/g, '\\$&'));
    key = 'municipality';
    add(labels.t('jobTrack.municipality'), t.municipality ? esc(organisationOf(env.project, t.municipality).name) : undefined);
    key = 'courseWeeks';
    add(labels.t('jobTrack.courseWeeks'), t.courseWeeks !== undefined
      ? esc(labels.t(t.courseWeeks === 1 ? 'jobTrack.week' : 'jobTrack.weeks', { n: formatNumber(t.courseWeeks) }))
      : undefined);
    if (t.participantsPerYear !== undefined) {
      const n = formatNumber(t.participantsPerYear);
      const label = t.participantsPlanned
        ? t.participantsYear !== undefined ? 'jobTrack.participantsPlannedYear' : 'jobTrack.participantsPlanned'
        : t.participantsYear !== undefined ? 'jobTrack.participantsYear' : '';
      key = 'participantsPerYear';
      add(labels.t('jobTrack.participants'), esc(label ? labels.t(label, { n, year: t.participantsYear ?? '' }) : n));
    }
    if (t.employers?.length) facts.push({ label: labels.t('jobTrack.employers'), field: `${item}/employers`, list: t.employers.map((e) => env.inline(e)) });
    if (t.educationProviders?.length) facts.push({ label: labels.t('jobTrack.educationProviders'), field: `${item}/educationProviders`, list: t.educationProviders.map((e) => env.inline(e)) });
    key = 'prerequisites';
    add(labels.t('jobTrack.prerequisites'), t.prerequisites ? env.inline(t.prerequisites) : undefined);
    key = 'status';
    add(labels.t('jobTrack.status'), t.status ? esc(labels.t(`jobTrack.statuses.${t.status}`)) : undefined);
    const description = t.description ? blocksToHtml(parseMarkdownText(t.description).children, env.md) : undefined;
    return { id: env.uniqueId(`jobbspar-${t.id}`), item, name: env.inline(t.name), facts, description };
  });
  return { items, empty: items.length === 0 ? labels.t('jobTracksNone') : undefined };
}

async function figureView(f: FigureData, env: FactEnv) {
  env.figureCount.n += 1;
  const base = {
    id: env.uniqueId(`figur-${f.id}`),
    item: `figures/${f.id}`,
    number: env.labels.t('figureNumbered', { n: env.figureCount.n }),
    caption: env.inline(f.caption),
    alt: f.alt,
  };
  if (f.file && f.placeholder !== true) {
    const abs = await resolveInside(env.project.root, env.agreement.dir, f.file);
    const mime = MIME[path.extname(f.file).toLowerCase()];
    if (abs && mime) {
      const bytes = await readFile(abs).catch(() => undefined);
      if (bytes && bytes.length <= MAX_IMAGE_BYTES) {
        return { ...base, src: `data:${mime};base64,${bytes.toString('base64')}` };
      }
    }
  }
  return { ...base, placeholder: { missing: env.labels.t('figureMissing'), alt: env.labels.t('figureAlt', { alt: f.alt }) } };
}

function budgetView(env: FactEnv) {
  const b = env.agreement.budget;
  if (!b) return { years: [], lines: [], contributions: undefined };
  const { labels } = env;
  const money = (n: number | undefined) => (n === undefined ? labels.t('missingAmount') : formatKronor(n, labels));
  const row = (item: string, label: string, amounts: Record<string, number>) => ({ item, label, cells: b.years.map((y) => ({ field: `${item}/amounts/${y}`, text: money(amounts[String(y)]) })) });
  const sum = (list: { amounts: Record<string, number> }[]) =>
    b.years.map((y) => formatKronor(list.reduce((acc, l) => acc + (l.amounts[String(y)] ?? 0), 0), labels));
  const contributions = b.contributions && b.contributions.length > 0
    ? { rows: b.contributions.map((c) => row(`budget/contributions/${c.party}`, organisationOf(env.project, c.party).name, c.amounts)), sums: sum(b.contributions) }
    : undefined;
  return {
    years: b.years.map(String),
    lines: b.lines.map((l) => ({ ...row(`budget/lines/${l.id}`, '', l.amounts), label: env.inline(l.label) })),
    sums: sum(b.lines),
    contributions,
  };
}

function signaturesView(env: FactEnv) {
  const file = env.agreement.agreement;
  const { labels } = env;
  const decision = file.decision ? labels.t('decisionLine', { date: fieldMark('decision/date', file.decision.date), body: fieldMark('decision/body', file.decision.body) }) : undefined;
  const blocks = file.signatories.map((s) => {
    const party = file.parties.find((p) => p.organisation === s.party);
    const o = organisationOf(env.project, s.party);
    const item = `signatories/${s.id}`;
    const placeDate = [s.place ? fieldMark(`${item}/place`, s.place) : '', s.date ? fieldMark(`${item}/date`, s.date) : ''].filter(Boolean).join(' ');
    return {
      item,
      organisation: o.name,
      orgnr: o.orgnr,
      name: s.name,
      title: s.title,
      unit: s.unit ?? party?.unit,
      scope: s.scope ?? party?.scope,
      placeDate: placeDate || undefined,
    };
  });
  const rows: (typeof blocks)[] = [];
  for (let i = 0; i < blocks.length; i += 2) rows.push(blocks.slice(i, i + 2));
  return { decision, blocks, rows };
}
