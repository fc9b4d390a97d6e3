/** Field-by-field comparison of one item, with Swedish labels taken from the schema titles. */
import type { TObject } from '@sinclair/typebox';
import type { TargetData } from '../model/schema.ts';
import type { Change, EntityKind } from './types.ts';
import { diffWords } from './prose.ts';
import { matchList } from './lists.ts';
import { amountDelta, canonicalText, dateDelta, formatAmount, formatNumber, formatTarget, numberDelta, plainText, quote, shorten, targetDelta } from './values.ts';

/** How a field's value is compared and shown. */
export type FieldFormat = 'text' | 'date' | 'bool' | 'int' | 'enum' | 'target' | 'textlist' | 'ref' | 'year' | 'amount';

/** One field of an item: its key, Swedish title and definite form, and how it is shown. */
export interface FieldSpec {
  key: string;
  title: string;
  /** Definite form used in sentences: "Målvärdet", "Namnet". */
  definite: string;
  format: FieldFormat;
  /** Shows a reference (an organisation or area id) by name. */
  show?: (value: unknown) => string;
}

/** The item a field belongs to, for the changes it produces. */
export interface ItemRef {
  area: string;
  path: string;
  entity: EntityKind;
  name?: string;
  context?: string;
  /** The item as a definite noun phrase, e.g. "gruppen ”Styrgruppen”". */
  subject?: string;
}

const DEFINITE: Record<string, string> = {
  Namn: 'Namnet', Titel: 'Titeln', Enhet: 'Enheten', Omfattning: 'Omfattningen', Ort: 'Orten', Datum: 'Datumet',
  Roll: 'Rollen', 'Medlem i samordningsförbundet': 'Medlemskapet i samordningsförbundet', Part: 'Parten',
  Målvärde: 'Målvärdet', Mätning: 'Mätningen', Målnivå: 'Målnivån', Område: 'Området', Beteckning: 'Beteckningen',
  Övermål: 'Övermålet', Rubrik: 'Rubriken', Underrubrik: 'Underrubriken', Kluster: 'Klustret', Finsam: 'Finsam-markeringen',
  Bilagenummer: 'Bilagenumret', Dokumentslag: 'Dokumentslaget', Platshållare: 'Platshållarmarkeringen',
  'Numrerade rubriknivåer': 'Antalet numrerade rubriknivåer', Bildtext: 'Bildtexten', Alternativtext: 'Alternativtexten',
  Bild: 'Bilden', Definition: 'Definitionen', Slag: 'Slaget', Text: 'Texten', 'Består av': 'Sammansättningen',
  Ordförande: 'Ordföranden', Möten: 'Mötesfrekvensen', Ansvar: 'Ansvaret', Tabellrubrik: 'Tabellrubriken',
  Kolumner: 'Kolumnerna', Kommun: 'Kommunen', Status: 'Statusen', 'Kurstid (veckor)': 'Kurstiden i veckor',
  'Deltagare per år': 'Antalet deltagare per år', 'Deltagare avser år': 'Året som deltagarantalet avser',
  'Planerat antal': 'Markeringen planerat antal', 'Medverkande arbetsgivare': 'De medverkande arbetsgivarna',
  Utbildningsanordnare: 'Utbildningsanordnarna', Förkunskaper: 'Förkunskapskraven', Beskrivning: 'Beskrivningen',
  Post: 'Benämningen', Lydelse: 'Lydelsen', Uppdelning: 'Uppdelningen', Rubriknivå: 'Rubriknivån', Numrerad: 'Numreringen',
  'Övriga samverkansparter': 'De övriga samverkansparterna', 'Beslutande organ': 'Det beslutande organet',
  'Beslutande part': 'Den beslutande parten', Protokoll: 'Protokollhänvisningen', Revision: 'Revisionen',
  Revisionsdatum: 'Revisionsdatumet',
};

/** The definite form of a field title, for sentences. */
export const definiteOf = (title: string): string => DEFINITE[title] ?? `Fältet ${quote(title)}`;

/** The schema title of a property of a TypeBox object. */
export function titleOf(schema: TObject, key: string): string {
  const prop = schema.properties[key] as { title?: string } | undefined;
  return prop?.title ?? key;
}

