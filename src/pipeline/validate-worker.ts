/**
 * A worker thread of `overens validate` (validate-parallel.ts): validates the agreement folders it
 * is sent and posts back the diagnostics and how many agreements it checked.
 */
import { parentPort } from 'node:worker_threads';
import { validatePaths } from './validate.ts';

parentPort?.on('message', (msg: { folders: string[]; base: string }) => {
  validatePaths(msg.folders, { base: msg.base }).then(
    (r) => parentPort?.postMessage({ ok: true, diagnostics: r.diagnostics, agreements: r.projects.reduce((n, p) => n + p.agreements.length, 0) }),
    (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
