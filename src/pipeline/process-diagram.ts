/**
 * The samverkanskarta: a process of organisation.yaml drawn as inline SVG. A flow (`flode`) has one
 * vertical lane per party or group, a box per step in each lane it involves and arrows for the next
 * steps; a staircase (`trappa`) draws steps that build on each other. Vector text, so it is sharp
 * at any zoom and the same in HTML and PDF; role="img" with <title> and <desc>, and the numbered
 * list stays beside it for screen readers and search.
 */
import type { ProcessData } from '../model/types.ts';
import type { Labels } from './labels.ts';
import { escapeXml, n, plainText, textLines, wrapText } from './svg.ts';

/** How a process is shown: the explicit kind, else a flow when a step names parties or next steps. */
export function processKind(p: ProcessData): 'lista' | 'flode' | 'trappa' {
  if (p.kind) return p.kind;
  return p.steps.some((s) => s.parties || s.next) ? 'flode' : 'lista';
}

/** The drawing of a process with the texts a reader needs, or undefined for a plain list. */
export interface ProcessDiagram {
  svg: string;
  /** The text alternative (also the SVG's <desc>). */
  description: string;
}

const FONT = 11;
const LINE = 14;
const LANE_W = 150;
const MAX_W = 640;
const GAP = 26;
const LOOP_ROOM = 28;

/** Draws a process; `laneName` gives the shown name of a party or group id. */
export function drawProcess(p: ProcessData, domId: string, laneName: (id: string) => string, labels: Labels): ProcessDiagram | undefined {
  const kind = processKind(p);
  if (kind === 'lista') return undefined;
  return kind === 'trappa' ? drawStaircase(p, domId, laneName, labels) : drawFlow(p, domId, laneName, labels);
}

function svgOpen(domId: string, width: number, height: number, title: string, description: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${domId}-titel ${domId}-beskrivning" font-family="Inter, sans-serif" font-size="${FONT}">`
    + `<title id="${domId}-titel">${escapeXml(title)}</title><desc id="${domId}-beskrivning">${escapeXml(description)}</desc>`;
}

