/**
 * The JSON Schemas in schema/ are generated from the TypeBox model (npm run schema); the files on
 * disk must equal what the model gives now, so the TypeScript types and the schemas editors read
 * cannot drift apart. Each schema must compile with Ajv (draft 2020-12) and speak Swedish.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fileSchemas, type FileKind } from '../src/model/schema.ts';
import { jsonSchemaFor, jsonSchemaText } from '../src/model/json-schema.ts';
import { standaloneValidatorsText } from '../src/model/standalone-validators.ts';
import precompiled from '../src/model/validators.generated.cjs';
import { precompiledTemplatesText } from '../src/pipeline/precompile-templates.ts';
import { repoRoot } from './helpers/validate-cases.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const kinds = Object.keys(fileSchemas) as FileKind[];
const schemaDir = path.join(repoRoot, 'schema');

/** Swedish text: has å, ä or ö, or one of the common Swedish words, and none of a few English ones. */
const swedish = (s: string) => /[åäöÅÄÖ]|\b(och|eller|en|ett|som|med|för|till|i|av)\b/.test(s) && !/\b(the|must|should|file)\b/i.test(s);

describe('schema files', () => {
  it('schema/ holds exactly one file per kind', () => {
    const files = readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort();
    expect(files).toEqual(kinds.map((k) => `${k}.schema.json`).sort());
  });

  it.each(kinds)('schema/%s.schema.json equals jsonSchemaText (run `npm run schema` after changing the model)', (kind) => {
    const onDisk = readFileSync(path.join(schemaDir, `${kind}.schema.json`), 'utf8');
    expect(onDisk).toBe(jsonSchemaText(kind));
  });

  it.each(kinds)('%s compiles with Ajv2020 and has a Swedish title and description', (kind) => {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, `${kind}.schema.json`), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://overens.se/schema/${kind}.schema.json`);
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(typeof schema.title).toBe('string');
    expect(typeof schema.description).toBe('string');
    expect(swedish(`${String(schema.title)} ${String(schema.description)}`), `${String(schema.title)}: ${String(schema.description)}`).toBe(true);
    expect(jsonSchemaFor(kind)).toEqual(schema);
  });

  it.each(kinds)('every property of %s at the top level has a title or description', (kind) => {
    const schema = jsonSchemaFor(kind) as { properties?: Record<string, { title?: string; description?: string }> };
    const missing = Object.entries(schema.properties ?? {})
      .filter(([k, v]) => k !== '$schema' && !v.title && !v.description)
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('src/model/validators.generated.cjs equals the validators the model gives (run `npm run schema`)', () => {
    const onDisk = readFileSync(path.join(repoRoot, 'src', 'model', 'validators.generated.cjs'), 'utf8');
    expect(onDisk).toBe(standaloneValidatorsText());
  });

  it.each(kinds)('the precompiled %s validator gives the errors a freshly compiled one gives', (kind) => {
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const fresh = ajv.compile(jsonSchemaFor(kind));
    const pre = precompiled[kind];
    expect(pre).toBeTypeOf('function');
    // A wrong type at the top, an unknown key and a wrong nested value.
    for (const data of [{}, { okänd: 1 }, { id: 5, title: [], organisations: [{ orgnr: 1 }] }, 'text']) {
      fresh(data);
      pre?.(data);
      expect(pre?.errors ?? null).toEqual(fresh.errors ?? null);
    }
  });

  it('src/pipeline/templates.generated.cjs holds the package templates as they are (run `npm run schema`)', () => {
    const onDisk = readFileSync(path.join(repoRoot, 'src', 'pipeline', 'templates.generated.cjs'), 'utf8');
    expect(onDisk).toBe(precompiledTemplatesText(path.join(repoRoot, 'templates')));
  });
});
