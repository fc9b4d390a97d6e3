/**
 * The parsed-Markdown cache (tree-cache.ts): a run that takes section trees from the cache gives
 * exactly what a run that parses gives, on every validation case and on the fixture project; an
 * edited body is parsed again; a pack that cannot be read, or one made by other code, is ignored.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/pipeline/load.ts';
import { openTreeStore, treeKey } from '../src/pipeline/tree-cache.ts';
import { casesRoot, caseNames, validateFolder } from './helpers/validate-cases.ts';
import { FIXTURE_PROJECT } from './helpers/build-project.ts';

let cache: string;
const saved = { on: process.env.OVERENS_CACHE, dir: process.env.OVERENS_CACHE_DIR };
beforeEach(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'overens-trees-'));
  process.env.OVERENS_CACHE = '1';
  process.env.OVERENS_CACHE_DIR = cache;
});
afterEach(() => {
  rmSync(cache, { recursive: true, force: true });
  if (saved.on === undefined) delete process.env.OVERENS_CACHE; else process.env.OVERENS_CACHE = saved.on;
  if (saved.dir === undefined) delete process.env.OVERENS_CACHE_DIR; else process.env.OVERENS_CACHE_DIR = saved.dir;
});

/** Every section's tree of a project, by file. */
async function trees(root: string): Promise<Record<string, unknown>> {
  const { project } = await loadProject(root, undefined, { base: root });
  const out: Record<string, unknown> = {};
  for (const a of project?.agreements ?? []) for (const d of a.documents) for (const s of d.sections) out[s.file] = s.markdown.tree;
  return out;
}

/** Runs `fn` with every cache off. */
async function uncached<T>(fn: () => Promise<T>): Promise<T> {
  process.env.OVERENS_CACHE = '0';
  try { return await fn(); } finally { process.env.OVERENS_CACHE = '1'; }
}

const packs = () => readdirSync(path.join(cache, 'trees')).filter((n) => n.endsWith('.bin'));

describe('parsed Markdown kept between runs', () => {
  it.each([...caseNames()])('%s: the same diagnostics parsed, cached and taken from the cache', async (name) => {
    const dir = path.join(casesRoot, name);
    const parsed = await uncached(() => validateFolder(dir));
    expect(await validateFolder(dir)).toEqual(parsed);
    expect(await validateFolder(dir)).toEqual(parsed);
  });

  it('gives the fixture project the same trees from the cache, one pack per agreement', async () => {
    const parsed = await uncached(() => trees(FIXTURE_PROJECT));
    expect(Object.keys(parsed).length).toBeGreaterThan(10);
    expect(await trees(FIXTURE_PROJECT)).toEqual(parsed);
    expect(packs()).toHaveLength(3);
    const before = packs().map((n) => readFileSync(path.join(cache, 'trees', n)));
    // Nothing parsed the second time, so nothing was written: the packs are byte for byte the same.
    expect(await trees(FIXTURE_PROJECT)).toEqual(parsed);
    expect(packs().map((n) => readFileSync(path.join(cache, 'trees', n)))).toEqual(before);
  });

  it('parses an edited body again, and keeps the version before beside it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'overens-trees-project-'));
    try {
      cpSync(FIXTURE_PROJECT, root, { recursive: true });
      await trees(root);
      const file = path.join(root, 'agreements', 'malmo', 'text', '1-1-styrning.md');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, `${original}\nEn ny mening i syftet.\n`);
      const edited = await trees(root);
      expect(JSON.stringify(edited['agreements/malmo/text/1-1-styrning.md'])).toContain('En ny mening i syftet.');
      expect(edited).toEqual(await uncached(() => trees(root)));
      // Both versions stay in the pack: a comparison with the revision before hits either way.
      const store = await openTreeStore('agreements/malmo');
      const body = (text: string) => text.replace(/^---[ \t]*\n[\s\S]*?\n?---[ \t]*\n/, '');
      const offset = original.split('\n').findIndex((l, i) => i > 0 && l.startsWith('---')) + 1;
      expect(store?.get(treeKey(body(original), offset))).toBeDefined();
      expect(store?.get(treeKey(body(`${original}\nEn ny mening i syftet.\n`), offset))).toBeDefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('ignores a pack that cannot be read and one made by other code', async () => {
    const parsed = await uncached(() => trees(FIXTURE_PROJECT));
    await trees(FIXTURE_PROJECT);
    for (const n of packs()) writeFileSync(path.join(cache, 'trees', n), 'inte en packe');
    expect(await trees(FIXTURE_PROJECT)).toEqual(parsed);
    // A pack of another version of the tool, with the right keys but wrong trees: none is used.
    await trees(FIXTURE_PROJECT);
    const wrong = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'fel träd' }] }] };
    for (const n of packs()) {
      const file = path.join(cache, 'trees', n);
      const pack = deserialize(readFileSync(file)) as { tool: string; trees: [string, unknown][] };
      expect(pack.trees.length).toBeGreaterThan(0);
      writeFileSync(file, serialize({ tool: `${pack.tool}-annan`, trees: pack.trees.map(([k]) => [k, wrong]) }));
    }
    expect(await trees(FIXTURE_PROJECT)).toEqual(parsed);
  });
});
