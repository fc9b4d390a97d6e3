/** Swedish sentences for changes, as a board secretary would write them in an ändringsförteckning. */
import type { Change, EntityKind, WordPart } from './types.ts';
import { canonicalText, formatTarget, plainText, quote, shorten } from './values.ts';
import type { TargetData } from '../model/schema.ts';
import { directiveSpecs } from '../model/directives.ts';

interface Noun { def: string; indef: string }

const NOUNS: Record<EntityKind, Noun> = {
  overenskommelse: { def: 'överenskommelsen', indef: 'en överenskommelse' },
  part: { def: 'parten', indef: 'en ny part' },
  'ovrig-part': { def: 'den övriga samverkansparten', indef: 'en ny övrig samverkanspart' },
  undertecknare: { def: 'undertecknaren', indef: 'en ny undertecknare' },
  giltighet: { def: 'giltigheten', indef: 'giltighet' },
  beslut: { def: 'beslutet', indef: 'ett beslut' },
  dokument: { def: 'huvuddokumentet', indef: 'ett dokument' },
  bilaga: { def: 'bilagan', indef: 'en ny bilaga' },
  avsnitt: { def: 'avsnittet', indef: 'ett nytt avsnitt' },
  mal: { def: 'målet', indef: 'ett nytt mål' },
  indikator: { def: 'indikatorn', indef: 'en ny indikator' },
  malomrade: { def: 'målområdet', indef: 'ett nytt målområde' },
  uppfoljning: { def: 'uppföljningspunkten', indef: 'en ny uppföljningspunkt' },
  malgrupp: { def: 'målgruppen', indef: 'en ny målgrupp' },
  atagande: { def: 'åtagandet', indef: 'ett nytt åtagande' },
  figur: { def: 'figuren', indef: 'en ny figur' },
  jobbspar: { def: 'jobbspåret', indef: 'ett nytt jobbspår' },
  grupp: { def: 'gruppen', indef: 'en ny grupp' },
  tabell: { def: 'tabellen', indef: 'en ny tabell' },
  tabellrad: { def: 'raden', indef: 'en ny rad' },
  process: { def: 'processen', indef: 'en ny process' },
  steg: { def: 'steget', indef: 'ett nytt steg' },
  budgetpost: { def: 'budgetposten', indef: 'en ny budgetpost' },
  medlemsbidrag: { def: 'medlemsbidraget från', indef: 'ett nytt medlemsbidrag från' },
  budgetar: { def: 'budgetåret', indef: 'ett nytt budgetår' },
  listpost: { def: 'punkten', indef: 'en ny punkt' },
  stycke: { def: 'stycket', indef: 'ett nytt stycke' },
  rubrik: { def: 'rubriken', indef: 'en ny rubrik' },
  listpunkt: { def: 'punkten', indef: 'en ny punkt' },
  prosarad: { def: 'tabellraden', indef: 'en ny tabellrad' },
  kod: { def: 'kodblocket', indef: 'ett nytt kodblock' },
  fotnot: { def: 'fotnoten', indef: 'en ny fotnot' },
  inslag: { def: 'visningen', indef: 'en ny visning' },
  annat: { def: 'textblocket', indef: 'ett nytt textblock' },
};

/** Entities named without quotes (organisations and people). */
const UNQUOTED = new Set<EntityKind>(['part', 'undertecknare', 'medlemsbidrag', 'budgetar']);
/** Entities that are blocks of prose in a section. */
export const PROSE = new Set<EntityKind>(['stycke', 'rubrik', 'listpunkt', 'prosarad', 'kod', 'fotnot', 'inslag', 'annat']);

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The item as a definite noun phrase: "indikatorn ”Minst 60 % …”", "parten Kriminalvården". */
export function subjectOf(entity: EntityKind, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const noun = NOUNS[entity].def;
  return UNQUOTED.has(entity) ? `${noun} ${name}` : `${noun} ${quote(shorten(plainText(name)))}`;
}

/** A block referred to by its first words: "stycket som börjar ”Den 25 mars …”". */
export function blockRef(entity: EntityKind, text: string): string {
  if (entity === 'inslag') return `visningen av ${directiveWords(text)}`;
  return `${NOUNS[entity].def} som börjar ${quote(opening(text))}`;
}

/** The first words of a block: "Den 25 mars tog styrelsen …". */
function opening(text: string): string {
  const words = plainText(text.replace(/^\[\^[^\]]+\]:\s*/, '')).split(' ');
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')} …`;
}

