/** Small helpers for the inline SVG drawings (samverkanskarta, follow-up charts): escaping, plain text, wrapping. */

/** Escapes text for SVG/HTML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline Markdown as plain text for a drawing: footnote references, emphasis and link targets dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Average advance of a character in the drawings' font, as a share of the font size (Inter). */
const CHAR_EM = 0.56;

/** Breaks text into lines that fit `width` px at `fontPx`, at spaces; over-long words are cut. */
export function wrapText(text: string, width: number, fontPx: number): string[] {
  const max = Math.max(4, Math.floor(width / (fontPx * CHAR_EM)));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ').filter(Boolean)) {
    while (word.length > max) {
      if (line) { lines.push(line); line = ''; }
      lines.push(`${word.slice(0, max - 1)}-`);
      word = word.slice(max - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else { lines.push(line); line = word; }
  }
  if (line) lines.push(line);
  return lines;
}

/** `<text>` with one `<tspan>` per line, centred on x (anchor middle) or starting at x. */
export function textLines(lines: readonly string[], x: number, y: number, lineHeight: number, attrs = ''): string {
  const spans = lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : lineHeight}">${escapeXml(l)}</tspan>`).join('');
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${spans}</text>`;
}

/** A number rounded for coordinates (two decimals, no trailing zeros), so output stays short and stable. */
export function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}
