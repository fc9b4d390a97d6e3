/** The small DOM toolkit of the redline: parse5 trees, walking, indexing by data attributes, cloning. */
import { parse, parseFragment, serialize } from 'parse5';

/** The parse5 node shape used here. */
export interface N {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: N[];
  parentNode?: N | null;
}

/** Parses a whole HTML document. */
export const parseDocument = (html: string): N => parse(html) as unknown as N;
/** Serialises a document back to HTML. */
export const serializeDocument = (doc: N): string => serialize(doc as never);
/** Parses an HTML fragment into nodes (without parents). */
export const fragment = (html: string): N[] => (parseFragment(html) as unknown as N).childNodes ?? [];

/** An attribute's value, or undefined. */
export const attr = (n: N, name: string): string | undefined => n.attrs?.find((a) => a.name === name)?.value;

/** Sets an attribute. */
export function setAttr(n: N, name: string, value: string): void {
  const attrs = (n.attrs ??= []);
  const a = attrs.find((x) => x.name === name);
  if (a) a.value = value; else attrs.push({ name, value });
}

/** Adds classes to an element. */
export function addClass(n: N, ...classes: string[]): void {
  const have = (attr(n, 'class') ?? '').split(/\s+/).filter(Boolean);
  setAttr(n, 'class', [...new Set([...have, ...classes])].join(' '));
}

/** True when the element has the class. */
export const hasClass = (n: N, cls: string): boolean => (attr(n, 'class') ?? '').split(/\s+/).includes(cls);

/** Adds a change id to the element's `data-change` list. */
export function addChange(n: N, id: string): void {
  const have = (attr(n, 'data-change') ?? '').split(/\s+/).filter(Boolean);
  if (!have.includes(id)) setAttr(n, 'data-change', [...have, id].join(' '));
}

/** Every element under `root` in document order. */
export function elements(root: N): N[] {
  const out: N[] = [];
  const walk = (n: N): void => {
    for (const c of n.childNodes ?? []) {
      if (c.tagName) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Elements by the value of a data attribute, in document order. */
export function indexBy(root: N, name: string): Map<string, N[]> {
  const map = new Map<string, N[]>();
  for (const e of elements(root)) {
    const v = attr(e, name);
    if (v !== undefined) map.set(v, [...(map.get(v) ?? []), e]);
  }
  return map;
}

/** A deep copy of a node, without its parent. */
export function clone(n: N): N {
  const copy: N = { nodeName: n.nodeName, ...(n.tagName ? { tagName: n.tagName } : {}), ...(n.value !== undefined ? { value: n.value } : {}) };
  if (n.attrs) copy.attrs = n.attrs.map((a) => ({ ...a }));
  if (n.childNodes) {
    copy.childNodes = n.childNodes.map(clone);
    for (const c of copy.childNodes) c.parentNode = copy;
  }
  // parse5 keeps the namespace on elements; serialisation needs it.
  const ns = (n as unknown as { namespaceURI?: string }).namespaceURI;
  if (ns) (copy as unknown as { namespaceURI: string }).namespaceURI = ns;
  return copy;
}

/** Inserts nodes into `parent` at child index `at`. */
export function insertAt(parent: N, at: number, nodes: N[]): void {
  const list = (parent.childNodes ??= []);
  for (const n of nodes) n.parentNode = parent;
  list.splice(Math.max(0, Math.min(at, list.length)), 0, ...nodes);
}

/** Inserts nodes right after `ref`. */
export const insertAfter = (ref: N, nodes: N[]): void => { if (ref.parentNode) insertAt(ref.parentNode, (ref.parentNode.childNodes ?? []).indexOf(ref) + 1, nodes); };
/** Inserts nodes right before `ref`. */
export const insertBefore = (ref: N, nodes: N[]): void => { if (ref.parentNode) insertAt(ref.parentNode, (ref.parentNode.childNodes ?? []).indexOf(ref), nodes); };

/** The nearest ancestor (or the node itself) that matches. */
export function closest(n: N | null | undefined, test: (x: N) => boolean): N | undefined {
  for (let x = n; x; x = x.parentNode) if (x.tagName && test(x)) return x;
  return undefined;
}

/** The text of a node, leaving out subtrees that `skip` names. */
export function textOf(n: N, skip: (x: N) => boolean = () => false): string {
  if (n.nodeName === '#text') return n.value ?? '';
  if (n.tagName && skip(n)) return '';
  return (n.childNodes ?? []).map((c) => textOf(c, skip)).join('');
}

/** Child-index path from `ancestor` down to `n`. */
export function indexPath(ancestor: N, n: N): number[] | undefined {
  const path: number[] = [];
  for (let x: N | null | undefined = n; x && x !== ancestor; x = x.parentNode) {
    const p = x.parentNode;
    if (!p) return undefined;
    path.unshift((p.childNodes ?? []).indexOf(x));
  }
  return path;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Escapes text for HTML. */
export const escapeHtml = esc;
