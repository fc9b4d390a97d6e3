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

/** The labels file's name, in templates/ of the package or of a project. */
export const LABELS_FILE_NAME = 'labels.sv.yaml';

/** `over` laid over `base`, key by key (a project's labels file need only hold what it changes). */
function merge(base: LabelTree, over: unknown): LabelTree {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return base;
  const out: LabelTree = { ...base };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    const b = out[k];
    if (typeof v === 'string') out[k] = v;
    else if (typeof b === 'object') out[k] = merge(b, v);
  }
  return out;
}

/**
 * Load (once per process and file version) the labels file, by default `templates/labels.sv.yaml`;
 * with `overrideFile`, that file's texts replace the default's, key by key.
 */
export function loadLabels(file: string = DEFAULT_LABELS_FILE, overrideFile?: string): Labels {
  const mtimeMs = statSync(file).mtimeMs + (overrideFile ? statSync(overrideFile).mtimeMs : 0);
  const cacheKey = overrideFile ? `${file}\0${overrideFile}` : file;
  const hit = cache.get(cacheKey);
  if (hit && hit.mtimeMs === mtimeMs) return hit.labels;
  const base = parse(readFileSync(file, 'utf8')) as LabelTree;
  const tree = overrideFile ? merge(base, parseOverride(overrideFile)) : base;
  const t = (key: string, vars?: Record<string, string | number>): string => {
    let node: string | LabelTree | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`Etiketten "${key}" saknas i ${file}`);
    return fill(node, vars);
  };
  const labels: Labels = { tree, t };
  cache.set(cacheKey, { mtimeMs, labels });
  return labels;
}

/** A project's labels file; one that does not parse changes nothing (validate reports it). */
function parseOverride(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
