/**
 * One edit, one entry: the raw changes of the comparison are folded so that what a person did once
 * is told once (an indicator's wording and target; a removed party with its signatory and
 * commitments; a revision's id and date), and every entry gets a stable id that the redline marks
 * carry.
 */
import type { Change } from './types.ts';

/** Singleton items whose fields are separate edits (four dates moved are four entries). */
const SINGLETONS = new Set(['agreement', 'validity', 'decision', 'main', 'followUp']);

/** Folds related changes into one entry each and gives every entry (and part) its id. */
export function consolidate(changes: readonly Change[]): Change[] {
  const out = foldPartyParts(foldItemFields(foldSpecial([...changes])));
  assignIds(out);
  return out;
}

/** The revision's id, date and status are one entry; the next decision's date and year too. */
function foldSpecial(changes: Change[]): Change[] {
  const fold = (lead: string, others: string[]): void => {
    const head = changes.find((c) => c.path === lead) ?? changes.find((c) => others.includes(c.path));
    if (!head) return;
    const parts = changes.filter((c) => c !== head && (c.path === lead || others.includes(c.path)));
    if (parts.length === 0) return;
    head.parts = [...(head.parts ?? []), ...parts];
    for (const p of parts) changes.splice(changes.indexOf(p), 1);
  };
  fold('revision/id', ['revision/date', 'revision/status']);
  fold('validity/nextDecisionBy', ['validity/nextDecisionFor']);
  return changes;
}

/** Field changes of one list item (an indicator, a signatory) are one entry; a target change leads. */
function foldItemFields(changes: Change[]): Change[] {
  const byItem = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.kind !== 'changed' || !c.item || SINGLETONS.has(c.item) || c.item.startsWith('revision')) continue;
    byItem.set(c.item, [...(byItem.get(c.item) ?? []), c]);
  }
  const drop = new Set<Change>();
  for (const group of byItem.values()) {
    if (group.length < 2) continue;
    const lead = group.find((c) => /\/target(\/|$)/.test(c.path)) ?? (group[0] as Change);
    lead.parts = [...(lead.parts ?? []), ...group.filter((c) => c !== lead)];
    for (const c of group) if (c !== lead) drop.add(c);
  }
  return changes.filter((c) => !drop.has(c));
}

/** A party added or removed brings its signatories, commitments and contributions along in one entry. */
function foldPartyParts(changes: Change[]): Change[] {
  const drop = new Set<Change>();
  for (const party of changes) {
    if (party.entity !== 'part' || (party.kind !== 'added' && party.kind !== 'removed')) continue;
    const value = (party.kind === 'added' ? party.after : party.before) as { organisation?: string } | undefined;
    const org = value?.organisation;
    if (!org) continue;
    const belongs = (c: Change): boolean => {
      if (c === party || c.kind !== party.kind || drop.has(c)) return false;
      const v = (c.kind === 'added' ? c.after : c.before) as { party?: string } | undefined;
      return (c.entity === 'undertecknare' || c.entity === 'atagande' || c.entity === 'medlemsbidrag') && v?.party === org;
    };
    const parts = changes.filter(belongs);
    if (parts.length === 0) continue;
    party.parts = [...(party.parts ?? []), ...parts];
    for (const p of parts) drop.add(p);
  }
  return changes.filter((c) => !drop.has(c));
}

const KIND_CODE: Record<Change['kind'], string> = { added: 'ny', removed: 'utgar', changed: 'andrad', moved: 'flyttad', 'moved-changed': 'flyttad-andrad' };

/** Ids from kind and path ("andrad-validity-from"), made unique in order; parts get the entry's id with a suffix. */
function assignIds(changes: Change[]): void {
  const used = new Set<string>();
  const take = (base: string): string => {
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  for (const c of changes) {
    const slug = c.path.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
    c.id = take(`${KIND_CODE[c.kind]}-${slug || 'x'}`);
    (c.parts ?? []).forEach((p, i) => { p.id = `${c.id}--${i + 1}`; });
  }
}

/** An entry and its parts, for marking: every change the entry stands for. */
export function withParts(c: Change): Change[] {
  return [c, ...(c.parts ?? [])];
}
