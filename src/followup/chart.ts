/**
 * The chart of an indicator in the follow-up report: one bar per year with its value, and the
 * target as a dashed line, as inline SVG (no script). role="img" with <title> and <desc>; the
 * report puts the same numbers in a table beside it.
 */
import { formatNumber } from '../pipeline/compose-format.ts';
import { escapeXml, n, textLines, wrapText } from '../pipeline/svg.ts';

/** What one chart shows. */
export interface ChartInput {
  domId: string;
  title: string;
  /** The text alternative, also the SVG's <desc>. */
  description: string;
  values: { year: number; value: number }[];
  /** "%" draws a 0–100 axis. */
  unit: string;
  /** The target line, when the target is a number or percent. */
  target?: { value: number; label: string };
}

const W = 420;
const H = 220;
const LEFT = 44;
const RIGHT = 12;
const TOP = 28;
const BOTTOM = 30;
const FONT = 11;

/** A rounded upper end for the axis and its tick step. */
function scale(max: number, unit: string): { top: number; step: number } {
  const raw = Math.max(max, 1) * 1.15;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => raw / s <= 5) ?? mag * 10;
  const top = Math.ceil(raw / step) * step;
  // A share never goes above 100 %.
  return unit.trim() === '%' && top > 100 ? { top: 100, step: 20 } : { top, step };
}

/** Draws the chart as one `<svg>` element. */
export function drawChart(c: ChartInput): string {
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const max = Math.max(...c.values.map((v) => v.value), c.target?.value ?? 0);
  const min = Math.min(0, ...c.values.map((v) => v.value));
  const { top, step } = scale(max, c.unit);
  const bottom = min < 0 ? -Math.ceil(-min / step) * step : 0;
  const y = (v: number): number => TOP + plotH - ((v - bottom) / (top - bottom)) * plotH;
  const suffix = c.unit.trim() === '%' ? '\u00a0%' : '';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${c.domId}-titel ${c.domId}-beskrivning" font-family="Inter, sans-serif" font-size="${FONT}">`,
    `<title id="${c.domId}-titel">${escapeXml(c.title)}</title><desc id="${c.domId}-beskrivning">${escapeXml(c.description)}</desc>`,
  ];
  for (let v = bottom; v <= top + 1e-9; v += step) {
    out.push(`<line x1="${LEFT}" y1="${n(y(v))}" x2="${W - RIGHT}" y2="${n(y(v))}" stroke="#d5dbe2" stroke-width="0.75"/>`);
    out.push(`<text x="${LEFT - 6}" y="${n(y(v) + 4)}" text-anchor="end" fill="#333">${escapeXml(formatNumber(v))}${suffix}</text>`);
  }
  const slot = plotW / Math.max(1, c.values.length);
  const barW = Math.min(56, slot * 0.6);
  c.values.forEach((v, i) => {
    const cx = LEFT + slot * (i + 0.5);
    const y0 = y(Math.max(0, v.value));
    const h = Math.abs(y(v.value) - y(0));
    out.push(`<rect x="${n(cx - barW / 2)}" y="${n(y0)}" width="${n(barW)}" height="${n(Math.max(h, 0.5))}" fill="#2f5f8a"/>`);
    out.push(`<text x="${n(cx)}" y="${n(Math.min(y0, y(0)) - 5)}" text-anchor="middle" font-weight="600" fill="#1a1a1a">${escapeXml(formatNumber(v.value))}${suffix}</text>`);
    out.push(`<text x="${n(cx)}" y="${H - BOTTOM + 16}" text-anchor="middle" fill="#1a1a1a">${v.year}</text>`);
  });
  out.push(`<line x1="${LEFT}" y1="${n(y(0))}" x2="${W - RIGHT}" y2="${n(y(0))}" stroke="#1a1a1a" stroke-width="1"/>`);
  if (c.target) {
    const ty = y(c.target.value);
    out.push(`<line x1="${LEFT}" y1="${n(ty)}" x2="${W - RIGHT}" y2="${n(ty)}" stroke="#b3261e" stroke-width="1.6" stroke-dasharray="6 4"/>`);
    // The legend sits above the plot, so it never covers a bar's value.
    const label = wrapText(c.target.label, 200, FONT).slice(0, 1);
    out.push(`<line x1="${W - RIGHT - 230}" y1="8" x2="${W - RIGHT - 206}" y2="8" stroke="#b3261e" stroke-width="1.6" stroke-dasharray="6 4"/>`);
    out.push(textLines(label, W - RIGHT - 200, 12, 13, 'fill="#b3261e" font-weight="600"'));
  }
  out.push('</svg>');
  return out.join('');
}
