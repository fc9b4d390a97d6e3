/**
 * `overens validate` of a whole project on every core: the agreements are split into shares, one
 * validated in this thread and the others in worker threads (validate-worker.ts). Every check
 * concerns one agreement or the project's shared files, which each share loads alike, so the
 * shared files' diagnostics are taken from this thread's share only. Used for large projects;
 * a worker that cannot start leaves its share to this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { validatePaths } from './validate.ts';
import { repoRoot } from '../model/json-schema.ts';

/** Below this many agreements a worker's start costs more than it saves. */
export const PARALLEL_FROM = 24;

/** The worker beside this module: the bundle's .js, or in a clone the .ts loaded through tsx. */
function workerSource(): { source: string; eval: boolean } | undefined {
  const here = fileURLToPath(import.meta.url);
  const js = path.join(path.dirname(here), 'validate-worker.js');
  if (here.endsWith('.js') && existsSync(js)) return { source: js, eval: false };
  const ts = path.join(path.dirname(here), 'validate-worker.ts');
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs');
  if (!here.endsWith('.ts') || !existsSync(ts) || !existsSync(tsx)) return undefined;
  // Run from the sources (a development dependency registers TypeScript, then the worker loads).
  const url = (p: string) => JSON.stringify(pathToFileURL(p).href);
  return { source: `import(${url(tsx)}).then((m) => { m.register(); return import(${url(ts)}); });`, eval: true };
}

/** The agreement folders of `root` split into `n` shares of consecutive folders. */
export function shares(folders: readonly string[], n: number): string[][] {
  const size = Math.ceil(folders.length / n);
  return Array.from({ length: n }, (_, i) => folders.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
}

function inWorker(file: { source: string; eval: boolean }, folders: string[], base: string): Promise<{ diagnostics: Diagnostic[]; agreements: number } | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(file.source, { eval: file.eval });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (m: { ok: boolean; diagnostics?: Diagnostic[]; agreements?: number }) => {
      resolve(m.ok && m.diagnostics ? { diagnostics: m.diagnostics, agreements: m.agreements ?? 0 } : undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.postMessage({ folders, base });
  });
}

/**
 * Validates the agreement folders of one project (absolute paths) on up to every core; undefined
 * when there are too few to gain from it (the caller validates as usual).
 */
export async function validateFoldersInParallel(root: string, folders: readonly string[], base: string): Promise<{ diagnostics: Diagnostic[]; agreements: number; threads: number } | undefined> {
  // OVERENS_THREADS sets the number of threads (1: none besides this one); else every core, at most 4.
  const threads = Number(process.env.OVERENS_THREADS) || Math.min(availableParallelism(), 4);
  const file = workerSource();
  if (!file || threads < 2 || folders.length < PARALLEL_FROM) return undefined;
  const [mine = [], ...theirs] = shares(folders, threads);
  const agreementsDir = path.join(root, 'agreements');
  const inShare = (share: readonly string[]) => {
    const names = new Set(share.map((f) => path.basename(f)));
    return (d: Diagnostic) => {
      const rel = path.relative(agreementsDir, path.resolve(base, d.file));
      const first = rel.split(path.sep)[0] ?? '';
      return !rel.startsWith('..') && rel.includes(path.sep) && names.has(first);
    };
  };
  const others = Promise.all(theirs.map((share) => inWorker(file, share, base)));
  const own = await validatePaths(mine, { base });
  const results = await others;
  const diagnostics = [...own.diagnostics];
  let agreements = own.projects.reduce((n, p) => n + p.agreements.length, 0);
  let used = 1;
  for (const [i, share] of theirs.entries()) {
    if (results[i]) used++;
    const r: { diagnostics: Diagnostic[]; agreements: number } = results[i] ?? (await validatePaths(share, { base }).then((v) => ({ diagnostics: v.diagnostics, agreements: v.projects.reduce((n, p) => n + p.agreements.length, 0) })));
    // The shared files' diagnostics came with this thread's share already.
    diagnostics.push(...r.diagnostics.filter(inShare(share)));
    agreements += r.agreements;
  }
  return { diagnostics: sortDiagnostics(diagnostics), agreements, threads: used };
}
