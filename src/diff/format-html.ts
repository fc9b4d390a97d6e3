/**
 * The redline: a summary page, then the agreement in its own layout with every change marked where
 * it stands. Both sides are rendered with the same templates; their items carry `data-item` and
 * `data-field` paths, so an added item is marked in the after document, a removed one is put back
 * from the before document where it stood, and a changed field is marked word by word in place.
 */
import { renderAgreementHtml, type RenderedHtml } from '../pipeline/render-html.ts';
import { agreementSourceHash, shortHash } from '../pipeline/hash.ts';
import type { Change, ChangeSet } from './types.ts';
import type { Side } from './changeset.ts';
import { placedSections } from './changeset-sections.ts';
import { describeChange, PROSE } from './describe.ts';
import { revisionLine } from './format-text.ts';
import { withParts } from './consolidate.ts';
import { addClass, elements, escapeHtml as esc, fragment, insertAfter, insertAt, parseDocument, serializeDocument, type N } from './redline/dom.ts';
import { blockOf, markContext, noteHtml, record, type MarkContext } from './redline/context.ts';
import { markStructured } from './redline/mark-items.ts';
import { markProse } from './redline/mark-prose.ts';
import { REDLINE_CSS, summaryHtml } from './redline/summary.ts';


/** The redline as HTML (with the after side's PDF metadata for printing). */
export async function renderRedlineHtml(cs: ChangeSet, before: Side, after: Side, options: { print: boolean }): Promise<RenderedHtml> {
  const [aHash, bHash] = await Promise.all([agreementSourceHash(after.project, after.agreement), agreementSourceHash(before.project, before.agreement)]);
  const [rendered, old] = await Promise.all([
    renderAgreementHtml(after.project, after.agreement, { sourceHash: shortHash(aHash), print: options.print }),
    renderAgreementHtml(before.project, before.agreement, { sourceHash: shortHash(bHash), print: options.print }),
  ]);
  const aDoc = parseDocument(rendered.html);
  const ctx = markContext(before, after, aDoc, parseDocument(old.html));
  const aSections = new Map(placedSections(after).flat().map((s) => [s.id, s]));
  const bSections = new Map(placedSections(before).flat().map((s) => [s.id, s]));
  const prose: { entry: Change; change: Change }[] = [];
  for (const entry of cs.changes) {
    for (const c of withParts(entry)) {
      if (PROSE.has(c.entity)) prose.push({ entry, change: c });
      else if (!markStructured(ctx, entry, c) && !markWithEntry(ctx, entry, c)) fallback(ctx, entry, c);
    }
  }
  const byChange = new Map(prose.map((p) => [p.change, p.entry]));
  for (const c of markProse(ctx, prose, bSections, aSections)) fallback(ctx, byChange.get(c) ?? c, c);
  const body = elements(aDoc).find((e) => e.tagName === 'body');
  const head = elements(aDoc).find((e) => e.tagName === 'head');
  if (head) insertAt(head, (head.childNodes ?? []).length, fragment(REDLINE_CSS));
  if (body) insertAt(body, 0, fragment(summaryHtml(cs, ctx.used)));
  const html = serializeDocument(aDoc);
  return { ...rendered, html, meta: { ...rendered.meta, title: `Ändringar: ${rendered.meta.title}`, subject: `Ändringar: ${revisionLine(cs)}` } };
}

/** A part that does not print on its own (a revision's date) is noted where its entry is marked. */
function markWithEntry(ctx: MarkContext, entry: Change, c: Change): boolean {
  const at = c !== entry ? ctx.anchors.get(entry.id ?? '') : undefined;
  if (!at) return false;
  const host = blockOf(at) ?? at;
  insertAt(host, (host.childNodes ?? []).length, fragment(` ${noteHtml(`Ändrat: ${describeChange(c)}`)}`));
  record(ctx, host, entry, c);
  ctx.used.add('note');
  return true;
}

/** Which section a structured change without an element of its own is noted in: where its facts print. */
const DIRECTIVE_AREAS: [RegExp, string][] = [
  [/::parter|::ovriga-parter/, 'Parter'], [/::underskrifter/, 'Underskrifter'], [/::giltighet/, 'Giltighet och beslut'],
  [/::mal\b|::uppfoljning/, 'Mål och indikatorer'], [/::malgrupper/, 'Målgrupper'], [/::ataganden/, 'Åtaganden'],
  [/::grupp|::tabell|::process/, 'Organisering'], [/::jobbspar/, 'Jobbspår'], [/::budget/, 'Budget'], [/::figur/, 'Figurer'],
];

/** Last resort: a dashed note at the top of the section the change belongs to. */
function fallback(ctx: MarkContext, entry: Change, c: Change): void {
  const sections = placedSections(ctx.after).flat();
  const re = DIRECTIVE_AREAS.find(([, area]) => area === c.area)?.[0];
  const s = (c.section ? sections.find((x) => x.id === c.section?.id) : undefined) ?? (re ? sections.find((x) => re.test(x.source.text)) : undefined) ?? sections[0];
  const el: N | undefined = s ? ctx.aItems.get(`sections/${s.id}`)?.[0] : undefined;
  if (!el) return;
  const heading = (el.childNodes ?? []).find((x) => /^h\d$/.test(x.tagName ?? ''));
  const note = fragment(`<div class="rl-section-note rl-fallback"><strong>Ändrat här:</strong> ${esc(describeChange(c))}</div>`)[0] as N;
  if (heading) insertAfter(heading, [note]); else insertAt(el, 0, [note]);
  addClass(note, 'rl-bar');
  record(ctx, note, entry, c);
  ctx.fallbacks.add(entry.id ?? '');
  ctx.used.add('note');
}
