/** The redline: a summary page, then the agreement in its own layout with every change marked. */
import { renderAgreementHtml, type RenderedHtml } from '../pipeline/render-html.ts';
import { agreementSourceHash, shortHash } from '../pipeline/hash.ts';
import type { Change, ChangeSet } from './types.ts';
import type { Side } from './changeset.ts';
import { placedSections } from './changeset-sections.ts';
import { describeChange, describeCounts } from './describe.ts';
import { describeCount, groupByArea, revisionLine } from './format-text.ts';
import { markSection } from './redline-marks.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Redline styles: readable in black and white (underline, strike-through, bars in the margin). */
const CSS = `<style>
ins{text-decoration:underline;text-decoration-thickness:.12em;text-underline-offset:.15em;background:none;color:inherit}
del{text-decoration:line-through;text-decoration-thickness:.1em;color:inherit}
.rl-changed{border-left:2.5pt solid #000 !important;padding-left:5pt !important}
.rl-moved{border-left:4pt double #000 !important;padding-left:5pt !important}
li.rl-changed,li.rl-moved{list-style-position:inside}
.rl-note{font:italic 8pt/1.2 Inter,sans-serif;margin-right:.4em}
.rl-section-note{font:italic 9pt/1.3 Inter,sans-serif;border:1pt dashed #000;padding:3pt 6pt;margin:0 0 6pt}
.redline-summary{break-after:page;font-size:10pt}
.redline-summary h1{font:700 18pt/1.2 Inter,sans-serif;margin:0 0 6pt}
.redline-summary h2{font:600 11pt/1.3 Inter,sans-serif;margin:12pt 0 3pt}
.redline-summary ol{margin:0;padding-left:2em}
.redline-legend{border:1pt solid #000;padding:4pt 8pt;margin:8pt 0}
</style>`;

/** The summary page: counts, legend and the numbered ändringsförteckning. */
export function summaryHtml(cs: ChangeSet): string {
  const out = [`<section class="redline-summary" aria-label="Ändringar"><h1>Ändringar ${esc(revisionLine(cs))}</h1>`, `<p><strong>${esc(describeCounts(cs.changes))}</strong></p>`];
  out.push('<p class="redline-legend">Teckenförklaring: <ins>ny text</ins> är understruken, <del>borttagen text</del> är genomstruken, ändrade stycken har ett streck i vänstermarginalen och flyttade stycken ett dubbelstreck.</p>');
  let n = 0;
  for (const [area, list] of groupByArea(cs.changes)) {
    out.push(`<h2>${esc(area)}</h2><ol start="${n + 1}">`);
    for (const c of list) { n += 1; out.push(`<li>${esc(describeChange(c))}</li>`); }
    out.push('</ol>');
    for (const k of cs.counts.filter((x) => x.area === area)) out.push(`<p><em>${esc(describeCount(k))}</em></p>`);
  }
  if (cs.changes.length === 0) out.push('<p>Inga ändringar.</p>');
  out.push('</section>');
  return out.join('\n');
}

/** Structured changes shown at the top of the section where their directive puts them. */
const DIRECTIVE_AREAS: [RegExp, string][] = [
  [/::parter|::ovriga-parter/, 'Parter'], [/::underskrifter/, 'Underskrifter'], [/::giltighet/, 'Giltighet och beslut'],
  [/::mal\b|::uppfoljning/, 'Mål och indikatorer'], [/::malgrupper/, 'Målgrupper'], [/::ataganden/, 'Åtaganden'],
  [/::grupp|::tabell|::process/, 'Organisering'], [/::jobbspar/, 'Jobbspår'], [/::budget/, 'Budget'], [/::figur/, 'Figurer'],
];

/** The redline as HTML (with the after side's PDF metadata for printing). */
export async function renderRedlineHtml(cs: ChangeSet, before: Side, after: Side, options: { print: boolean }): Promise<RenderedHtml> {
  const sourceHash = shortHash(await agreementSourceHash(after.project, after.agreement));
  const rendered = await renderAgreementHtml(after.project, after.agreement, { sourceHash, print: options.print });
  let html = rendered.html;
  const beforeById = new Map(placedSections(before).flat().map((s) => [s.id, s]));
  const sections = placedSections(after).flat();
  const parts = html.split(/(?=<section class=")/);
  // parts[0] is everything before the first section; each later part starts with one section.
  if (parts.length - 1 === sections.length) {
    const shownAreas = new Set<string>();
    html = parts.map((part, i) => {
      if (i === 0) return part;
      const s = sections[i - 1];
      if (!s) return part;
      const end = part.indexOf('</section>') + '</section>'.length;
      let sec = part.slice(0, end);
      const b = beforeById.get(s.id);
      const moves = cs.changes.filter((c) => c.section?.id === s.id && c.kind === 'moved' && c.where?.startsWith('från avsnittet'));
      if (b) sec = markSection(sec, b.source.text, s.source.text, moves);
      const notes: string[] = [];
      const own = cs.changes.filter((c) => c.entity === 'avsnitt' && c.section?.id === s.id);
      for (const c of own) notes.push(describeChange(c));
      if (!b) sec = sec.replace(/^<section class="/, '<section class="rl-changed ');
      for (const [re, area] of DIRECTIVE_AREAS) {
        if (!re.test(s.source.text) || shownAreas.has(area)) continue;
        shownAreas.add(area);
        notes.push(...cs.changes.filter((c: Change) => c.area === area).map(describeChange));
      }
      if (notes.length > 0) sec = sec.replace(/(<\/h\d>)/, `$1\n<div class="rl-section-note"><strong>Ändrat här:</strong><ul>${notes.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></div>`);
      return sec + part.slice(end);
    }).join('');
  }
  html = html.replace(/<\/head>/i, `${CSS}\n</head>`).replace(/(<body[^>]*>)/i, `$1\n${summaryHtml(cs)}`);
  return { ...rendered, html, meta: { ...rendered.meta, title: `Ändringar: ${rendered.meta.title}`, subject: `Ändringar ${revisionLine(cs)}` } };
}
