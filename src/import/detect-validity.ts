/**
 * Validity from the prose: "Fr.o.m. 2018-03-01", "t.o.m. tills vidare", "gäller från och med …
 * till och med …", "2023-01-01–2023-12-31", "revideras årligen", and the next decision ("senast
 * den 30 november"). The prose stays; the facts go into validity:.
 */
import { plainOf, whereOf, type ImportDraft, type SectionDraft } from './draft.ts';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:${MONTHS.join('|')})\s+\d{4})`;
const FROM = new RegExp(String.raw`(?:fr\.?\s?o\.?\s?m\.?|från\s+och\s+med|from|från)\s+(?:den\s+)?${DATE}`, 'i');
const TO = new RegExp(String.raw`(?:t\.?\s?o\.?\s?m\.?|till\s+och\s+med|till)\s+(?:den\s+)?${DATE}`, 'i');
const RANGE = new RegExp(String.raw`${DATE}\s*(?:[–—-]|till)\s*${DATE}`, 'i');
const UNTIL_FURTHER = /tills\s+vidare/i;
const YEARLY = /revideras\s+(?:årligen|varje\s+år|en\s+gång\s+per\s+år)|årlig\s+revidering/i;
const DEADLINE = new RegExp(String.raw`senast\s+(?:den\s+)?(\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:${MONTHS.join('|')})(?:\s+\d{4})?)`, 'i');

/** Reads "2023-01-01" or "1 januari 2023" as an ISO date; undefined when it is no real day. */
export function isoDate(text: string): string | undefined {
  let y: number; let m: number; let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) { y = Number(iso[1]); m = Number(iso[2]); d = Number(iso[3]); }
  else {
    const w = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(text.trim());
    if (!w) return undefined;
    d = Number(w[1]); m = MONTHS.indexOf((w[2] ?? '').toLowerCase()) + 1; y = Number(w[3]);
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Sentence { text: string; where: string }

function sentences(draft: ImportDraft): Sentence[] {
  const out: Sentence[] = [];
  const visit = (s: SectionDraft) => {
    for (const b of s.blocks) {
      const t = plainOf(b);
      if (!t) continue;
      for (const part of t.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n/)) out.push({ text: part, where: whereOf(s, b.para) });
    }
  };
  // Sections about validity first, so a date there wins over one mentioned in passing.
  const key = (s: SectionDraft) => (/giltighet|varaktighet|revider|period/i.test(s.title) ? 0 : 1);
  for (const s of [...draft.sections].sort((a, b) => key(a) - key(b))) visit(s);
  return out;
}

/** Detects the validity facts of the draft. */
export function detectValidity(draft: ImportDraft): void {
  const all = sentences(draft);
  let from: { date: string; where: string } | undefined;
  let to: { date: string; where: string } | undefined;
  for (const s of all) {
    if (!/gäller|giltig|avser|period|överenskommelsen|fr\.?\s?o\.?\s?m|från och med/i.test(s.text)) continue;
    const f = FROM.exec(s.text);
    const t = TO.exec(s.text);
    const r = RANGE.exec(s.text);
    if (!from && f) { const d = isoDate(f[1] ?? ''); if (d) from = { date: d, where: s.where }; }
    if (!to && t) { const d = isoDate(t[1] ?? ''); if (d) to = { date: d, where: s.where }; }
    if (!from && !to && r) {
      const a = isoDate(r[1] ?? ''); const b = isoDate(r[2] ?? '');
      if (a && b) { from = { date: a, where: s.where }; to = { date: b, where: s.where }; }
    }
    if (!to && from && from.where === s.where && UNTIL_FURTHER.test(s.text)) to = { date: 'tills vidare', where: s.where };
    if (from && to) break;
  }
  if (!to) {
    const tv = all.find((s) => UNTIL_FURTHER.test(s.text) && /gäller|överenskommelsen|t\.?\s?o\.?\s?m/i.test(s.text));
    if (tv) to = { date: 'tills vidare', where: tv.where };
  }
  const yearly = all.find((s) => YEARLY.test(s.text));
  if (from) draft.report.push({ kind: 'fakta', text: `Gäller från och med ${from.date}.`, where: from.where });
  if (to) draft.report.push({ kind: 'fakta', text: `Gäller till och med ${to.date}.`, where: to.where });
  if (yearly) draft.report.push({ kind: 'fakta', text: 'Revideras årligen.', where: yearly.where });
  let fromDate = from?.date;
  if (!fromDate) {
    fromDate = draft.fileDate ?? '2000-01-01';
    draft.report.push({ kind: 'kontrollera', text: `Texten anger inte när överenskommelsen börjar gälla. validity.from är satt till ${fromDate} (${draft.fileDate ? 'datumet då Word-filen skapades' : 'ett platshållardatum'}); rätta det.`, where: 'hela Word-filen' });
  }
  const toValue = to?.date ?? 'tills vidare';
  if (!to) draft.report.push({ kind: 'kontrollera', text: 'Texten anger inte när överenskommelsen slutar gälla; validity.to är satt till "tills vidare". Rätta det om den har ett slutdatum.', where: 'hela Word-filen' });
  draft.validity = { from: fromDate, to: toValue, ...(yearly ? { revisedYearly: true } : {}) };
  const deadline = all.find((s) => DEADLINE.test(s.text) && /beslut|revider|ny överenskommelse|förläng/i.test(s.text));
  if (deadline) {
    const raw = DEADLINE.exec(deadline.text)?.[1] ?? '';
    const endYear = toValue !== 'tills vidare' ? Number(toValue.slice(0, 4)) : Number(fromDate.slice(0, 4));
    const withYear = /\d{4}/.test(raw) ? raw : `${raw} ${endYear}`;
    const d = isoDate(withYear);
    if (d) {
      const forYear = Number(d.slice(0, 4)) + 1;
      draft.validity.nextDecisionBy = d;
      draft.validity.nextDecisionFor = forYear;
      draft.report.push({
        kind: /\d{4}/.test(raw) ? 'fakta' : 'gissning',
        text: `Nästa beslut senast ${d}, inför ${forYear}${/\d{4}/.test(raw) ? '' : ` (texten säger "${raw}"; året ${endYear} är gissat efter giltighetstiden)`}.`,
        where: deadline.where,
      });
    }
  }
}