/** The word differences in words: "”a” ändras till ”b”; ”c” stryks; ”d” läggs till efter ”e”". */
export function describeWords(words: readonly WordPart[]): string {
  const phrases: string[] = [];
  for (let k = 0; k < words.length; ) {
    if (words[k]?.op === 'equal') { k += 1; continue; }
    const prev = words[k - 1];
    let del = '';
    let ins = '';
    for (; k < words.length && words[k]?.op !== 'equal'; k += 1) {
      const w = words[k] as WordPart;
      if (w.op === 'delete') del += w.text; else ins += w.text;
    }
    const d = shorten(plainText(del), 160);
    const i = shorten(plainText(ins), 160);
    const before = prev?.op === 'equal' ? plainText(prev.text).split(' ').slice(-3).join(' ') : '';
    if (d === i && d === '') phrases.push(ins.includes('\n') ? 'en radbrytning läggs till' : del.includes('\n') ? 'en radbrytning tas bort' : 'blanksteg ändras');
    else if (d === i) phrases.push(`formateringen av ${quote(d)} ändras`);
    else if (d && i) phrases.push(`${quote(d)} ersätts med ${quote(i)}`);
    else if (d) phrases.push(`${quote(d)} stryks`);
    else phrases.push(before ? `${quote(i)} läggs till efter ${quote(before)}` : `${quote(i)} läggs till först`);
  }
  return phrases.join('; ');
}

/** What a directive paragraph shows, in words: "målgrupperna", "målen (strategiskt mål)". */
export function directiveWords(text: string): string {
  const m = /^::([a-z-]+)(?:\{([^}]*)\})?$/.exec(text.trim());
  if (!m) return 'faktauppgifterna';
  const spec = directiveSpecs[m[1] ?? ''];
  return spec ? spec.shows.replace(/, med indikatorer$/, '') : 'faktauppgifterna';
}

function describeDirective(c: Change): string {
  const shows = directiveWords(String(c.after ?? c.before ?? ''));
  switch (c.kind) {
    case 'added': return `Visningen av ${shows} läggs till i avsnittet`;
    case 'removed': return `Visningen av ${shows} tas bort ur avsnittet`;
    case 'moved': case 'moved-changed': return `Visningen av ${shows} flyttas${c.where ? ` ${c.where}` : ''}`;
    default: return `Urvalet i visningen av ${directiveWords(String(c.before ?? ''))} ändras till ${shows}`;
  }
}

function describeProse(c: Change): string {
  if (c.entity === 'inslag') return describeDirective(c);
  const noun = NOUNS[c.entity];
  const text = String(c.after ?? c.before ?? c.name ?? '');
  const where = c.where ? ` ${c.where}` : '';
  switch (c.kind) {
    case 'added': return `${cap(noun.indef)} läggs till${where}: ${quote(plainText(text.replace(/^\[\^[^\]]+\]:\s*/, '')))}`;
    case 'removed': return `${cap(noun.def)} ${quote(plainText(text.replace(/^\[\^[^\]]+\]:\s*/, '')))} utgår`;
    case 'moved': return `${cap(noun.def)} som börjar ${quote(opening(text))} flyttas${where}`;
    case 'moved-changed': return `${cap(noun.def)} som börjar ${quote(opening(String(c.before ?? text)))} flyttas${where} och ändras: ${describeWords(c.words ?? [])}`;
    default: return `I ${noun.def} som börjar ${quote(opening(String(c.before ?? text)))}: ${describeWords(c.words ?? [])}`;
  }
}

function describeField(c: Change): string {
  const subject = c.subject ?? subjectOf(c.entity, c.name);
  const forWhom = subject ? ` för ${subject}` : '';
  const field = c.field ?? c.label;
  const b = c.shown?.before ?? String(c.before);
  const a = c.shown?.after ?? String(c.after);
  if (c.before === undefined) return `${field}${forWhom} sätts till ${a}`;
  if (c.after === undefined) return `${field}${forWhom} tas bort (var ${b})`;
  if (c.words && (b.length > 60 || a.length > 60)) return `${field}${forWhom} ändras: ${describeWords(c.words)}`;
  return `${field}${forWhom} ändras från ${b} till ${a}${c.delta ? ` (${c.delta})` : ''}`;
}

/** One full Swedish entry describing a change, with the parts folded into it (see consolidate.ts). */
export function describeChange(c: Change): string {
  const own = describeOne(c);
  const parts = c.parts ?? [];
  if (parts.length === 0) return own;
  if (c.entity === 'part') {
    const names = parts.map((p) => (p.entity === 'undertecknare' ? `undertecknaren ${plainText(p.name ?? '')}` : subjectOf(p.entity, p.name) ?? ''));
    return `${own} Därmed ${c.kind === 'added' ? 'tillkommer' : 'utgår'} även ${joinSv(names)}.`;
  }
  if (c.path === 'revision/id') return describeRevision(c);
  const rest = parts.map((p) => (p.label === 'Lydelse' && p.after !== undefined ? end(`Ny lydelse: ${quote(plainText(canonicalText(String(p.after))))}`) : describeOne(p)));
  return [own, ...rest].join(' ');
}

