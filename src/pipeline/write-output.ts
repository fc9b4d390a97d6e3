/**
 * Writing the output folder atomically: everything goes into a temporary folder beside it,
 * which replaces output/ by renames only when the whole build succeeded. A failed build leaves
 * the previous output/ as it was.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A folder being filled for a build, to be committed or thrown away. */
export interface Staging {
  dir: string;
  write(rel: string, data: string | Uint8Array): Promise<void>;
  carryOver(rel: string, fromOutput: string): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Starts staging a new version of `outputDir`. */
export async function stageOutput(output: string): Promise<Staging> {
  // Absolute, so the check that every file stays inside holds for a relative --out too.
  const outputDir = path.resolve(output);
  const parent = path.dirname(outputDir);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, `.${path.basename(outputDir)}.tmp-`));
  await chmod(dir, 0o755); // mkdtemp makes it private; output/ is meant to be read and served.
  const target = (rel: string) => {
    const abs = path.resolve(dir, rel);
    if (!abs.startsWith(dir + path.sep)) throw new Error(`Internt fel: utdatafilen ${rel} hamnar utanför utdatamappen.`);
    return abs;
  };
  const made = new Set<string>();
  const folderFor = (abs: string) => {
    const folder = path.dirname(abs);
    if (!made.has(folder)) { mkdirSync(folder, { recursive: true }); made.add(folder); }
  };
  return {
    dir,
    async write(rel, data) {
      const abs = target(rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await rm(abs, { force: true }); // never write through a hard link into the previous output
      await writeFile(abs, data);
    },
    async carryOver(rel, fromOutput) {
      const abs = target(rel);
      // Synchronous: a rebuild of one agreement carries over hundreds of files, and each call
      // is a few microseconds, far less than a promise and a thread-pool round trip.
      folderFor(abs);
      // Output files are only ever replaced, never written in place, so a hard link is as good as a
      // copy and costs nothing; copy where links are not possible (another file system).
      try { linkSync(path.join(fromOutput, rel), abs); } catch { copyFileSync(path.join(fromOutput, rel), abs); }
    },
    async commit() {
      const old = `${dir}.old`;
      const hadOutput = await rename(outputDir, old).then(() => true, (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      });
      await rename(dir, outputDir);
      if (hadOutput) rmSync(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Reads a previous build's manifest, or undefined when there is none or it is unreadable. */
export async function readPreviousManifest<T>(outputDir: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path.join(outputDir, 'manifest.json'), 'utf8')) as T;
  } catch {
    return undefined;
  }
}
