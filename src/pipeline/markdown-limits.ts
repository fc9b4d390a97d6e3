/**
 * A linear pre-scan of Markdown before it reaches the parser. micromark, mdast-util-to-hast, parse5
 * and hast-util-to-html recurse once per level of nesting and search back over unmatched openers, so a
 * few kilobytes of `>>>>`, `[[[[`, `****` or `<div><div>` can overflow the stack or take minutes. The
 * scan bounds every such measure (see LIMITS) and reports the first place that passes one; text that
 * passes the scan parses and renders in linear time (tests/markdown-limits.test.ts probes this).
 */

/** The bounds the scan enforces; well above anything an agreement's prose uses. */
export const LIMITS = {
  /** Block quotes and list items on one line, counting two columns of indentation as one level. */
  containerDepth: 32,
  /** Unclosed emphasis openers (`*`, `_`, `~`) of one kind in one paragraph, counted in characters. */
  emphasisDepth: 32,
  /** One run of emphasis characters that can open or close emphasis. */
  delimiterRun: 32,
  /** Unclosed `[` in one paragraph. */
  bracketDepth: 32,
  /** Open raw HTML elements (across the whole text, since rehype-raw parses all raw HTML as one stream). */
  htmlDepth: 32,
  /** Characters on one line. */
  lineLength: 20_000,
  /**
   * Links, brackets and emphasis delimiters in one paragraph: micromark splices its event list once
   * for each, so the cost grows with their number times the paragraph's length.
   */
  paragraphMarks: 2000,
  /** Characters in one paragraph (lines without a blank line between them). */
  paragraphLength: 100_000,
} as const;

/** What passed a bound, where (1-based line and column within the scanned text). */
export interface LimitProblem {
  kind: 'djup' | 'komplex';
  /** Swedish: what is nested or too long, e.g. "citat och listor". */
  what: string;
  count: number;
  limit: number;
  line: number;
  column: number;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements the HTML parser closes by itself when the next one opens: they never nest by repetition.
const AUTO_CLOSED = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rp', 'rt', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption']);

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n';
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/** Scans one Markdown text; returns the first problem, or undefined when the text is within every bound. */
export function scanMarkdown(text: string): LimitProblem | undefined {
  const lines = text.split('\n');
  let html = 0;
  let para = newParagraph();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const at = (column: number) => ({ line: i + 1, column: column + 1 });
    if (line.trim() === '') { para = newParagraph(); continue; }

    const start = containerPrefix(line);
    if (start.depth > LIMITS.containerDepth) return { kind: 'djup', what: 'citat och listor i varandra', count: start.depth, limit: LIMITS.containerDepth, ...at(start.overAt) };
    if (/^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/.test(line.slice(start.end))) continue; // a thematic break
    for (let j = start.end; j < line.length; j++) {
      const c = line[j] as string;
      if (c === '\\') { j++; continue; }
      if ((c === '[' || c === ']' || c === '*' || c === '_' || c === '~' || c === '<' || c === '`') && ++para.marks > LIMITS.paragraphMarks) {
        return { kind: 'komplex', what: 'tecken för länkar, betoningar och HTML ([ ] * _ ~ < `) i ett stycke', count: para.marks, limit: LIMITS.paragraphMarks, ...at(j) };
      }
      if (c === '[') {
        para.brackets++;
        if (para.brackets > LIMITS.bracketDepth) return { kind: 'djup', what: 'hakparenteser [ i varandra', count: para.brackets, limit: LIMITS.bracketDepth, ...at(j) };
      } else if (c === ']') {
        if (para.brackets > 0) para.brackets--;
      } else if (c === '*' || c === '_' || c === '~') {
        let k = j;
        while (line[k + 1] === c) k++;
        const problem = emphasisRun(para, c, line, j, k - j + 1);
        if (problem) return { ...problem, ...at(j) };
        j = k;
      } else if (c === '<') {
        const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(\/?)>/.exec(line.slice(j, j + 2000));
        if (!m) continue;
        const name = (m[2] ?? '').toLowerCase();
        if (VOID.has(name) || AUTO_CLOSED.has(name) || m[3] === '/') continue;
        if (m[1] === '/') { if (html > 0) html--; continue; }
        html++;
        if (html > LIMITS.htmlDepth) return { kind: 'djup', what: 'HTML-element i varandra', count: html, limit: LIMITS.htmlDepth, ...at(j) };
      }
    }
    const before = para.length;
    para.length += line.length + 1;
    if (para.length > LIMITS.paragraphLength) return { kind: 'komplex', what: 'tecken i ett stycke utan tom rad', count: para.length, limit: LIMITS.paragraphLength, ...at(Math.max(0, LIMITS.paragraphLength - before)) };
    if (line.length > LIMITS.lineLength) return { kind: 'komplex', what: 'tecken på en rad', count: line.length, limit: LIMITS.lineLength, ...at(LIMITS.lineLength) };
  }
  return undefined;
}

interface Paragraph { length: number; marks: number; brackets: number; open: Record<string, number[]> }
const newParagraph = (): Paragraph => ({ length: 0, marks: 0, brackets: 0, open: { '*': [], _: [], '~': [] } });

/** Block quote and list markers at the start of a line, and two columns of indentation as a level. */
function containerPrefix(line: string): { depth: number; end: number; overAt: number } {
  let depth = 0;
  let indent = 0;
  let j = 0;
  let overAt = 0;
  for (;;) {
    // Only the indentation before the first marker nests (a list inside a list item); the spaces
    // between markers on one line are the markers' own.
    while (line[j] === ' ' || line[j] === '\t') { if (depth === 0) indent += line[j] === '\t' ? 4 : 1; j++; }
    const m = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(line.slice(j, j + 12));
    if (!m) break;
    depth++;
    if (depth + Math.floor(indent / 2) > LIMITS.containerDepth && overAt === 0) overAt = j;
    j += m[0].length;
  }
  const total = depth + Math.floor(indent / 2);
  return { depth: total, end: j, overAt: overAt || j };
}

/** Simulates the emphasis delimiter stack (CommonMark's flanking rules) for one run of `c`. */
function emphasisRun(para: Paragraph, c: string, line: string, from: number, length: number): Omit<LimitProblem, 'line' | 'column'> | undefined {
  const before = line[from - 1];
  const after = line[from + length];
  const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  const canOpen = c === '_' ? left && (!right || isPunct(before)) : left;
  const canClose = c === '_' ? right && (!left || isPunct(after)) : right;
  if (!canOpen && !canClose) return undefined;
  if (length > LIMITS.delimiterRun) return { kind: 'komplex', what: `tecken ${c} i följd`, count: length, limit: LIMITS.delimiterRun };
  const stack = para.open[c] as number[];
  let rest = length;
  if (canClose) {
    while (rest > 0 && stack.length > 0) {
      const top = stack.pop() as number;
      const used = Math.min(top, rest);
      rest -= used;
      if (top > used) stack.push(top - used);
    }
  }
  if (canOpen && rest > 0) {
    stack.push(rest);
    const open = stack.reduce((s, n) => s + n, 0);
    if (open > LIMITS.emphasisDepth) return { kind: 'djup', what: `öppnade betoningar med ${c} utan slut`, count: open, limit: LIMITS.emphasisDepth };
  }
  return undefined;
}
