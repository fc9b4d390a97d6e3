/**
 * `revision new` for an agreement whose year is not a calendar year (issue 12; Norrköping 2018 runs
 * from March to February): every date moves by the agreement's own cycle, and the period still ends
 * the day before the next one starts (29 February in a leap year).
 */
import { describe, expect, it } from 'vitest';
import { addDays, planRevision } from '../src/cycle/revision-new.ts';
import type { AgreementFileData } from '../src/model/schema.ts';

const marchToFebruary = (id: string, from: string, to: string, nextDecisionBy: string): AgreementFileData => ({
  id: 'norrkoping', kind: 'overenskommelse', title: 'Lokal överenskommelse', cluster: 'Norrköping',
  revision: { id, date: `${id}-02-15`, status: 'antagen' },
  parties: [{ organisation: 'norrkopings-kommun' }],
  validity: { from, to, nextDecisionBy },
  signatories: [],
  main: { id: 'huvud', title: 'Överenskommelse', sections: [] },
});

const after = (a: AgreementFileData, year: number) => Object.fromEntries(planRevision(a, year).map((e) => [e.path.join('.'), e.after]));

describe('revision new with a March–February period', () => {
  it('2018-03-01 – 2019-02-28 becomes 2019-03-01 – 2020-02-29 (leap year), the deadline a year later', () => {
    const next = after(marchToFebruary('2018', '2018-03-01', '2019-02-28', '2019-02-28'), 2019);
    expect(next['validity.from']).toBe('2019-03-01');
    expect(next['validity.to']).toBe('2020-02-29');
    expect(next['validity.nextDecisionBy']).toBe('2020-02-28');
    expect(next['revision.id']).toBe('2019');
  });

  it('2019-03-01 – 2020-02-29 becomes 2020-03-01 – 2021-02-28, and two years at once keep the cycle', () => {
    const a = marchToFebruary('2019', '2019-03-01', '2020-02-29', '2020-02-15');
    expect(after(a, 2020)['validity.to']).toBe('2021-02-28');
    expect(after(a, 2021)['validity.from']).toBe('2021-03-01');
    expect(after(a, 2021)['validity.to']).toBe('2022-02-28');
  });

  it('a calendar year still becomes the new calendar year', () => {
    const next = after(marchToFebruary('2023', '2023-01-01', '2023-12-31', '2023-11-30'), 2024);
    expect([next['validity.from'], next['validity.to']]).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('addDays crosses months and years', () => {
    expect([addDays('2020-02-28', 1), addDays('2020-03-01', -1), addDays('2023-12-31', 1)]).toEqual(['2020-02-29', '2020-02-29', '2024-01-01']);
  });
});
