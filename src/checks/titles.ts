/** Checks of the titles: a subtitle must not repeat (the end of) the title it stands under. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeOf } from '../diagnostics/locate.ts';
import type { AgreementModel } from '../model/types.ts';

const words = (s: string): string => s.normalize('NFC').toLocaleLowerCase('sv').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Whether `subtitle` says nothing that `title` does not already end with (or is the whole title). */
export function repeatsTitle(title: string, subtitle: string): boolean {
  const t = words(title);
  const s = words(subtitle);
  return s !== '' && (t === s || t.endsWith(` ${s}`));
}

/** `undertitel-upprepar` for the agreement's subtitle and every document's, against the agreement's and the document's title. */
export function checkSubtitles(a: AgreementModel): Diagnostic[] {
  const src = a.sources['agreement.yaml'];
  if (!src) return [];
  const f = a.agreement;
  const out: Diagnostic[] = [];
  const check = (subtitle: string | undefined, titles: string[], path: (string | number)[]): void => {
    if (subtitle === undefined) return;
    const title = titles.find((t) => repeatsTitle(t, subtitle));
    if (title !== undefined) out.push(diagnostic('undertitel-upprepar', placeOf(src, path), { subtitle, title }));
  };
  check(f.subtitle, [f.title], ['subtitle']);
  check(f.main.subtitle, [f.title, f.main.title], ['main', 'subtitle']);
  (f.bilagor ?? []).forEach((b, i) => check(b.subtitle, [b.title], ['bilagor', i, 'subtitle']));
  return out;
}
