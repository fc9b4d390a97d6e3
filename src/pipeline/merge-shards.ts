/**
 * `overens merge-manifests DIR…`: the output folders of `build --shard 1/n … n/n` become one output
 * folder, byte for byte what one whole `overens build` writes: every shard's files (hard-linked or
 * copied after their sha256 is checked against the shard's manifest), one manifest.json made the
 * way a build makes it and one index.html rendered with this project's templates. Nothing is
 * written unless every check passes, and the output replaces the old one atomically.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { sha256, toolVersionHash } from './hash.ts';
import { indexItems, manifestOf, type Manifest, type ManifestAgreement } from './manifest.ts';
import { renderIndexHtml } from './render-html.ts';
import { assignShards, shardLabel, type ShardInfo } from './shard.ts';
import { stageOutput } from './write-output.ts';

export interface MergeOptions {
  /** The shards' output folders, in any order. */
  dirs: readonly string[];
  /** Where the merged output goes (replaced atomically). */
  outputDir: string;
  /** The content root whose templates and labels render index.html (as the build did). */
  projectRoot: string;
  /** Where paths are shown from and relative folders are resolved (default: working directory). */
  base?: string;
}

export interface MergeResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  outputDir?: string;
  manifest?: Manifest;
}

interface ShardDir { dir: string; shown: string; manifest: Manifest & { shard: ShardInfo } }

const top = (file: string) => ({ file, line: 1, column: 1 });
const posix = (p: string): string => p.split(path.sep).join('/');

/** Checks the shards and writes the merged output folder; diagnostics say what is wrong and where. */
export async function mergeShards(options: MergeOptions): Promise<MergeResult> {
  const base = options.base ?? process.cwd();
  const shownDir = (abs: string): string => posix(path.relative(base, abs)) || '.';
  const diagnostics: Diagnostic[] = [];
  const shards: ShardDir[] = [];
  for (const d of options.dirs) {
    const dir = path.resolve(base, d);
    const read = await readShard(dir, shownDir(dir));
    if ('diagnostic' in read) diagnostics.push(read.diagnostic);
    else shards.push(read);
  }
  if (diagnostics.length > 0 || shards.length === 0) {
    if (shards.length === 0 && diagnostics.length === 0) diagnostics.push(diagnostic('sammanfoga-ingen-del', top('.'), { dir: '.', why: 'ingen mapp angavs' }));
    return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  }
  diagnostics.push(...checkOneBuild(shards, await toolVersionHash()));
  if (diagnostics.length === 0) diagnostics.push(...checkCoverage(shards));
  if (diagnostics.length === 0) for (const s of shards) diagnostics.push(...(await checkFiles(s)));
  if (diagnostics.length > 0) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };

  const agreements: ManifestAgreement[] = shards.flatMap((s) => s.manifest.agreements);
  const manifest = manifestOf(agreements);
  const staging = await stageOutput(options.outputDir);
  try {
    for (const s of shards) for (const a of s.manifest.agreements) for (const f of a.files) await staging.carryOver(f.path, s.dir);
    await staging.write('index.html', renderIndexHtml(indexItems(manifest), { projectRoot: options.projectRoot }));
    await staging.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    await staging.commit();
  } catch (err) {
    await staging.discard();
    throw err;
  }
  return { ok: true, diagnostics: [], outputDir: options.outputDir, manifest };
}

async function readShard(dir: string, shown: string): Promise<ShardDir | { diagnostic: Diagnostic }> {
  const file = `${shown === '.' ? '' : `${shown}/`}manifest.json`;
  const fail = (why: string) => ({ diagnostic: diagnostic('sammanfoga-ingen-del', top(file), { dir: shown, why }) });
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) return { diagnostic: diagnostic('sammanfoga-ingen-del', top(shown), { dir: shown, why: 'mappen finns inte' }) };
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    return fail('manifest.json saknas');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('manifest.json är ingen giltig JSON');
  }
  if (!isManifest(data)) return fail('manifest.json har inte ett byggmanifests form');
  if (data.shard === undefined) return fail('manifest.json kommer från ett helt bygge, inte från build --shard i/n');
  if (!isShardInfo(data.shard)) return fail('manifest.json har en ofullständig uppgift om delen (shard)');
  return { dir, shown, manifest: data as Manifest & { shard: ShardInfo } };
}

