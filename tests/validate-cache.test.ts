/**
 * The result cache of `overens validate` (src/pipeline/validate-cache.ts): a run with nothing
 * changed shows the last run's diagnostics; any change to a file, a new file, a symbolic link or a
 * corrupt cache entry gives a fresh, correct run. The other tests run with the cache off
 * (vitest.config.ts); these turn it on in a folder of their own.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, describeRun, makeProject } from './helpers/build-project.ts';
import { validationKey, validateCacheDir } from '../src/pipeline/validate-cache.ts';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'overens-cache-test-'));
const project = makeProject('validate-cache');
afterAll(() => { rmSync(cacheDir, { recursive: true, force: true }); rmSync(project, { recursive: true, force: true }); });

function validate(extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json'], {
    cwd: project, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, OVERENS_CACHE: '1', OVERENS_CACHE_DIR: cacheDir, NO_COLOR: '1', ...extraEnv },
  });
  if (r.error) throw r.error;
  return r;
}
const entries = () => readdirSync(cacheDir).filter((n) => n.endsWith('.json'));

describe('validate cache', () => {
  it('a second run with nothing changed gives the same result from one cache entry', () => {
    const first = validate();
    expect(first.status, describeRun(first)).toBe(0);
    expect(entries()).toHaveLength(1);
    const second = validate();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(entries()).toHaveLength(1);
    // The entry is what the next run shows: a diagnostic put into it appears, nothing was checked again.
    const file = path.join(cacheDir, entries()[0] ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { diagnostics: { code: string; file: string; line: number }[] };
    entry.diagnostics.push({ ...(entry.diagnostics[0] ?? { code: 'x', file: 'x', line: 1 }), line: 999 });
    writeFileSync(file, JSON.stringify(entry));
    const third = JSON.parse(validate().stdout) as { line: number }[];
    expect(third.map((d) => d.line)).toContain(999);
  });

  it('one changed byte is validated again: the new error is reported at its file and line', () => {
    const file = path.join(project, 'agreements', 'umearegionen', 'agreement.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace(/^title: /m, 'titel: '));
    const line = before.split('\n').findIndex((l) => l.startsWith('title: ')) + 1;
    const bad = validate();
    expect(bad.status, describeRun(bad)).toBe(1);
    const diags = JSON.parse(bad.stdout) as { code: string; file: string; line: number }[];
    expect(diags.find((d) => d.code === 'falt-okant')).toMatchObject({ file: 'agreements/umearegionen/agreement.yaml', line });
    writeFileSync(file, before);
    expect(validate().status).toBe(0);
  });

  it('a new file and a symbolic link change the key', async () => {
    const key = () => validationKey([project], [], project);
    const k0 = await key();
    const extra = path.join(project, 'agreements', 'umearegionen', 'text', 'ny.md');
    writeFileSync(extra, '---\nid: ny\ntitle: Ny\n---\n\nText.\n');
    const k1 = await key();
    expect(k1).not.toBe(k0);
    const warned = validate();
    const diags = JSON.parse(warned.stdout) as { code: string; file: string; line: number }[];
    expect(diags.find((d) => d.code === 'avsnitt-oanvant')).toMatchObject({ file: 'agreements/umearegionen/text/ny.md', line: 1 });
    rmSync(extra);
    symlinkSync('/etc/hostname', extra);
    expect(await key()).not.toBe(k1);
    rmSync(extra);
    expect(await key()).toBe(k0);
  });

  it('a corrupt cache entry is ignored and replaced', () => {
    for (const n of entries()) writeFileSync(path.join(cacheDir, n), '{ inte json');
    appendFileSync(path.join(project, 'agreements', 'umearegionen', 'text', 'syfte.md'), '\nEn mening till.\n');
    const r = validate();
    expect(r.status, describeRun(r)).toBe(0);
    expect(() => JSON.parse(readFileSync(path.join(cacheDir, entries()[0] ?? ''), 'utf8'))).not.toThrow();
  });

  describe('the files\' status', () => {
    // No window: every file counts as old enough for its status to be kept.
    const old = { OVERENS_CACHE_RACY_MS: '0' };
    const syfte = path.join(project, 'agreements', 'umearegionen', 'text', 'syfte.md');
    const entryPath = () => path.join(cacheDir, entries()[0] ?? '');
    type Stored = { key: string; status?: string; diagnostics: { code: string; file: string; line: number }[] };
    const stored = () => JSON.parse(readFileSync(entryPath(), 'utf8')) as Stored;
    const store = (e: Stored) => writeFileSync(entryPath(), JSON.stringify(e));
    const lines = (r: ReturnType<typeof validate>) => (JSON.parse(r.stdout) as { line: number }[]).map((d) => d.line);
    const marked = (e: Stored, line: number): Stored => ({ ...e, diagnostics: [...e.diagnostics, { ...(e.diagnostics[0] ?? { code: 'x', file: 'x', line: 1 }), line }] });

    it('decides alone when no file changed: with the content key spoiled, the entry is still found', () => {
      expect(validate(old).status).toBe(0);
      expect(typeof stored().status).toBe('string');
      store({ ...marked(stored(), 998), key: 'inte nyckeln' });
      expect(lines(validate(old))).toContain(998);
      // A write moves the file's change time, even with the same bytes: the status differs, the
      // spoiled key matches nothing, and the project is validated afresh.
      writeFileSync(syfte, readFileSync(syfte));
      const fresh = validate(old);
      expect(fresh.status, describeRun(fresh)).toBe(0);
      expect(lines(fresh)).not.toContain(998);
      expect(stored().key).not.toBe('inte nyckeln');
    });

    it('the same contents at new times is found by content, and the entry learns the new status', () => {
      validate(old);
      const before = stored();
      store(marked(before, 997));
      writeFileSync(syfte, readFileSync(syfte));
      expect(lines(validate(old))).toContain(997);
      expect(stored().status).toBeDefined();
      expect(stored().status).not.toBe(before.status);
    });

    it('is not kept when a file changed within the window', () => {
      appendFileSync(syfte, '\nÄnnu en mening.\n');
      expect(validate({ OVERENS_CACHE_RACY_MS: '600000' }).status).toBe(0);
      expect(stored().status).toBeUndefined();
    });
  });

  it('OVERENS_CACHE=0 turns the cache off; the folder follows XDG_CACHE_HOME', () => {
    expect(validateCacheDir({ OVERENS_CACHE: '0' })).toBeUndefined();
    expect(validateCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'overens'));
    expect(validateCacheDir({ OVERENS_CACHE_DIR: '/y' })).toBe('/y');
  });
});
