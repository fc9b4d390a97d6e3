/**
 * For the benchmark's `shardsIdentical`: builds a project in `count` shares (each into a folder of
 * its own), merges them and compares the result file by file with a whole build's output folder.
 * In-process, through the same build() and mergeShards() as the commands; the caller may pass one
 * PDF renderer for all shares (build() does not close an injected renderer).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../src/pipeline/build.ts';
import { mergeShards } from '../src/pipeline/merge-shards.ts';
import type { PdfRenderer } from '../src/pipeline/render-pdf.ts';

export interface ShardsCheck {
  identical: boolean;
  /** Files that differ, or exist on one side only (relative paths). */
  differing: string[];
}

/** sha256 of every file under `dir`, by relative path. */
async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, abs).split(path.sep).join('/'), createHash('sha256').update(await readFile(abs)).digest('hex'));
  }
  return out;
}

/** Builds `project` in `count` shares, merges them and compares with the whole build in `whole`. */
export async function shardsIdentical(options: { project: string; whole: string; count?: number; pdf?: boolean; openRenderer?: () => Promise<PdfRenderer> }): Promise<ShardsCheck> {
  const count = options.count ?? 3;
  const work = await mkdtemp(path.join(tmpdir(), 'overens-shards-'));
  try {
    const dirs: string[] = [];
    for (let index = 1; index <= count; index++) {
      const outputDir = path.join(work, `del-${index}`);
      const r = await build({ base: options.project, outputDir, shard: { index, count }, pdf: options.pdf !== false, force: true, ...(options.openRenderer ? { openRenderer: options.openRenderer } : {}) });
      if (!r.ok) throw new Error(`del ${index}/${count} byggdes inte: ${r.diagnostics.find((d) => d.severity === 'fel')?.message ?? 'okänt fel'}`);
      dirs.push(outputDir);
    }
    const merged = path.join(work, 'output');
    const m = await mergeShards({ dirs, outputDir: merged, projectRoot: options.project, base: work });
    if (!m.ok) throw new Error(`delarna gick inte att sammanfoga: ${m.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
    const [a, b] = await Promise.all([hashTree(options.whole), hashTree(merged)]);
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).sort();
    return { identical: differing.length === 0, differing };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
