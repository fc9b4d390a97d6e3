/** Dates in order: validity, the next decision deadline, the decision and signatures. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementModel } from '../model/types.ts';

/** Checks the order of an agreement's dates (ISO strings compare in date order). */
export function checkDates(a: AgreementModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = a.sources['agreement.yaml'];
  if (!src) return out;
  const { validity, decision, signatories } = a.agreement;
  const to = validity.to === 'tills vidare' ? undefined : validity.to;
  if (to && validity.from > to) out.push(diagnostic('datum-ordning', placeOf(src, ['validity', 'to']), { from: validity.from, to }));
  if (to && validity.nextDecisionBy && validity.nextDecisionBy > to) {
    out.push(diagnostic('beslutsfrist-efter-slut', placeOf(src, ['validity', 'nextDecisionBy']), { deadline: validity.nextDecisionBy, to }));
  }
  if (decision && decision.date > validity.from) out.push(diagnostic('beslut-efter-start', placeOf(src, ['decision', 'date']), { date: decision.date, from: validity.from }));
  signatories.forEach((s, i) => {
    if (s.date && s.date > validity.from) out.push(diagnostic('underskrift-efter-start', placeOf(src, ['signatories', i, 'date']), { name: s.name, date: s.date, from: validity.from }));
  });
  return out;
}