function drawFlow(p: ProcessData, domId: string, laneName: (id: string) => string, labels: Labels): ProcessDiagram {
  const unnamed = labels.t('diagram.unnamedLane');
  const laneOf = (s: ProcessData['steps'][number]): string[] => (s.parties && s.parties.length > 0 ? s.parties : ['']);
  const lanes: string[] = [];
  for (const s of p.steps) for (const l of laneOf(s)) if (!lanes.includes(l)) lanes.push(l);
  const laneW = Math.min(LANE_W, (MAX_W - LOOP_ROOM) / lanes.length);
  const boxW = laneW - 20;
  const titles = p.steps.map((s, i) => wrapText(`${i + 1}. ${plainText(s.title)}`, boxW - 12, FONT));
  const boxH = 12 + Math.max(...titles.map((t) => t.length)) * LINE;
  const rowH = boxH + GAP;
  const names = lanes.map((l) => (l === '' ? unnamed : laneName(l)));
  const heads = names.map((name) => wrapText(name, laneW - 10, FONT));
  const HEAD_H = 14 + Math.max(...heads.map((h) => h.length)) * LINE;
  const width = lanes.length * laneW + LOOP_ROOM;
  const height = HEAD_H + p.steps.length * rowH + 4;
  const index = new Map(p.steps.map((s, i) => [s.id ?? `#${i}`, i]));
  const nexts = p.steps.map((s, i) => (s.next ? s.next.map((id) => index.get(id)).filter((x): x is number => x !== undefined) : i + 1 < p.steps.length ? [i + 1] : []));
  const boxX = (lane: number): number => lane * laneW + 10;
  const rowY = (row: number): number => HEAD_H + row * rowH + GAP / 2;

  const flow = p.steps.map((s, i) => {
    const who = (s.parties ?? []).map(laneName);
    const to = nexts[i] ?? [];
    const after = to.length === 0 ? labels.t('diagram.last') : labels.t('diagram.then', { steps: to.map((t) => String(t + 1)).join(', ') });
    return `${i + 1}. ${plainText(s.title)}${who.length > 0 ? ` (${who.join(', ')})` : ''}, ${after}`;
  });
  const description = labels.t('diagram.flowDescription', { n: p.steps.length, lanes: names.join(', '), flow: flow.join('; ') });

  const out: string[] = [svgOpen(domId, width, height, plainText(p.title), description)];
  out.push(`<defs><marker id="${domId}-pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker></defs>`);
  names.forEach((name, l) => {
    const x = l * laneW;
    out.push(`<rect x="${n(x)}" y="0" width="${n(laneW)}" height="${n(height)}" fill="${l % 2 === 0 ? '#f1f4f8' : '#ffffff'}" stroke="#8a96a3" stroke-width="0.75"/>`);
    out.push(textLines(heads[l] ?? [name], x + laneW / 2, 18, LINE, 'text-anchor="middle" font-weight="600" fill="#1a1a1a"'));
  });
  out.push(`<line x1="0" y1="${HEAD_H}" x2="${n(lanes.length * laneW)}" y2="${HEAD_H}" stroke="#8a96a3" stroke-width="0.75"/>`);
  // Arrows first, so boxes cover their ends.
  p.steps.forEach((s, i) => {
    const from = lanes.indexOf(laneOf(s)[0] ?? '');
    for (const t of nexts[i] ?? []) {
      const target = p.steps[t];
      if (!target) continue;
      const to = lanes.indexOf(laneOf(target)[0] ?? '');
      const x1 = boxX(from) + boxW / 2;
      const x2 = boxX(to) + boxW / 2;
      let d: string;
      if (t > i) {
        const y1 = rowY(i) + boxH;
        const y2 = rowY(t);
        const mid = y1 + GAP / 2;
        d = from === to ? `M${n(x1)},${n(y1)} V${n(y2)}` : `M${n(x1)},${n(y1)} V${n(mid)} H${n(x2)} V${n(y2)}`;
      } else {
        // Back to an earlier (or the same) step: round the right edge of the lanes.
        const edge = lanes.length * laneW + LOOP_ROOM / 2;
        const y1 = rowY(i) + boxH / 2;
        const y2 = rowY(t) + boxH / 2;
        d = `M${n(boxX(from) + boxW)},${n(y1)} H${n(edge)} V${n(y2)} H${n(boxX(to) + boxW)}`;
      }
      out.push(`<path d="${d}" fill="none" stroke="#1a1a1a" stroke-width="1.2" marker-end="url(#${domId}-pil)"/>`);
    }
  });
  p.steps.forEach((s, i) => {
    const ls = laneOf(s).map((l) => lanes.indexOf(l)).sort((a, b) => a - b);
    const y = rowY(i);
    if (ls.length > 1) {
      out.push(`<line x1="${n(boxX(ls[0] ?? 0) + boxW / 2)}" y1="${n(y + boxH / 2)}" x2="${n(boxX(ls[ls.length - 1] ?? 0) + boxW / 2)}" y2="${n(y + boxH / 2)}" stroke="#1a1a1a" stroke-width="1" stroke-dasharray="4 3"/>`);
    }
    const primary = lanes.indexOf(laneOf(s)[0] ?? '');
    for (const l of ls) {
      const x = boxX(l);
      out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(boxW)}" height="${n(boxH)}" rx="4" fill="#ffffff" stroke="#1a1a1a" stroke-width="${l === primary ? 1.4 : 1}"/>`);
      const lines = titles[i] ?? [];
      out.push(textLines(lines, x + boxW / 2, y + (boxH - lines.length * LINE) / 2 + LINE - 3, LINE, 'text-anchor="middle" fill="#1a1a1a"'));
    }
  });
  out.push('</svg>');
  return { svg: out.join(''), description };
}

function drawStaircase(p: ProcessData, domId: string, laneName: (id: string) => string, labels: Labels): ProcessDiagram {
  const count = p.steps.length;
  const stepW = Math.min(200, MAX_W / count);
  const titles = p.steps.map((s, i) => wrapText(`${i + 1}. ${plainText(s.title)}`, stepW - 16, FONT));
  const riser = 14 + Math.max(...titles.map((t) => t.length)) * LINE;
  const height = count * riser + 8;
  const width = count * stepW;
  const who = (s: ProcessData['steps'][number]) => (s.parties ?? []).map(laneName);
  const steps = p.steps.map((s, i) => `${i + 1}. ${plainText(s.title)}${who(s).length > 0 ? ` (${who(s).join(', ')})` : ''}`);
  const description = labels.t('diagram.staircaseDescription', { n: count, steps: steps.join('; ') });
  const out: string[] = [svgOpen(domId, width, height, plainText(p.title), description)];
  p.steps.forEach((_, i) => {
    const x = i * stepW;
    const top = height - (i + 1) * riser;
    out.push(`<rect x="${n(x + 1)}" y="${n(top)}" width="${n(stepW - 2)}" height="${n(height - top - 1)}" fill="${i % 2 === 0 ? '#dfe6ee' : '#c9d4e0'}" stroke="#1a1a1a" stroke-width="1"/>`);
    out.push(textLines(titles[i] ?? [], x + 8, top + 6 + LINE - 3, LINE, 'fill="#1a1a1a" font-weight="600"'));
  });
  out.push('</svg>');
  return { svg: out.join(''), description };
}
