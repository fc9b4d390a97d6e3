/**
 * Validation as the build goes (validate-stream.ts) reports exactly what validatePaths reports, on
 * every validation case and on the fixture snapshot, and hands on only agreements checked without
 * errors while the project has none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../src/diagnostics/diagnostic.ts';
import { validateStreaming } from '../src/pipeline/validate-stream.ts';
import { casesRoot, caseNames, validateFolder } from './helpers/validate-cases.ts';
import { FIXTURE_PROJECT } from './helpers/build-project.ts';

async function streamed(dir: string) {
  const handed: string[] = [];
  let started: readonly string[] = [];
  const r = await validateStreaming(dir, undefined, { base: dir }, {
    start: (ids) => { started = ids; },
    valid: async (_p, a) => { handed.push(a.id); },
  });
  return { ...r, handed, started };
}

describe('validation as the build goes', () => {
  it.each([...caseNames()])('%s: the same diagnostics as validatePaths', async (name) => {
    const dir = path.join(casesRoot, name);
    const s = await streamed(dir);
    expect(s.diagnostics).toEqual(await validateFolder(dir));
    // Nothing is handed on after an error: every agreement handed on precedes the first failing one.
    if (hasErrors(s.diagnostics)) expect(s.handed.length).toBeLessThan(s.started.length || 1);
  });

  it('hands on every agreement of a valid project, in folder order', async () => {
    const s = await streamed(FIXTURE_PROJECT);
    expect(hasErrors(s.diagnostics)).toBe(false);
    expect(s.diagnostics).toEqual(await validateFolder(FIXTURE_PROJECT));
    expect(s.handed).toEqual([...s.started]);
    expect(s.handed).toEqual(['malmo', 'skelleftea-norsjo', 'umearegionen']);
  });
});
