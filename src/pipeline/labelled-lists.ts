/**
 * Lists labelled the way Swedish agreements label them. CommonMark knows `-` and `1.`/`1)` lists;
 * `A) B) C)`, `a) b)` and `»` are plain text to it. This transform runs on the parsed tree (before
 * anything reads it, so validation, build and the revision diff see the same lists) and turns
 * consecutive lines or paragraphs that begin with such labels into a list that keeps its style;
 * a CommonMark list written with `1)` keeps that style too.
 *
 * Rules: a lettered list starts at A (or a) and needs a second item in sequence, or continues the
 * previous lettered list of the same parent (then it starts where that one stopped); a » list needs
 * one line. Lines of a paragraph that do not begin the next label continue the item above. A label
 * line inside a paragraph starts the list there (the lines above stay a paragraph). A Markdown list
 * standing between two items belongs to the item above it. Each paragraph is split once and each
 * list level is visited once, so the work is linear in the text.
 */
import type { Break, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import { listStyleView, type ListStyle } from '../model/list-styles.ts';

type Kind = 'A)' | 'a)' | '»';

interface Marker { kind: Kind; ordinal: number; length: number }

/** One line of a paragraph: its phrasing nodes and what ended it (a soft or a hard line break). */
interface Line { nodes: PhrasingContent[]; end?: 'soft' | Break; line: number }

const MARKER = /^(?:([A-Z])\)|([a-z])\)|(»))[ \t\u00a0]+/;
const PAREN_NUMBER = /^\d{1,9}\)/;

/** The label style a list was given by this transform or by its `1)` markers, if any. */
export function labelStyleOf(list: List): ListStyle | undefined {
  return (list.data as { labelStyle?: ListStyle } | undefined)?.labelStyle;
}

function styled(list: List, style: ListStyle): List {
  const view = listStyleView(style);
  const hProperties: Record<string, string> = { dataOvrClass: view.className };
  if (view.type) hProperties.dataOvrType = view.type;
  list.data = { ...(list.data ?? {}), hProperties, labelStyle: style } as List['data'];
  return list;
}

/** The parsed text and where each of its lines starts, for the positions of the nodes made here. */
interface Source { text: string; starts: number[] }

function sourceOf(text: string): Source {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return { text, starts };
}

/** The position from the start of line `first` to the end of line `last` (1-based lines of the text). */
function span(src: Source, first: number, last: number): Position {
  const at = (line: number) => src.starts[Math.min(Math.max(line, 1), src.starts.length) - 1] ?? 0;
  const end = last < src.starts.length ? at(last + 1) - 1 : src.text.length;
  return { start: { line: first, column: 1, offset: at(first) }, end: { line: last, column: end - at(last) + 1, offset: end } };
}

/** Turns labelled lines and paragraphs of a parsed tree into lists, in place. `text` is the parsed text. */
export function labelLists(tree: Root, text: string): Root {
  if (!/[A-Za-z]\)|»|\d\)/.test(text)) return tree;
  const source = sourceOf(text);
  const stack: { children: RootContent[] }[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop() as { children: RootContent[] };
    parent.children = transform(parent.children, source);
    for (const child of parent.children) {
      if (child.type === 'list') {
        markParenNumbers(child, source);
        for (const item of child.children) stack.push(item as unknown as { children: RootContent[] });
      } else if (child.type === 'blockquote' || child.type === 'footnoteDefinition') stack.push(child as unknown as { children: RootContent[] });
    }
  }
  return tree;
}

function markParenNumbers(list: List, source: Source): void {
  if (!list.ordered || labelStyleOf(list)) return;
  const at = list.children[0]?.position?.start.offset;
  if (at !== undefined && PAREN_NUMBER.test(source.text.slice(at, at + 11))) styled(list, '1)');
}

/** `A\)` at the start of a source line: the author wants the text, not a list (the escape is gone from the tree). */
const ESCAPED = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?[A-Za-z]\\\)/;

function markerOf(line: Line, src: Source): Marker | undefined {
  const first = line.nodes[0];
  if (first?.type !== 'text') return undefined;
  const m = MARKER.exec(first.value);
  if (!m || (m[0].length === first.value.length && line.nodes.length === 1)) return undefined;
  const at = src.starts[line.line - 1];
  if (!m[3] && at !== undefined && ESCAPED.test(src.text.slice(at, src.starts[line.line] ?? src.text.length))) return undefined;
  if (m[1]) return { kind: 'A)', ordinal: m[1].charCodeAt(0) - 65, length: m[0].length };
  if (m[2]) return { kind: 'a)', ordinal: m[2].charCodeAt(0) - 97, length: m[0].length };
  return { kind: '»', ordinal: 0, length: m[0].length };
}

