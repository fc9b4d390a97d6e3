/** Dates in order: validity, the next decision deadline, the decision and signatures. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementModel } from '../model/types.ts';
import { NEXT_DECISION_PLACEHOLDERS, placeholdersOf } from '../pipeline/compose-format.ts';

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
  const text = validity.nextDecisionText;
  if (text !== undefined) {
    const problem = nextDecisionTextProblem(text, validity);
    if (problem) out.push(diagnostic('revideringstext', placeOf(src, ['validity', 'nextDecisionText']), { detail: problem }));
  }
  signatories.forEach((s, i) => {
    if (s.date && s.date > validity.from) out.push(diagnostic('underskrift-efter-start', placeOf(src, ['signatories', i, 'date']), { name: s.name, date: s.date, from: validity.from }));
  });
  return out;
}

const LITERAL_DATE = /\d{4}-\d{2}-\d{2}|\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s+\d{4})?/i;

/** What is wrong with validity.nextDecisionText (one thing, the first), or undefined. */
function nextDecisionTextProblem(text: string, v: AgreementModel['agreement']['validity']): string | undefined {
  const names = placeholdersOf(text);
  const unknown = names.find((n) => !(NEXT_DECISION_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown !== undefined) return `har {${unknown}}, som inte finns (det finns {datum}, {datum-lang} och {ar})`;
  if (!v.nextDecisionBy) return 'används bara tillsammans med nextDecisionBy, som saknas';
  const literal = LITERAL_DATE.exec(text.replace(/\{[^{}]*\}/g, ''));
  if (literal) return `skriver datumet "${literal[0]}" i texten i stället för {datum}`;
  if (!names.includes('datum') && !names.includes('datum-lang')) return 'saknar {datum} eller {datum-lang}, där datumet ska stå';
  if ((names.includes('ar') || names.includes('år')) && v.nextDecisionFor === undefined) return 'har {ar} men nextDecisionFor saknas';
  return undefined;
}