/** A field spec whose title comes from the schema (or `title` when given). */
export function field(schema: TObject | undefined, key: string, format: FieldFormat, extra: { title?: string; definite?: string; show?: (v: unknown) => string } = {}): FieldSpec {
  const title = extra.title ?? (schema ? titleOf(schema, key) : key);
  return { key, title, definite: extra.definite ?? definiteOf(title), format, ...(extra.show ? { show: extra.show } : {}) };
}

/** True when two values of a field mean the same to a reader. */
export function sameValue(format: FieldFormat, a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (format === 'text') return canonicalText(String(a)) === canonicalText(String(b));
  if (format === 'textlist') return JSON.stringify((a as string[]).map(canonicalText)) === JSON.stringify((b as string[]).map(canonicalText));
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** Objects with their keys sorted, so YAML key order never matters. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, normalise(x)]));
  return v;
}

/** A value as a reader sees it. */
export function showValue(spec: FieldSpec, v: unknown): string {
  if (v === undefined) return 'inget';
  if (spec.show) return spec.show(v);
  switch (spec.format) {
    case 'text': return quote(shorten(plainText(canonicalText(String(v))), 200));
    case 'bool': return v ? 'ja' : 'nej';
    case 'int': return typeof v === 'number' ? formatNumber(v) : String(v);
    case 'amount': return typeof v === 'number' ? formatAmount(v) : String(v);
    case 'target': return formatTarget(v as TargetData);
    case 'textlist': return (v as string[]).map((x) => quote(plainText(canonicalText(x)))).join(', ');
    default: return String(v);
  }
}

/** Compares the fields of one item and pushes a change for each field that differs. */
export function diffFields(specs: readonly FieldSpec[], before: Record<string, unknown>, after: Record<string, unknown>, item: ItemRef, out: Change[]): void {
  for (const spec of specs) {
    const b = before[spec.key];
    const a = after[spec.key];
    if (sameValue(spec.format, b, a)) continue;
    if (spec.format === 'textlist' && b !== undefined && a !== undefined) {
      diffTextList(spec, b as string[], a as string[], item, out);
      continue;
    }
    const change: Change = {
      kind: 'changed', area: item.area, path: `${item.path}/${spec.key}`, item: item.path, label: spec.title, entity: item.entity,
      field: spec.definite, shown: { before: showValue(spec, b), after: showValue(spec, a) },
      ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}),
      ...(item.name !== undefined ? { name: item.name } : {}), ...(item.context ? { context: item.context } : {}),
      ...(item.subject ? { subject: item.subject } : {}),
    };
    const delta = deltaOf(spec, b, a);
    if (delta) change.delta = delta;
    if (spec.format === 'target' && b && a && (b as TargetData).type === (a as TargetData).type) change.path += '/value';
    if (spec.format === 'text' && b !== undefined && a !== undefined) change.words = diffWords(canonicalText(String(b)), canonicalText(String(a)));
    out.push(change);
  }
}

function deltaOf(spec: FieldSpec, b: unknown, a: unknown): string | undefined {
  if (spec.format === 'date') return dateDelta(b, a);
  if (spec.format === 'amount' && typeof b === 'number' && typeof a === 'number') return amountDelta(b, a);
  if (spec.format === 'target') return targetDelta(b as TargetData | undefined, a as TargetData | undefined);
  if ((spec.format === 'int' || spec.format === 'year') && typeof b === 'number' && typeof a === 'number') return numberDelta(b, a);
  return undefined;
}

/** A list of texts compared item by item: added, removed and moved entries. */
function diffTextList(spec: FieldSpec, before: string[], after: string[], item: ItemRef, out: Change[]): void {
  const context = `under ${spec.title}${item.subject ? ` för ${item.subject}` : ''}`;
  for (const m of matchList(before, after, canonicalText)) {
    const name = plainText(canonicalText(m.after ?? m.before ?? ''));
    const base = { area: item.area, label: spec.title, entity: 'listpost' as const, name, context, item: item.path };
    if (m.before === undefined) out.push({ ...base, kind: 'added', path: `${item.path}/${spec.key}/${m.afterIndex}`, after: m.after });
    else if (m.after === undefined) out.push({ ...base, kind: 'removed', path: `${item.path}/${spec.key}/${m.beforeIndex}`, before: m.before });
    else if (m.moved) out.push({ ...base, kind: 'moved', path: `${item.path}/${spec.key}/${m.afterIndex}`, where: `från plats ${(m.beforeIndex ?? 0) + 1} till plats ${(m.afterIndex ?? 0) + 1}` });
  }
}