/** Splits a paragraph at its line breaks; new text nodes, the paragraph itself is left as it was. */
function linesOf(p: Paragraph, source: Source): Line[] {
  const startLine = p.position?.start.line ?? 1;
  const lines: Line[] = [{ nodes: [], line: startLine }];
  const current = () => lines[lines.length - 1] as Line;
  for (const node of p.children) {
    if (node.type === 'break') {
      current().end = node;
      // The line after a hard break, from the break's own place (a link above may span lines).
      const next = node.position ? Math.max(node.position.end.line, node.position.start.line + 1) : current().line + 1;
      lines.push({ nodes: [], line: next });
      continue;
    }
    if (node.type !== 'text' || !node.value.includes('\n')) { current().nodes.push(node); continue; }
    const parts = node.value.split('\n');
    const pos = node.position;
    const exact = pos?.start.offset !== undefined && pos.end.offset !== undefined && source.text.slice(pos.start.offset, pos.end.offset) === node.value;
    let offset = pos?.start.offset ?? 0;
    parts.forEach((value, i) => {
      if (i > 0) {
        current().end = 'soft';
        lines.push({ nodes: [], line: pos ? pos.start.line + i : current().line + 1 });
      }
      const piece: Text = { type: 'text', value };
      if (pos && exact) {
        const line = current().line;
        piece.position = { start: { line, column: i === 0 ? pos.start.column : 1, offset }, end: { line, column: (i === 0 ? pos.start.column : 1) + value.length, offset: offset + value.length } };
      } else if (pos && i === parts.length - 1) piece.position = pos; // the whole node's place, once
      offset += value.length + 1;
      if (value !== '') current().nodes.push(piece);
    });
  }
  return lines;
}

/** A paragraph of lines, joined by the breaks that stood between them. */
function paragraphOf(src: Source, lines: Line[], strip = 0): Paragraph {
  const children: PhrasingContent[] = [];
  lines.forEach((l, i) => {
    const nodes = [...l.nodes];
    if (i === 0 && strip > 0) {
      const first = nodes[0] as Text;
      const rest = first.value.slice(strip);
      const pos = first.position;
      const moved = pos?.start.offset !== undefined && pos.end.offset !== undefined && pos.end.offset - pos.start.offset === first.value.length
        ? { position: { start: { ...pos.start, column: pos.start.column + strip, offset: pos.start.offset + strip }, end: pos.end } }
        : pos ? { position: pos } : {};
      if (rest === '') nodes.shift();
      else nodes[0] = { type: 'text', value: rest, ...moved };
    }
    children.push(...nodes);
    if (i < lines.length - 1) {
      const end = l.end;
      if (end && end !== 'soft') children.push(end);
      else children.push({ type: 'text', value: '\n' });
    }
  });
  const first = lines[0]?.line ?? 1;
  const last = lines[lines.length - 1]?.line ?? first;
  return { type: 'paragraph', children: mergeTexts(children), position: span(src, first, last) };
}

/** Adjacent text nodes as one (the soft breaks put back between pieces). */
function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.type === 'text' && prev?.type === 'text') {
      const position = prev.position && n.position && n.position.end.offset !== undefined && prev.position.start.offset !== undefined
        ? { position: { start: prev.position.start, end: n.position.end } }
        : prev.position && !n.position ? { position: prev.position } : n.position ? { position: n.position } : {};
      out[out.length - 1] = { type: 'text', value: prev.value + n.value, ...position };
    } else out.push(n);
  }
  return out;
}

interface OpenList {
  list: List;
  kind: Kind;
  next: number;
  /** Set when the list began in this parent fresh: the paragraph to put back if it stays one lettered item. */
  origin?: { paragraph: Paragraph; at: number };
}

function itemOf(src: Source, lines: Line[], strip: number): ListItem {
  const paragraph = paragraphOf(src, lines, strip);
  return { type: 'listItem', spread: false, children: [paragraph], ...(paragraph.position ? { position: paragraph.position } : {}) };
}

