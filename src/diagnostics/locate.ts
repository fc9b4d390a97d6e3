/**
 * Maps a JSON path (as ajv reports it) back to the line and column of the YAML source, using
 * the parsed document's node ranges: never by searching the text for a key.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Place } from './diagnostic.ts';

/** A parsed YAML source: its file name, document and line counter. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines before the YAML starts in the file (front matter in Markdown starts at line 2). */
  lineOffset: number;
}

/** The place of a character offset in a YAML source. */
export function placeAtOffset(src: Pick<YamlSource, 'file' | 'lineCounter' | 'lineOffset'>, offset: number): Place {
  const { line, col } = src.lineCounter.linePos(Math.max(0, offset));
  return { file: src.file, line: line + src.lineOffset, column: col };
}

/** Splits an ajv instancePath ("/parties/0/orgnr") into its segments. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function child(node: unknown, key: string | number): { value: unknown; keyNode?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(key)) return { value: pair.value, ...(isNode(pair.key) ? { keyNode: pair.key } : {}) };
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/**
 * The place of the value at `path` (or of its key, with `at: 'key'`). When the path does not
 * exist (a missing field), the place of the deepest existing parent is returned.
 */
export function placeOf(src: YamlSource, path: readonly (string | number)[], at: 'value' | 'key' = 'value'): Place {
  let node: unknown = src.doc.contents;
  let lastNode: Node | undefined = isNode(node) ? node : undefined;
  let keyNode: Node | undefined;
  for (const seg of path) {
    const next = child(node, seg);
    if (!next) break;
    node = next.value;
    keyNode = next.keyNode;
    if (isNode(node)) lastNode = node;
    else if (keyNode) lastNode = keyNode;
    if (isPair(node)) break;
  }
  const target = at === 'key' && keyNode ? keyNode : lastNode;
  const offset = target?.range?.[0] ?? 0;
  return placeAtOffset(src, offset);
}

/** The place of the key `key` inside the map at `path` (for unknown fields). */
export function placeOfKey(src: YamlSource, path: readonly (string | number)[], key: string): Place {
  return placeOf(src, [...path, key], 'key');
}
