/** Lists of structured items matched by id: added, removed, moved, and changed field by field. */
import type { Change, CountChange, EntityKind } from './types.ts';
import { matchList } from './lists.ts';
import { diffFields, type FieldSpec, type ItemRef } from './fields.ts';
import { subjectOf } from './describe.ts';

/** How to compare one kind of item. */
export interface ItemSpec<T> {
  entity: EntityKind;
  area: string;
  /** Path of the list, e.g. "goals"; items are at "goals/<key>". */
  path: string;
  label: string;
  key: (item: T) => string;
  name: (item: T) => string;
  context?: (item: T) => string | undefined;
  /** The item as a definite noun phrase for field changes (default: noun + name). */
  subject?: (item: T) => string;
  fields: readonly FieldSpec[];
  /** Where the list stands, for moves: "i uppräkningen av parter". */
  listName?: string;
  /** Plural noun for count changes, e.g. "jobbspår"; no count when absent. */
  countNoun?: string;
  /** Compares nested lists of a kept item. */
  children?: (before: T, after: T, ref: ItemRef, out: Change[]) => void;
  /** Reports moves (default true). */
  moves?: boolean;
}

/** Compares two lists of items and pushes every change; returns the count change if the number of items differs. */
export function diffItems<T>(spec: ItemSpec<T>, before: readonly T[], after: readonly T[], out: Change[], counts?: CountChange[]): void {
  for (const m of matchList(before, after, spec.key)) {
    // Kept items are named as they were, so a decision reads "the indicator that said X".
    const item = (m.before ?? m.after) as T;
    const name = spec.name(item);
    const context = spec.context?.(item);
    const path = `${spec.path}/${m.key}`;
    const base = { area: spec.area, path, label: spec.label, entity: spec.entity, name, ...(context ? { context } : {}) };
    if (m.before === undefined) { out.push({ ...base, kind: 'added', after: m.after }); continue; }
    if (m.after === undefined) { out.push({ ...base, kind: 'removed', before: m.before }); continue; }
    if (m.moved && spec.moves !== false) {
      out.push({ ...base, kind: 'moved', where: `från plats ${(m.beforeIndex ?? 0) + 1} till plats ${(m.afterIndex ?? 0) + 1}${spec.listName ? ` ${spec.listName}` : ''}` });
    }
    const subject = spec.subject?.(item) ?? subjectOf(spec.entity, name);
    const ref: ItemRef = { area: spec.area, path, entity: spec.entity, name, ...(context ? { context } : {}), ...(subject ? { subject } : {}) };
    diffFields(spec.fields, m.before as Record<string, unknown>, m.after as Record<string, unknown>, ref, out);
    spec.children?.(m.before, m.after, ref, out);
  }
  if (counts && spec.countNoun && before.length !== after.length) counts.push({ area: spec.area, noun: spec.countNoun, before: before.length, after: after.length });
}
