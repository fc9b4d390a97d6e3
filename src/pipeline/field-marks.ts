/**
 * Field marks: a composed sentence such as "Gäller från och med 2024-01-01 …" carries, around each
 * value taken from the model, the model path it came from. The layout turns them into
 * `<span data-field="validity/from">` so that the redline can mark a changed date where it prints,
 * inside the sentence, whatever template lays the sentence out.
 */

const OPEN = '\uE000';
const MID = '\uE001';
const CLOSE = '\uE002';

/** Wraps a value with the model path it shows (e.g. "validity/from"); resolved by {@link resolveFieldMarks}. */
export function fieldMark(path: string, value: string | number): string {
  return `${OPEN}${path}${MID}${String(value)}${CLOSE}`;
}

/** Removes field marks from a plain string (PDF metadata, footers, attributes). */
export function stripFieldMarks(text: string): string {
  return text.replace(/\uE000[^\uE001]*\uE001/g, '').replace(/\uE002/g, '');
}

const attrEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Turns the marks in rendered HTML into spans in text, and drops them inside tags. Only the marks
 * are visited (a page is mostly inline fonts and CSS): a mark is inside a tag when the nearest `<`
 * before it is nearer than the nearest `>`.
 */
export function resolveFieldMarks(html: string): string {
  if (!html.includes(OPEN)) return html;
  let out = '';
  let last = 0;
  for (const m of html.matchAll(/\uE000([^\uE001]*)\uE001|\uE002/g)) {
    const at = m.index;
    const inTag = html.lastIndexOf('<', at) > html.lastIndexOf('>', at);
    const span = m[1] !== undefined ? `<span data-field="${attrEscape(m[1])}">` : '</span>';
    out += html.slice(last, at) + (inTag ? '' : span);
    last = at + m[0].length;
  }
  return out + html.slice(last);
}
