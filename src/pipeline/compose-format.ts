/** Swedish formatting of dates, numbers, amounts and goal targets for the rendered agreement. */
import type { AgreementFileData, OrganisationData, ProjectModel, TargetData } from '../model/types.ts';
import type { Labels } from './labels.ts';

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const longDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A number in Swedish style, e.g. 1 200 000 (no-break spaces) or 12,5. */
export function formatNumber(n: number): string {
  return numberFormat.format(n).replace(/\u2212/g, '-');
}

/** An amount in kronor, e.g. "1 200 000 kr". */
export function formatKronor(n: number, labels: Labels): string {
  return `${formatNumber(n)}\u00a0${labels.t('currency')}`;
}

/** An ISO date written out the Swedish way, e.g. "30 november 2023". */
export function formatLongDate(iso: string): string {
  return longDate.format(new Date(`${iso}T00:00:00Z`));
}

/** A goal target as readable Swedish, e.g. "minst 60 %" or "ska minska jämfört med föregående år". */
export function formatTarget(target: TargetData, labels: Labels): string {
  switch (target.type) {
    case 'percent':
    case 'number': {
      const op = target.operator ? `${labels.t(`operators.${target.operator}`)} ` : '';
      const unit = target.type === 'percent' ? '\u00a0%' : target.unit ? ` ${target.unit}` : '';
      return `${op}${formatNumber(target.value)}${unit}`;
    }
    case 'comparison':
      return target.baseline
        ? labels.t('comparison', { direction: target.direction, baseline: target.baseline })
        : labels.t('comparisonNoBaseline', { direction: target.direction });
  }
}

/** The organisation of a party id, or a stand-in that shows the id when the registry lacks it. */
export function organisationOf(project: ProjectModel, id: string): OrganisationData {
  return project.organisations.get(id) ?? { id, name: id, orgnr: '', kind: 'annan' };
}

/** Wraps a shown value with the model path it comes from (see field-marks.ts); identity when not marking. */
export type Mark = (path: string, value: string | number) => string;
const noMark: Mark = (_p, v) => String(v);

/** The validity as one readable line, e.g. "Gäller från och med 2023-01-01 till och med 2023-12-31". */
export function validityLine(a: AgreementFileData, labels: Labels, mark: Mark = noMark): string {
  const from = mark('validity/from', a.validity.from);
  return a.validity.to === 'tills vidare'
    ? labels.t('validFromUntilFurther', { from })
    : labels.t('validFromTo', { from, to: mark('validity/to', a.validity.to) });
}

/** The next decision deadline as one readable line, or undefined when none is set. */
export function nextDecisionLine(a: AgreementFileData, labels: Labels, mark: Mark = noMark): string | undefined {
  const v = a.validity;
  if (!v.nextDecisionBy) return undefined;
  const date = mark('validity/nextDecisionBy', v.nextDecisionBy);
  return v.nextDecisionFor !== undefined
    ? labels.t('nextDecisionByFor', { year: mark('validity/nextDecisionFor', v.nextDecisionFor), date })
    : labels.t('nextDecisionBy', { date });
}

/** The validity sentences of ::giltighet, as written in Swedish agreements. */
export function validitySentences(a: AgreementFileData, labels: Labels, mark: Mark = noMark): string[] {
  const v = a.validity;
  const from = mark('validity/from', v.from);
  const out = [
    v.to === 'tills vidare'
      ? labels.t('validitySentenceUntil', { from })
      : labels.t('validitySentenceTo', { from, to: mark('validity/to', v.to) }),
  ];
  if (v.revisedYearly === true && v.to === 'tills vidare') out.push(labels.t('validitySentenceRevised'));
  if (v.nextDecisionBy && v.nextDecisionText) {
    out.push(mark('validity/nextDecisionText', fillNextDecisionText(v.nextDecisionText, v, mark)));
  } else if (v.nextDecisionBy) {
    const date = mark('validity/nextDecisionBy', formatLongDate(v.nextDecisionBy));
    out.push(
      v.nextDecisionFor !== undefined
        ? labels.t('nextDecisionSentenceFor', { year: mark('validity/nextDecisionFor', v.nextDecisionFor), date })
        : labels.t('nextDecisionSentence', { date }),
    );
  }
  return out;
}

/** The placeholders of nextDecisionText and what each stands for. */
export const NEXT_DECISION_PLACEHOLDERS = ['datum', 'datum-lang', 'ar', 'år'] as const;

/** The placeholders `{…}` of a text, in order (each once per occurrence). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1] ?? '');
}

/**
 * The agreement's own sentence about the next revision with its placeholders filled: {datum} is
 * nextDecisionBy as written (2019-02-28), {datum-lang} the long form (28 februari 2019), {ar} or
 * {år} nextDecisionFor. Each value carries its field mark, so the redline finds a changed date.
 */
export function fillNextDecisionText(text: string, v: AgreementFileData['validity'], mark: Mark = noMark): string {
  return text.replace(/\{([^{}\s]*)\}/g, (whole, name: string) => {
    if (name === 'datum' && v.nextDecisionBy) return mark('validity/nextDecisionBy', v.nextDecisionBy);
    if (name === 'datum-lang' && v.nextDecisionBy) return mark('validity/nextDecisionBy', formatLongDate(v.nextDecisionBy));
    if ((name === 'ar' || name === 'år') && v.nextDecisionFor !== undefined) return mark('validity/nextDecisionFor', v.nextDecisionFor);
    return whole;
  });
}

/** Join words the Swedish way: "a, b och c". */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1] ?? ''}`;
}

/**
 * How a party is named: a unit that already begins with the organisation's name
 * ("Arbetsförmedlingen Skellefteå") replaces the name instead of being repeated after it.
 */
export function partyName(orgName: string, unit: string | undefined): { name: string; unit?: string } {
  if (!unit) return { name: orgName };
  return unit.startsWith(orgName) ? { name: unit } : { name: orgName, unit };
}