/**
 * Adds the items of `lines` from `start` on to `open`; the line at `start` begins the item `open.next`.
 * A line that begins the label after it starts the next item; every other line continues the item.
 */
function addItems(src: Source, open: OpenList, lines: Line[], start: number): void {
  let from = start;
  let strip = (markerOf(lines[start] as Line, src) as Marker).length;
  let expected = open.next + 1;
  for (let j = start + 1; j < lines.length; j++) {
    const m = markerOf(lines[j] as Line, src);
    if (!m || m.kind !== open.kind || (open.kind !== '»' && m.ordinal !== expected)) continue;
    open.list.children.push(itemOf(src, lines.slice(from, j), strip));
    from = j;
    strip = m.length;
    expected += 1;
  }
  open.list.children.push(itemOf(src, lines.slice(from), strip));
  open.next = expected;
}

function transform(children: RootContent[], source: Source): RootContent[] {
  if (!children.some((c) => c.type === 'paragraph' || c.type === 'list')) return children;
  const out: RootContent[] = [];
  const lastLetter = new Map<Kind, number>();
  let open: OpenList | undefined;
  const close = (): void => {
    if (!open) return;
    if (open.kind !== '»' && open.origin && open.list.children.length === 1) out.splice(open.origin.at, out.length - open.origin.at, open.origin.paragraph);
    else if (open.kind !== '»') lastLetter.set(open.kind, open.next);
    open = undefined;
  };
  const continues = (node: RootContent | undefined, o: OpenList): boolean => {
    if (node?.type !== 'paragraph') return false;
    const m = markerOf({ nodes: node.children, line: node.position?.start.line ?? 0 }, source);
    return m !== undefined && m.kind === o.kind && (m.kind === '»' || m.ordinal === o.next);
  };
  for (let i = 0; i < children.length; i++) {
    const node = children[i] as RootContent;
    if (node.type === 'list' && open && !labelStyleOf(node) && continues(children[i + 1], open)) {
      (open.list.children[open.list.children.length - 1] as ListItem).children.push(node);
      continue;
    }
    if (node.type !== 'paragraph' || !startsPossible(node)) {
      close();
      if (node.type === 'heading') lastLetter.clear();
      out.push(node);
      continue;
    }
    const lines = linesOf(node, source);
    const first = markerOf(lines[0] as Line, source);
    if (open && first && first.kind === open.kind && (open.kind === '»' || first.ordinal === open.next)) {
      addItems(source, open, lines, 0);
      if (open.list.position && node.position) open.list.position.end = node.position.end;
      continue;
    }
    close();
    const start = lines.findIndex((l, j) => {
      const m = markerOf(l, source);
      if (!m) return false;
      if (m.kind === '»') return true;
      return m.ordinal === 0 || (j === 0 && lastLetter.get(m.kind) === m.ordinal);
    });
    if (start < 0) { out.push(node); continue; }
    const m = markerOf(lines[start] as Line, source) as Marker;
    if (start > 0) out.push(paragraphOf(source, lines.slice(0, start)));
    const list: List = styled({ type: 'list', ordered: m.kind !== '»', spread: false, children: [] }, m.kind);
    if (m.kind !== '»' && m.ordinal > 0) list.start = m.ordinal + 1;
    const fresh = m.ordinal === 0;
    open = { list, kind: m.kind, next: m.ordinal, ...(fresh ? { origin: { paragraph: node, at: start > 0 ? out.length - 1 : out.length } } : {}) };
    addItems(source, open, lines, start);
    out.push(list);
    const endPos = node.position;
    if (endPos) list.position = { start: span(source, (lines[start] as Line).line, (lines[start] as Line).line).start, end: endPos.end };
  }
  close();
  return out;
}

/** Cheap test before splitting: some line of the paragraph could begin with a label. */
function startsPossible(p: Paragraph): boolean {
  for (const c of p.children) {
    if (c.type !== 'text') continue;
    if (MARKER.test(c.value)) return true;
    if (c.value.includes('\n') && /\n(?:[A-Za-z]\)|»)/.test(c.value)) return true;
  }
  return false;
}

/** For tests and tools: every list of a tree with its label style, in document order. */
export function labelledLists(tree: Nodes): { style: ListStyle | undefined; items: number }[] {
  const out: { style: ListStyle | undefined; items: number }[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'list') out.push({ style: labelStyleOf(n), items: n.children.length });
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
  return out;
}
