/**
 * The parsed Markdown of an agreement's section files, kept between runs: Markdown parsing is most
 * of what validating an agreement costs, so a file whose body has not changed is not parsed again
 * by the next validate, build or diff. One pack per agreement folder (as shown from the working
 * directory) in the cache folder (cache-dir.ts), holding each section body's tree under a hash of
 * the body and its line offset. A pack made by other code (the tool's code hash) is ignored, and a
 * pack that cannot be read or written only makes the run slower.
 *
 * Only trees of bodies within the Markdown limits are kept (a body beyond them is not parsed at
 * all), and front matter is parsed every time: it is a few lines, and its YAML document gives the
 * places of diagnostics.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Root } from 'mdast';
import { cacheDir } from './cache-dir.ts';
import { toolVersionHash } from './hash.ts';

/** Trees by body key, for one agreement folder. */
export interface TreeStore {
  get(key: string): Root | undefined;
  set(key: string, tree: Root): void;
}

/** The key of a section body whose positions are shifted by `lineOffset`. */
export function treeKey(body: string, lineOffset: number): string {
  return createHash('sha256').update(`${lineOffset}\0${body}`).digest('hex');
}

interface Pack { tool: string; trees: [string, Root][] }

/** An agreement folder's store, saved by `save()`; undefined when the cache is off. */
export async function openTreeStore(shownDir: string): Promise<(TreeStore & { save(): void }) | undefined> {
  const dir = cacheDir();
  if (!dir) return undefined;
  const tool = await toolVersionHash();
  const file = path.join(dir, 'trees', `${createHash('sha256').update(shownDir).digest('hex').slice(0, 32)}.bin`);
  const before = new Map<string, Root>();
  try {
    const pack = deserialize(readFileSync(file)) as Partial<Pack>;
    if (pack.tool === tool && Array.isArray(pack.trees)) for (const [k, t] of pack.trees) before.set(k, t);
  } catch {
    // No pack yet, or one that cannot be read: every file is parsed.
  }
  const used = new Map<string, Root>();
  let missed = false;
  return {
    get(key) {
      // Two files with the same body (the "bilagan saknas" pages) get a tree each.
      const again = used.get(key);
      if (again) return structuredClone(again);
      const tree = before.get(key);
      if (tree) used.set(key, tree);
      return tree;
    },
    set(key, tree) {
      missed = true;
      used.set(key, tree);
    },
    save() {
      if (!missed) return;
      // This load's trees, and as many of the pack's others (the other side of a comparison,
      // the version before an edit), so the pack stays about the size of the agreement.
      const rest = [...before].filter(([k]) => !used.has(k)).slice(0, used.size);
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, serialize({ tool, trees: [...used, ...rest] } satisfies Pack));
        renameSync(tmp, file);
      } catch {
        // A read-only home or a full disk: the next run parses again.
      }
    },
  };
}