/** The revision's id, date and status in one sentence: "Revisionen blir 2024 (förslag, 2023-11-30) i stället för 2023 (antagen, 2022-11-25)." */
function describeRevision(c: Change): string {
  const side = (k: 'before' | 'after'): string => {
    const date = c.parts?.find((p) => p.path === 'revision/date')?.[k] ?? (k === 'before' ? undefined : undefined);
    const status = c.parts?.find((p) => p.path === 'revision/status')?.shown?.[k];
    const extra = [status, date].filter((x) => x !== undefined && x !== 'inget').map(String);
    return `${String(c[k] ?? '')}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
  };
  return `Revisionen ändras från ${side('before')} till ${side('after')}.`;
}

const joinSv = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} och ${xs[xs.length - 1] ?? ''}`);

/** What a new goal brings: its indicators with their targets. */
function goalIndicators(c: Change): string {
  const g = c.after as { indicators?: { text: string; target?: unknown }[] } | undefined;
  const list = g?.indicators ?? [];
  if (list.length === 0) return '';
  const one = (i: { text: string; target?: unknown }): string => `${quote(plainText(canonicalText(i.text)))}${i.target ? ` (målvärde ${formatTarget(i.target as TargetData)})` : ''}`;
  return ` ${list.length === 1 ? 'Indikator' : 'Indikatorer'}: ${list.map(one).join('; ')}.`;
}

function describeOne(c: Change): string {
  if (PROSE.has(c.entity)) return end(describeProse(c));
  const noun = NOUNS[c.entity];
  const name = plainText(c.name ?? '');
  const ctx = c.context ? ` ${c.context}` : '';
  let s: string;
  switch (c.kind) {
    case 'added':
      if (c.entity === 'part') s = `${name} tillkommer som part`;
      else if (c.entity === 'undertecknare') s = `${name} tillkommer som undertecknare`;
      else if (c.entity === 'ovrig-part') s = `${quote(name)} tillkommer som övrig samverkanspart`;
      else if (UNQUOTED.has(c.entity)) s = `${cap(noun.indef)} ${name}${ctx} läggs till`;
      else s = `${cap(noun.indef)}${ctx} läggs till${c.where ? ` ${c.where}` : ''}: ${quote(name)}`;
      break;
    case 'removed':
      if (c.entity === 'part') s = `${name} utgår som part`;
      else if (c.entity === 'undertecknare') s = `${name} utgår som undertecknare`;
      else if (c.entity === 'ovrig-part') s = `${quote(name)} utgår som övrig samverkanspart`;
      else s = `${cap(subjectOf(c.entity, name) ?? noun.def)}${ctx} utgår`;
      break;
    case 'moved':
    case 'moved-changed':
      s = `${cap(subjectOf(c.entity, name) ?? noun.def)}${ctx} flyttas${c.where ? ` ${c.where}` : ''}`;
      break;
    default:
      s = describeField(c);
  }
  return end(s) + (c.kind === 'added' && c.entity === 'mal' ? goalIndicators(c) : '');
}

/** Ends a sentence with one full stop, also after a quote that ends with one. */
const end = (s: string): string => (/[.!?]”?$/.test(s) ? s : `${s}.`);

/** A short Swedish name for a change kind, singular or plural. */
export function kindWord(kind: Change['kind'], n: number): string {
  const words: Record<Change['kind'], [string, string]> = {
    added: ['tillagd', 'tillagda'], removed: ['borttagen', 'borttagna'], changed: ['ändrad', 'ändrade'],
    moved: ['flyttad', 'flyttade'], 'moved-changed': ['flyttad och ändrad', 'flyttade och ändrade'],
  };
  return words[kind][n === 1 ? 0 : 1];
}

/** Counts by kind in words: "3 tillagda, 1 borttagen, 5 ändrade, 1 flyttad"; "Inga ändringar" when empty. */
export function describeCounts(changes: readonly Change[]): string {
  const order: Change['kind'][] = ['added', 'removed', 'changed', 'moved', 'moved-changed'];
  const parts = order.map((k) => [k, changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${kindWord(k, n)}`);
  return parts.length > 0 ? parts.join(', ') : 'Inga ändringar';
}

/** Canonical block text as plain reading text (re-exported for formatters). */
export const readable = (text: string): string => plainText(canonicalText(text));
