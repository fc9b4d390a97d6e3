/** The redline's first page: what changed, where each change is marked (page, linked), and the legend. */
import type { Change, ChangeSet } from '../types.ts';
import { describeChange, describeCounts } from '../describe.ts';
import { describeCount, groupByArea, provenanceLine, revisionLine } from '../format-text.ts';
import type { MarkKind } from './context.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The legend, explaining only the marks that occur. */
const LEGEND: [MarkKind, string][] = [
  ['ins', '<ins>ny text</ins> är understruken'],
  ['del', '<del>borttagen text</del> är genomstruken'],
  ['added', 'en ny punkt är understruken och märkt <span class="rl-note">Ny</span>'],
  ['removed', 'en punkt som utgår står kvar genomstruken, märkt <span class="rl-note">Utgår</span>'],
  ['moved', 'det som flyttats har ett dubbelstreck i marginalen och är märkt <span class="rl-note">Flyttat</span> på båda ställena'],
];

/** Redline styles: readable in black and white (underline, strike-through, bars and words in the margin). */
export const REDLINE_CSS = `<style>
ins{text-decoration:underline;text-decoration-thickness:.12em;text-underline-offset:.15em;background:none;color:inherit}
del{text-decoration:line-through;text-decoration-thickness:.1em;color:inherit}
.rl-bar,.rl-bar-moved{position:relative}
.rl-bar::before,.rl-bar-moved::before{content:"";position:absolute;left:-9pt;top:0;bottom:0;border-left:2.5pt solid #000}
.rl-bar-moved::before{border-left:4pt double #000}
td.rl-bar::before,th.rl-bar::before{left:-3pt}
.rl-note{font:italic 600 7.5pt/1.2 Inter,sans-serif;border:.6pt solid #000;border-radius:2pt;padding:0 2pt;margin-right:.3em;text-decoration:none;display:inline-block}
.rl-removed{text-decoration:line-through}
.rl-moved-away{font:italic 9pt/1.3 Inter,sans-serif}
.rl-section-note{font:italic 9pt/1.3 Inter,sans-serif;border:1pt dashed #000;padding:3pt 6pt;margin:0 0 6pt}
.redline-summary{break-after:page;font-size:10pt}
.redline-summary h1{font:700 18pt/1.2 Inter,sans-serif;margin:0 0 6pt}
.redline-summary h2{font:600 11pt/1.3 Inter,sans-serif;margin:12pt 0 3pt}
.redline-summary ol{margin:0;padding-left:2em}
.redline-summary li{margin:0 0 3pt}
.redline-summary a{color:inherit;text-decoration:none}
.rl-where{white-space:nowrap;font:9pt Inter,sans-serif}
.rl-provenance{font:8pt/1.3 Inter,sans-serif;margin-top:10pt}
.redline-legend{border:1pt solid #000;padding:4pt 8pt;margin:8pt 0}
.rl-anchor{display:inline-block;width:0}
.rl-where .toc-page,.rl-page{min-width:0;display:inline}
del+ins,ins+del{margin-left:.25em}
</style>`;

/** The summary page: counts, legend, and each entry with the page it is marked on. */
export function summaryHtml(cs: ChangeSet, used: ReadonlySet<MarkKind>): string {
  const out = [`<section class="redline-summary" aria-label="Ändringar"><h1>Ändringar: ${esc(revisionLine(cs))}</h1>`, `<p><strong>${esc(describeCounts(cs.changes))}</strong></p>`];
  const legend = LEGEND.filter(([k]) => used.has(k)).map(([, t]) => t);
  if (legend.length > 0) out.push(`<p class="redline-legend">Teckenförklaring: ${legend.join('; ')}. Varje ändring har ett streck i vänstermarginalen.</p>`);
  let n = 0;
  for (const [area, list] of groupByArea(cs.changes)) {
    out.push(`<h2>${esc(area)}</h2><ol start="${n + 1}">`);
    for (const c of list) { n += 1; out.push(entryHtml(c)); }
    out.push('</ol>');
    for (const k of cs.counts.filter((x) => x.area === area)) out.push(`<p><em>${esc(describeCount(k))}</em></p>`);
  }
  if (cs.changes.length === 0) out.push('<p>Inga ändringar.</p>');
  out.push(`<p class="rl-provenance">${esc(provenanceLine(cs))}</p></section>`);
  return out.join('\n');
}

const entryHtml = (c: Change): string =>
  `<li><a href="#chg-${esc(c.id ?? '')}">${esc(describeChange(c))}</a> <span class="rl-where">(sida <span class="toc-page" data-target="chg-${esc(c.id ?? '')}"></span>)</span></li>`;