/** Every shard of the same count, sources and tool as the first, and the tool the one merging. */
function checkOneBuild(shards: readonly ShardDir[], tool: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const [first] = shards as [ShardDir];
  const seen = new Map<number, ShardDir>();
  for (const s of shards) {
    const info = s.manifest.shard;
    const at = top(`${s.shown}/manifest.json`);
    const why = info.count !== first.manifest.shard.count ? `delad i ${info.count} delar, inte ${first.manifest.shard.count}`
      : info.build !== first.manifest.shard.build ? 'byggd från andra källor (en annan commit eller ändrade filer)'
        : info.tool !== first.manifest.shard.tool ? 'byggd med en annan version av overens' : undefined;
    if (why && s !== first) { out.push(diagnostic('sammanfoga-olika-byggen', at, { dir: s.shown, other: first.shown, why })); continue; }
    if (info.tool !== tool) { out.push(diagnostic('sammanfoga-olika-byggen', at, { dir: s.shown, other: 'den overens som sammanfogar', why: 'byggd med en annan version av overens' })); continue; }
    const twin = seen.get(info.index);
    if (twin) out.push(diagnostic('sammanfoga-del-dubblett', at, { shard: shardLabel(info), dir: s.shown, other: twin.shown }));
    else seen.set(info.index, s);
  }
  if (out.some((d) => d.code === 'sammanfoga-olika-byggen')) return out;
  const count = first.manifest.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const shardsText = missing.length === 1 ? String(missing[0]) : `${missing.slice(0, -1).join(', ')} och ${missing.at(-1)}`;
    out.push(diagnostic('sammanfoga-del-saknas', top('.'), { shards: shardsText, count, missing: missing.length }));
  }
  return out;
}

/** Each shard holds exactly the agreements its number is assigned, so together they are the whole project. */
function checkCoverage(shards: readonly ShardDir[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of shards) {
    const info = s.manifest.shard;
    const assigned = assignShards(info.agreements, info.count);
    const want = info.agreements.filter((id) => assigned.get(id) === info.index);
    const have = s.manifest.agreements.map((a) => a.id);
    const missing = want.filter((id) => !have.includes(id));
    const extra = have.filter((id) => !want.includes(id));
    const twice = have.filter((id, i) => have.indexOf(id) !== i);
    if (missing.length + extra.length + twice.length === 0) continue;
    const detail = [
      missing.length > 0 ? `saknas: ${missing.join(', ')}` : '',
      extra.length > 0 ? `hör inte hit: ${extra.join(', ')}` : '',
      twice.length > 0 ? `finns två gånger: ${twice.join(', ')}` : '',
    ].filter(Boolean).join('; ');
    out.push(diagnostic('sammanfoga-del-ofullstandig', top(`${s.shown}/manifest.json`), { shard: shardLabel(info), dir: s.shown, detail }));
  }
  return out;
}

/** Every file of the shard's manifest is inside the shard's folder and has the recorded size and sha256. */
async function checkFiles(s: ShardDir): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const a of s.manifest.agreements) {
    for (const f of a.files) {
      const abs = path.resolve(s.dir, f.path);
      const shown = `${s.shown}/${f.path}`;
      const bad = (why: string) => out.push(diagnostic('sammanfoga-fil-skadad', top(shown), { dir: s.shown, why }));
      if (!f.path.startsWith(`${a.id}/`) || !abs.startsWith(path.join(s.dir, a.id) + path.sep) || f.path.includes('\\') || f.path.split('/').includes('..')) {
        bad(`sökvägen ${f.path} ligger inte i överenskommelsens mapp ${a.id}/`);
        continue;
      }
      const data = await readFile(abs).catch(() => undefined);
      if (!data) bad(`${f.path} finns inte`);
      else if (sha256(data) !== f.sha256 || data.byteLength !== f.bytes) bad(`${f.path} har sha256 ${sha256(data).slice(0, 12)}…, manifestet säger ${String(f.sha256).slice(0, 12)}…`);
    }
  }
  return out;
}

function isManifest(x: unknown): x is Manifest {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Manifest>;
  return Array.isArray(m.agreements) && Array.isArray(m.files) && m.agreements.every((a) => typeof a === 'object' && a !== null && typeof a.id === 'string' && Array.isArray(a.files)
    && a.files.every((f) => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.sha256 === 'string' && typeof f.bytes === 'number'));
}

function isShardInfo(x: unknown): x is ShardInfo {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<ShardInfo>;
  return Number.isInteger(s.index) && Number.isInteger(s.count) && (s.index ?? 0) >= 1 && (s.index ?? 0) <= (s.count ?? 0)
    && typeof s.build === 'string' && typeof s.tool === 'string' && Array.isArray(s.agreements) && s.agreements.every((id) => typeof id === 'string');
}
