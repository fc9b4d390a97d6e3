/** Swedish organisation numbers: accepted forms, normalisation and the Luhn check digit. */
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, parseOrgnr } from '../src/checks/orgnr.ts';

describe('parseOrgnr', () => {
  it.each([
    ['212000-2627', '212000-2627'],
    ['2120002627', '212000-2627'],
    ['212 000-2627', '212000-2627'],
    ['212000–2627', '212000-2627'], // en dash, as Word writes it
    ['212000—2627', '212000-2627'], // em dash
    [' 212000-2627 ', '212000-2627'],
    ['212\u00a0000-2627', '212000-2627'], // non-breaking space
    ['202100-2114', '202100-2114'], // Arbetsförmedlingen
    ['202100-5521', '202100-5521'], // Försäkringskassan
    ['232100-0222', '232100-0222'], // Region Västerbotten
    ['222000-1834', '222000-1834'], // samordningsförbund
  ])('accepts %j as %s', (raw, normalized) => {
    expect(parseOrgnr(raw)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['212000-2628', 7],
    ['2120002620', 7],
    ['202100-2115', 4],
    ['232100-0220', 2],
  ])('rejects %j with the check digit it should have (%i)', (raw, expected) => {
    const r = parseOrgnr(raw);
    expect(r).toMatchObject({ ok: false, problem: 'checksum', expected });
    if (!r.ok && r.problem === 'checksum') expect(r.normalized).toMatch(/^\d{6}-\d{4}$/);
  });

  it.each(['21200-2627', '212000-262', '212000262', '21200026270', 'abcdef-ghij', '212000-26x7', 'SE212000262701', '', '   ', '2120-002627', '212000--2627', '19212000-2627'])(
    'rejects %j as not ten digits',
    (raw) => {
      expect(parseOrgnr(raw)).toEqual({ ok: false, problem: 'format' });
    },
  );

  it('luhnCheckDigit gives the tenth digit of known numbers', () => {
    expect(luhnCheckDigit('212000262')).toBe(7);
    expect(luhnCheckDigit('202100552')).toBe(1);
    expect(luhnCheckDigit('000000000')).toBe(0);
  });

  it('every number with its computed check digit is accepted, every other digit rejected', () => {
    for (const nine of ['212000284', '556036079', '802000000', '999999999', '123456789']) {
      const d = luhnCheckDigit(nine);
      expect(parseOrgnr(`${nine}${d}`).ok).toBe(true);
      for (let x = 0; x < 10; x++) if (x !== d) expect(parseOrgnr(`${nine}${x}`)).toMatchObject({ ok: false, problem: 'checksum', expected: d });
    }
  });
});
