/**
 * Turns the TypeBox model into the JSON Schema files in schema/ (draft 2020-12), the form
 * that editors (VS Code's YAML extension) and other tools read.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSchemas, type FileKind } from './schema.ts';

/** The repository root, found from this file's place in src/model/. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The JSON Schema of one file kind as a plain object, with $schema and $id set. */
export function jsonSchemaFor(kind: FileKind): Record<string, unknown> {
  // JSON round trip drops TypeBox's symbol-keyed markers, leaving plain JSON Schema.
  const plain = JSON.parse(JSON.stringify(fileSchemas[kind])) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://overens.se/schema/${kind}.schema.json`,
    ...plain,
  };
}

/** The text of schema/<kind>.schema.json as it should be on disk. */
export function jsonSchemaText(kind: FileKind): string {
  return `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
}

/** Writes every schema file and returns the paths written. */
export async function writeSchemaFiles(root = repoRoot): Promise<string[]> {
  const dir = path.join(root, 'schema');
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const kind of Object.keys(fileSchemas) as FileKind[]) {
    const file = path.join(dir, `${kind}.schema.json`);
    await writeFile(file, jsonSchemaText(kind));
    written.push(path.relative(root, file));
  }
  // Built on demand: only `npm run schema` needs ajv's code generator.
  const { standaloneValidatorsText } = await import('./standalone-validators.ts');
  const validators = path.join(root, 'src', 'model', 'validators.generated.cjs');
  await writeFile(validators, standaloneValidatorsText());
  written.push(path.relative(root, validators));
  const { precompiledTemplatesText } = await import('../pipeline/precompile-templates.ts');
  const templates = path.join(root, 'src', 'pipeline', 'templates.generated.cjs');
  await writeFile(templates, precompiledTemplatesText(path.join(root, 'templates')));
  written.push(path.relative(root, templates));
  return written;
}
