/** Shared helpers for the validation tests: the case folders and running validation on one. */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePaths } from '../../src/pipeline/validate.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** tests/fixtures/validate. */
export const casesRoot = path.join(repoRoot, 'tests', 'fixtures', 'validate');

/** Names of the case folders (each a small project with agreements/). */
export function caseNames(): string[] {
  return readdirSync(casesRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(casesRoot, e.name, 'agreements')))
    .map((e) => e.name)
    .sort();
}

/** Validates a project folder as `overens validate` run inside it would. */
export async function validateFolder(dir: string): Promise<Diagnostic[]> {
  return (await validatePaths(['.'], { base: dir })).diagnostics;
}
