/** Text outputs of a change set: Markdown for pull requests, JSON, and the Swedish ändringsförteckning. */
import type { Change, ChangeSet, CountChange } from './types.ts';
import { countKinds } from './types.ts';
import { describeChange, describeCounts } from './describe.ts';
import { formatNumber, shorten, signed } from './values.ts';

/** Changes grouped by area, in the order areas first appear. */
export function groupByArea(changes: readonly Change[]): [string, Change[]][] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) groups.set(c.area, [...(groups.get(c.area) ?? []), c]);
  return [...groups];
}

/** The comparison in the board's words: "Förslag 2024 jämfört med antagen revision 2023 (beslut 2022-11-25)". */
export function revisionLine(cs: ChangeSet): string {
  const s = cs.sides ?? { from: cs.from, to: cs.to };
  return `${s.to} jämfört med ${s.from.charAt(0).toLowerCase()}${s.from.slice(1)}`;
}

/** The one line that names the git revisions compared (provenance, never a title). */
export const provenanceLine = (cs: ChangeSet): string => `Underlag: ${cs.from} jämfört med ${cs.to}.`;

/** A count change in words: "Antal jobbspår: 12 → 14 (+2)". */
export const describeCount = (c: CountChange): string => `Antal ${c.noun}: ${formatNumber(c.before)} → ${formatNumber(c.after)} (${signed(c.after - c.before)})`;

/** The numbered Swedish ändringsförteckning for a decision document. */
export function formatForteckning(cs: ChangeSet): string {
  const head = cs.twoAgreements ? `Skillnader mellan ${cs.sides?.from ?? cs.from} och ${cs.sides?.to ?? cs.to}` : `Ändringsförteckning för ${cs.title}: ${revisionLine(cs)}`;
  if (cs.changes.length === 0) return `${head}\n\nInga ändringar.\n`;
  const lines: string[] = [head];
  let n = 0;
  for (const [area, list] of groupByArea(cs.changes)) {
    lines.push('');
    for (const c of list) lines.push(`${(n += 1)}. Under ${area}: ${describeChange(c)}`);
  }
  return `${lines.join('\n')}\n`;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A word diff as HTML: <del> and <ins> around the changed words. */
export function wordsHtml(c: Change): string {
  return (c.words ?? []).map((w) => (w.op === 'equal' ? esc(w.text) : w.op === 'delete' ? `<del>${esc(w.text)}</del>` : `<ins>${esc(w.text)}</ins>`)).join('');
}

/** The Markdown summary for a pull-request comment. */
export function formatMarkdown(cs: ChangeSet): string {
  const title = cs.twoAgreements ? `Skillnader mellan ${cs.sides?.from ?? cs.from} och ${cs.sides?.to ?? cs.to}` : `Ändringar i ${cs.agreement}: ${revisionLine(cs)}`;
  const out: string[] = [`## ${esc(title)}`, '', `**${describeCounts(cs.changes)}**`, '', `<sub>${esc(provenanceLine(cs))}</sub>`];
  const counts = new Map<string, CountChange[]>();
  for (const c of cs.counts) counts.set(c.area, [...(counts.get(c.area) ?? []), c]);
  for (const [area, list] of groupByArea(cs.changes)) {
    out.push('', `### ${esc(area)}`, '');
    for (const c of list) {
      const sentence = esc(describeChange(c));
      const long = sentence.length > 240 || (c.words !== undefined && sentence.length > 160);
      if (!long) { out.push(`- ${sentence}`); continue; }
      const body = c.words ? `<blockquote>${wordsHtml(c)}</blockquote>` : sentence;
      out.push(`- <details><summary>${esc(shorten(describeChange(c), 150))}</summary>`, '', `  ${c.words ? sentence : ''}`.trimEnd(), '', `  ${body}`, '', '  </details>');
    }
    for (const n of counts.get(area) ?? []) out.push('', `_${describeCount(n)}_`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** The JSON output: `{ from, to, agreement, counts, changes }`, each change with its Swedish description. */
export function formatJson(cs: ChangeSet): string {
  const counts = { ...countKinds(cs.changes), total: cs.changes.length };
  const changes = cs.changes.map((c) => ({ ...c, description: describeChange(c) }));
  return `${JSON.stringify({ from: cs.from, to: cs.to, sides: cs.sides, agreement: cs.agreement, title: cs.title, revisions: cs.revisions, counts, countChanges: cs.counts, changes }, null, 2)}\n`;
}
