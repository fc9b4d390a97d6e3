/**
 * A JSON path in words, counted from 1 as people count: `signatories.9` becomes
 * "undertecknare 10 (Annika Jonsson)", `goals.12.indicators.1.target` becomes
 * "indikator 2 (ind-2) under mål 13 ”Fler individer …”". Paths without list items stay as they are.
 */
import type { YamlSource } from './locate.ts';

const NOUNS: Record<string, string> = {
  organisations: 'organisation', parties: 'part', signatories: 'undertecknare', sections: 'avsnitt', bilagor: 'bilaga',
  figures: 'figur', targetGroups: 'målgrupp', commitments: 'åtagande', otherPartners: 'samverkanspart', goals: 'mål',
  indicators: 'indikator', areas: 'målområde', items: 'punkt', breakdown: 'uppdelning', groups: 'grupp', tables: 'tabell',
  columns: 'kolumn', rows: 'rad', processes: 'process', steps: 'steg', jobTracks: 'jobbspår', lines: 'budgetpost',
  contributions: 'medlemsbidrag', years: 'år', adopted: 'antagen revision', members: 'medlem', responsibilities: 'ansvar',
  employers: 'arbetsgivare', educationProviders: 'utbildningsanordnare',
};

function nameOf(item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  const o = item as Record<string, unknown>;
  for (const key of ['name', 'title']) if (typeof o[key] === 'string' && o[key] !== '') return `(${String(o[key])})`;
  if (typeof o.text === 'string' && o.text !== '') return `”${o.text.length > 40 ? `${o.text.slice(0, 40)}…` : o.text}”`;
  for (const key of ['caption', 'label']) if (typeof o[key] === 'string' && o[key] !== '') return `(${String(o[key])})`;
  if (typeof o.id === 'string') return `(${o.id})`;
  if (typeof o.organisation === 'string') return `(${o.organisation})`;
  return '';
}

/** The path in words; `source` supplies the items' names; `withField` adds the fields after the last item. */
export function describePath(source: YamlSource | undefined, path: readonly (string | number)[], withField = true): string {
  if (!path.some((s) => typeof s === 'number')) return path.join('.');
  const items: string[] = [];
  let rest: string[] = [];
  let data: unknown = source?.doc.toJS();
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    data = data && typeof data === 'object' ? (data as Record<string | number, unknown>)[seg] : undefined;
    if (typeof seg === 'number') {
      const key = String(path[i - 1] ?? '');
      rest = [];
      const name = nameOf(data);
      items.unshift(`${NOUNS[key] ?? key} ${seg + 1}${name ? ` ${name}` : ''}`);
    } else if (typeof path[i + 1] !== 'number') rest.push(seg);
  }
  return `${items.join(' under ')}${withField && rest.length > 0 ? `, ${rest.join('.')}` : ''}`;
}
