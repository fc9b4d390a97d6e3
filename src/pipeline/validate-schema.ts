/**
 * Validating parsed YAML against the JSON Schemas with ajv, and turning ajv's errors into
 * Swedish diagnostics placed on the exact line and column of the failing value.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { fileSchemas, type FileKind } from '../model/schema.ts';
import { jsonSchemaFor } from '../model/json-schema.ts';
import { AJV_OPTIONS } from '../model/ajv-options.ts';
import precompiled from '../model/validators.generated.cjs';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf, pointerToPath, type YamlSource } from '../diagnostics/locate.ts';
import { describePath } from '../diagnostics/describe-path.ts';

/** ajv itself is loaded only to compile a schema the precompiled validators lack. */
const load = createRequire(import.meta.url);

let ajv: Ajv2020 | undefined;
const compiled = new Map<FileKind, ValidateFunction>();

/**
 * The validator of a file kind: the precompiled one (src/model/validators.generated.cjs, written by
 * `npm run schema`; tests/schema-files.test.ts keeps it equal to the model), else compiled here.
 */
function validatorFor(kind: FileKind): ValidateFunction {
  let v = compiled.get(kind) ?? precompiled[kind];
  if (!v) {
    if (!ajv) {
      const { Ajv2020: Ajv } = load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
      const addFormats = load('ajv-formats') as (instance: Ajv2020) => Ajv2020;
      ajv = addFormats(new Ajv({ ...AJV_OPTIONS }));
    }
    v = ajv.compile(jsonSchemaFor(kind));
    compiled.set(kind, v);
  }
  return v;
}

/** Validates `data` as a file of `kind`; returns diagnostics (empty when valid). */
export function validateSchema(kind: FileKind, data: unknown, source: YamlSource): Diagnostic[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  const errors = pickErrors(validate.errors ?? []);
  return errors.map((e) => toDiagnostic(e, source, kind));
}

/**
 * ajv reports every branch of a union; keep, per failing value, the errors of the branch that
 * got furthest, and drop the generic "must match a schema in anyOf" when a detail exists.
 */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const underUnion = [...anyOfPaths].some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
    if (underUnion) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (!seen.has(key)) { seen.add(key); kept.push(e); }
  }
  for (const p of anyOfPaths) {
    const branch = errors.filter((e) => e.keyword !== 'anyOf' && (e.instancePath === p || e.instancePath.startsWith(`${p}/`)));
    // A union of objects told apart by a literal field (target: type: percent | number | comparison):
    // when exactly one branch's literal matched, that branch's errors are the only ones that apply.
    const matched = discriminated(errors, p, branch);
    if (matched) {
      for (const e of matched) {
        const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
        if (!seen.has(key)) { seen.add(key); kept.push(e); }
      }
      continue;
    }
    // Prefer a branch whose discriminating `type` literal matched: its errors are about deeper fields.
    const deeper = branch.filter((e) => e.instancePath !== p || e.keyword === 'required' || e.keyword === 'additionalProperties');
    const chosen = deeper.length > 0 && !deeper.every((e) => e.keyword === 'additionalProperties') ? deeper : [];
    if (chosen.length > 0) {
      for (const e of chosen) {
        const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
        if (!seen.has(key)) { seen.add(key); kept.push(e); }
      }
    } else {
      const e = errors.find((x) => x.keyword === 'anyOf' && x.instancePath === p);
      if (e && !kept.some((k) => k.instancePath.startsWith(p))) {
        // A union of literals (kind: kommun | region …): name the allowed values.
        const consts = branch.filter((x) => x.instancePath === p && x.keyword === 'const');
        if (consts.length > 0 && consts.length === branch.length) {
          kept.push({ ...e, keyword: 'enum', params: { allowedValues: consts.map((x) => (x.params as { allowedValue: unknown }).allowedValue) } });
        } else kept.push(e);
      }
    }
  }
  return kept;
}

function discriminated(errors: ErrorObject[], p: string, branch: ErrorObject[]): ErrorObject[] | undefined {
  const union = errors.find((e) => e.keyword === 'anyOf' && e.instancePath === p);
  if (!union) return undefined;
  const byBranch = new Map<string, ErrorObject[]>();
  for (const e of branch) {
    const m = new RegExp(`^${union.schemaPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)/`).exec(e.schemaPath);
    if (!m) return undefined;
    byBranch.set(m[1] ?? '', [...(byBranch.get(m[1] ?? '') ?? []), e]);
  }
  const literalFailed = (list: ErrorObject[]) => list.some((e) => e.keyword === 'const' && /^\/[^/]+$/.test(e.instancePath.slice(p.length)));
  const failing = [...byBranch.values()].filter(literalFailed);
  const live = [...byBranch.values()].filter((l) => !literalFailed(l));
  return failing.length > 0 && live.length === 1 ? live[0] : undefined;
}

function describe(schemaPath: string, kind: FileKind): { title?: string; description?: string } {
  // Walk the schema by the error's schemaPath to find the Swedish title and description.
  let node: unknown = fileSchemas[kind];
  const segs = schemaPath.replace(/^#\//, '').split('/');
  let best: { title?: string; description?: string } = {};
  for (const seg of segs) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[seg];
    if (node && typeof node === 'object') {
      const n = node as { title?: unknown; description?: unknown };
      if (typeof n.title === 'string') best = { title: n.title, ...(typeof n.description === 'string' ? { description: n.description } : {}) };
    }
  }
  return best;
}

