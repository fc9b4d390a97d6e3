/**
 * The fixed Swedish texts of the rendered HTML ("Innehåll", "Fotnoter", "Målvärde" …), read from
 * one file, `templates/labels.sv.yaml`, so that wording is changed in one place and never in code.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A tree of label texts as written in the labels file. */
export interface LabelTree {
  [key: string]: string | LabelTree;
}

/** The loaded labels with a lookup that fills `{placeholders}`. */
export interface Labels {
  /** The raw tree, handed to templates as `labels`. */
  tree: LabelTree;
  /** Look up a dotted key (e.g. `jobTrack.weeks`) and fill its placeholders; throws on an unknown key. */
  t(key: string, vars?: Record<string, string | number>): string;
}

/** Absolute path of the default labels file. */
export const DEFAULT_LABELS_FILE = fileURLToPath(new URL('../../templates/labels.sv.yaml', import.meta.url));

const cache = new Map<string, { mtimeMs: number; labels: Labels }>();

/** Replace `{name}` placeholders in a label text with the given values. */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Load (once per process and file version) the labels file, by default `templates/labels.sv.yaml`. */
export function loadLabels(file: string = DEFAULT_LABELS_FILE): Labels {
  const mtimeMs = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.labels;
  const tree = parse(readFileSync(file, 'utf8')) as LabelTree;
  const t = (key: string, vars?: Record<string, string | number>): string => {
    let node: string | LabelTree | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`Etiketten "${key}" saknas i ${file}`);
    return fill(node, vars);
  };
  const labels: Labels = { tree, t };
  cache.set(file, { mtimeMs, labels });
  return labels;
}
