/** Swedish organisation numbers: ten digits whose last is a Luhn check digit. */

/** The result of reading an organisation number. */
export type OrgnrResult =
  | { ok: true; normalized: string }
  | { ok: false; problem: 'format' }
  | { ok: false; problem: 'checksum'; expected: number; normalized: string };

/** The Luhn check digit for the first nine digits. */
export function luhnCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Reads `212000-2627`, `2120002627`, `212 000-2627` (also with an en dash, as Word writes it)
 * and normalises to `212000-2627`.
 */
export function parseOrgnr(raw: string): OrgnrResult {
  const compact = raw.trim().replace(/[\s\u00a0]/g, '').replace(/[–—‑]/g, '-');
  if (!/^\d{6}-?\d{4}$/.test(compact)) return { ok: false, problem: 'format' };
  const digits = compact.replace('-', '');
  const normalized = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  const expected = luhnCheckDigit(digits.slice(0, 9));
  if (expected !== Number(digits[9])) return { ok: false, problem: 'checksum', expected, normalized };
  return { ok: true, normalized };
}