function typeName(value: unknown): string {
  if (value === null) return 'tomt (null)';
  if (Array.isArray(value)) return 'en lista';
  switch (typeof value) {
    case 'string': return `texten "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    case 'number': return `talet ${value}`;
    case 'boolean': return value ? 'true' : 'false';
    case 'object': return 'ett objekt med fält';
    default: return typeof value;
  }
}

const expectedName: Record<string, string> = {
  string: 'en text', number: 'ett tal', integer: 'ett heltal', boolean: 'true eller false', array: 'en lista (rader som börjar med -)', object: 'ett objekt med fält', null: 'tomt',
};

function toDiagnostic(e: ErrorObject, source: YamlSource, kind: FileKind): Diagnostic {
  const path = pointerToPath(e.instancePath);
  const info = describe(e.schemaPath.replace(/\/[^/]+$/, ''), kind);
  const field = String(path[path.length - 1] ?? '');
  const words = describePath(source, path);
  // "Procent för indikator 1 … under mål 1 …" when the path has list items, else "Titel (validity.to)".
  const items = path.some((seg) => typeof seg === 'number');
  const label = info.title ? (items ? `${info.title} för ${describePath(source, path, false)}` : `${info.title} (${words || 'filen'})`) : `Värdet ${words}`;
  const value = valueAt(source, path);
  const facts = { label, description: info.description ?? '' };
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const sub = describe(`${e.schemaPath.replace(/\/required$/, '')}/properties/${missing}`, kind);
      return diagnostic('falt-saknas', placeOf(source, path), { field: missing, in: words, description: sub.description ?? '' });
    }
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const parent = describeObject(e.schemaPath, kind);
      return diagnostic('falt-okant', placeOf(source, [...path, extra], 'key'), { field: extra, in: words, allowed: parent });
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      // YAML reads 2120002627, 2023 or ja/nej-like true as numbers and booleans: text needs quotes.
      const quote = expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
        ? ` Skriv värdet inom citattecken så att det blir text: "${String(value)}".`
        : expected === 'number' && typeof value === 'string' && /^\s*-?[\d\s]+([.,]\d+)?\s*%?\s*$/.test(value)
          ? ` Skriv bara talet, utan procenttecken, mellanslag eller kommatecken: ${value.replace(/[\s%]/g, '').replace(',', '.')}.` : '';
      return diagnostic('fel-typ', placeOf(source, path), { ...facts, description: `${facts.description}${quote}`.trim(), expected: expectedName[expected] ?? expected, actual: typeName(value) });
    }
    case 'format':
      if ((e.params as { format: string }).format === 'date') return diagnostic('ogiltigt-datum', placeOf(source, path), { value: String(value) });
      return diagnostic('ogiltigt-varde', placeOf(source, path), { ...facts, detail: `${typeName(value)} har fel format` });
    case 'pattern':
      if (field === 'id' || /Id$/.test(field)) return diagnostic('ogiltigt-id', placeOf(source, path), { value: String(value) });
      return diagnostic('ogiltigt-varde', placeOf(source, path), { ...facts, detail: `${typeName(value)} har fel form` });
    default:
      return diagnostic('ogiltigt-varde', placeOf(source, path), { ...facts, detail: detailFor(e, value) });
  }
}

function detailFor(e: ErrorObject, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
    case 'const': return `${typeName(value)} är inte ${typeof value === 'string' || Array.isArray(value) ? 'tillåten' : 'tillåtet'} (tillåtet: ${(p.allowedValues as unknown[] | undefined)?.join(', ') ?? String(p.allowedValue)})`;
    case 'minimum': return `${typeName(value)} är mindre än ${String(p.limit)}`;
    case 'maximum': return `${typeName(value)} är större än ${String(p.limit)}`;
    case 'minLength': return 'texten är tom';
    case 'maxLength': return `texten är längre än ${String(p.limit)} tecken`;
    case 'minItems': return `listan ska ha minst ${String(p.limit)} ${p.limit === 1 ? 'post' : 'poster'}`;
    case 'anyOf': return `${typeName(value)} passar inte någon av de tillåtna formerna`;
    default: return `${typeName(value)} (${e.keyword})`;
  }
}

function describeObject(schemaPath: string, kind: FileKind): string {
  let node: unknown = fileSchemas[kind];
  for (const seg of schemaPath.replace(/^#\//, '').replace(/(^|\/)additionalProperties$/, '').split('/').filter(Boolean)) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[seg];
  }
  const props = node && typeof node === 'object' ? (node as { properties?: Record<string, unknown> }).properties : undefined;
  return props ? Object.keys(props).filter((k) => k !== '$schema').join(', ') : '';
}

function valueAt(source: YamlSource, path: (string | number)[]): unknown {
  const node = source.doc.getIn(path, true) as { toJSON?: () => unknown } | undefined;
  try {
    return node && typeof node.toJSON === 'function' ? node.toJSON() : source.doc.getIn(path);
  } catch {
    return undefined;
  }
}
