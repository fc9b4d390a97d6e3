/**
 * The two sides of a comparison as the board knows them: "Antagen revision 2023 (beslut 2022-11-25)"
 * and "Förslag 2024", from the revision data and register.yaml. Git refs stay in one provenance line.
 */
import type { Side } from './changeset.ts';

/** The board's name of one side; `registers` are searched for the decision of its revision. */
export function sideName(side: Side, registers: readonly Side[]): string {
  const rev = side.agreement.agreement.revision;
  const entry = registers.flatMap((s) => s.agreement.register?.adopted ?? []).find((e) => e.revision === rev.id);
  if (entry) return `Antagen revision ${rev.id} (beslut ${entry.date})`;
  const decision = side.agreement.agreement.decision;
  if (rev.status === 'antagen') return decision?.date ? `Antagen revision ${rev.id} (beslut ${decision.date})` : `Antagen revision ${rev.id}`;
  if (rev.status === 'forslag') return `Förslag ${rev.id}`;
  return `Revision ${rev.id}`;
}

/** Both sides' names; for two agreements their clusters with the revision. */
export function sideNames(before: Side, after: Side): { from: string; to: string } {
  if (before.agreement.id !== after.agreement.id) {
    const name = (s: Side): string => `${s.agreement.agreement.cluster} (revision ${s.agreement.agreement.revision.id})`;
    return { from: name(before), to: name(after) };
  }
  const from = sideName(before, [after, before]);
  let to = sideName(after, [after, before]);
  if (to === from) to = `${to}, ändrad`;
  return { from, to };
}

const slug = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';

/** The stem of the board pack's file names: "umearegionen-2023-till-2024", never a git ref. */
export function fileStem(before: Side, after: Side): string {
  const a = before.agreement;
  const b = after.agreement;
  if (a.id !== b.id) return `${slug(a.id)}-jamfort-med-${slug(b.id)}`;
  const from = slug(a.agreement.revision.id);
  const to = slug(b.agreement.revision.id);
  return from === to ? `${slug(b.id)}-${to}-andringar` : `${slug(b.id)}-${from}-till-${to}`;
}
