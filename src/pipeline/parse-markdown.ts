/**
 * Parsing a section file: YAML front matter plus a GFM Markdown body. Positions in the Markdown
 * tree are shifted so that they are lines of the whole file.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseYaml, type ParsedYaml } from './parse-yaml.ts';
import { scanMarkdown, type LimitProblem } from './markdown-limits.ts';
import { labelLists } from './labelled-lists.ts';
import { treeKey, type TreeStore } from './tree-cache.ts';

/** A parsed section file. */
export interface ParsedMarkdown {
  frontMatter?: ParsedYaml;
  tree: Root;
  /** Number of lines taken by the front matter including both `---` lines. */
  bodyLineOffset: number;
  body: string;
  diagnostics: Diagnostic[];
}

const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Parses Markdown that has no front matter (a block of text kept in YAML, e.g. a description).
 * Text beyond the limits of markdown-limits.ts (validation reports it) stays one plain paragraph.
 */
export function parseMarkdownText(text: string): Root {
  if (scanMarkdown(text)) return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  return labelLists(processor.parse(text), text);
}

/** The diagnostic for a text beyond the Markdown limits, at `line` and `column` of its file. */
export function limitDiagnostic(problem: LimitProblem, place: { file: string; line: number; column: number }): Diagnostic {
  const facts = { what: problem.what, count: problem.count, limit: problem.limit };
  return diagnostic(problem.kind === 'djup' ? 'for-djup-nastling' : 'for-komplex-markdown', place, facts);
}

/**
 * Parses Markdown with front matter; `text` is already normalised by readSource. With `trees`, a
 * body parsed before (tree-cache.ts) is taken from there.
 */
export function parseMarkdown(text: string, file: string, trees?: TreeStore): ParsedMarkdown {
  const diagnostics: Diagnostic[] = [];
  let frontMatter: ParsedYaml | undefined;
  let body = text;
  let bodyLineOffset = 0;
  const match = /^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/.exec(text);
  if (match) {
    const yamlText = match[1] ?? '';
    frontMatter = parseYaml(yamlText.trim() === '' ? '{}' : yamlText, file, 1);
    diagnostics.push(...frontMatter.diagnostics);
    body = text.slice(match[0].length);
    bodyLineOffset = match[0].split('\n').length - 1;
    if (!match[0].endsWith('\n')) bodyLineOffset += 1;
  } else {
    diagnostics.push(diagnostic('frontmatter-saknas', { file, line: 1, column: 1 }));
  }
  const problem = scanMarkdown(body);
  if (problem) diagnostics.push(limitDiagnostic(problem, { file, line: problem.line + bodyLineOffset, column: problem.column }));
  let tree: Root;
  if (problem) tree = { type: 'root', children: [] };
  else {
    const key = trees ? treeKey(body, bodyLineOffset) : '';
    const kept = trees?.get(key);
    if (kept) tree = kept;
    else {
      tree = labelLists(processor.parse(body), body);
      shiftPositions(tree, bodyLineOffset);
      trees?.set(key, tree);
    }
  }
  return { ...(frontMatter ? { frontMatter } : {}), tree, bodyLineOffset, body, diagnostics };
}

function shiftPositions(node: { position?: { start: { line: number }; end: { line: number } } | undefined; children?: unknown[] | undefined }, by: number): void {
  if (by === 0) return;
  if (node.position) {
    node.position.start.line += by;
    node.position.end.line += by;
  }
  for (const c of node.children ?? []) shiftPositions(c as typeof node, by);
}
