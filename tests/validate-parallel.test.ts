/**
 * `overens validate` of a large project in worker threads (validate-parallel.ts) gives exactly the
 * diagnostics of one thread: errors in agreements of different shares, and a shared file's error
 * once, not once per thread.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURE_PROJECT, describeRun } from './helpers/build-project.ts';
import { PARALLEL_FROM, shares } from '../src/pipeline/validate-parallel.ts';

const N = PARALLEL_FROM + 6;
const project = mkdtempSync(path.join(tmpdir(), 'overens-parallel-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const id = (i: number) => `kopia-${String(i).padStart(2, '0')}`;
cpSync(path.join(FIXTURE_PROJECT, 'agreements', 'organisations.yaml'), path.join(project, 'agreements', 'organisations.yaml'));
for (let i = 0; i < N; i++) {
  const dir = path.join(project, 'agreements', id(i));
  cpSync(path.join(FIXTURE_PROJECT, 'agreements', 'umearegionen'), dir, { recursive: true });
  const file = path.join(dir, 'agreement.yaml');
  let text = readFileSync(file, 'utf8').replace(/^id: umearegionen$/m, `id: ${id(i)}`);
  // An unknown field in the first and the last agreement: they fall in different threads' shares.
  if (i === 1 || i === N - 1) text = text.replace(/^title: /m, 'titel: ');
  writeFileSync(file, text);
}
// A shared file's error (a wrong check digit in the registry) is reported once, not once per thread.
const orgs = path.join(project, 'agreements', 'organisations.yaml');
writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('organisations:\n', 'organisations:\n  - id: extra-org\n    name: Extra\n    orgnr: 212000-0140\n    kind: kommun\n'));

function validate(threads: string, format = 'json') {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--format', format], {
    cwd: project, encoding: 'utf8', timeout: 180_000, env: { ...process.env, OVERENS_THREADS: threads, OVERENS_CACHE: '0' },
  });
  if (r.error) throw r.error;
  return r;
}

describe('validate in worker threads', () => {
  it('splits the folders into consecutive shares covering each once', () => {
    const folders = Array.from({ length: 10 }, (_, i) => `f${i}`);
    expect(shares(folders, 3)).toEqual([['f0', 'f1', 'f2', 'f3'], ['f4', 'f5', 'f6', 'f7'], ['f8', 'f9']]);
    expect(shares(folders, 3).flat()).toEqual(folders);
  });

  it('gives the same diagnostics in three threads as in one', () => {
    const one = validate('1');
    const three = validate('3');
    expect(one.status, describeRun(one)).toBe(1);
    expect(three.status, describeRun(three)).toBe(1);
    const diags = JSON.parse(one.stdout) as { code: string; file: string; line: number }[];
    const unknown = diags.filter((d) => d.code === 'falt-okant').map((d) => d.file);
    expect(unknown).toEqual([`agreements/${id(1)}/agreement.yaml`, `agreements/${id(N - 1)}/agreement.yaml`]);
    const shared = diags.filter((d) => d.file === 'agreements/organisations.yaml');
    expect(shared.map((d) => d.code)).toEqual(['orgnr-kontrollsiffra']);
    expect(JSON.parse(three.stdout)).toEqual(diags);
  }, 240_000);

  it('says how many threads checked a valid project', () => {
    for (const i of [1, N - 1]) {
      const file = path.join(project, 'agreements', id(i), 'agreement.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^titel: /m, 'title: '));
    }
    writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('orgnr: 212000-0140', 'orgnr: 212000-0142'));
    const r = validate('3', 'text');
    expect(r.status, describeRun(r)).toBe(0);
    expect(r.stderr).toContain(`Kontrollerade ${N} överenskommelser (i 3 trådar): inga fel.`);
  }, 240_000);
});
