/** PDF inspection with poppler (pdfinfo, pdffonts, pdftotext) and qpdf, for the end-to-end build tests. */
import { execFileSync, spawnSync } from 'node:child_process';
import { normaliseSpace } from './build-project.ts';

/** pdfinfo's fields (key → value). */
export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1]) out[m[1].trim()] = (m[2] ?? '').trim();
  }
  return out;
}

/** pdffonts' rows (without the two header lines). */
export const pdfFonts = (file: string): string[] =>
  execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');

/** `qpdf --check`: exit status and output. */
export function qpdfCheck(file: string): { status: number | null; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `pdftotext -layout` of the whole document, or of pages first..last. */
export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text of every page (pdftotext ends each page with a form feed). */
export function pdfPages(file: string): string[] {
  const pages = pdfText(file).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The PDF footer line ("… · Källor <hash>   Sida n av N"): not part of the page's content. */
const FOOTER = /Sida \d+ av \d+\s*$/;

/** One entry of the printed contents: its text and the page number printed after it. */
export interface ContentsEntry { text: string; page: number }

/**
 * The printed table of contents: from the page headed by `heading` up to the page before the first
 * entry's target, every "<text> ..... <n>" line (dot leaders optional; a text wrapped over several
 * lines is joined with the line that carries the number).
 */
export function contentsEntries(pages: readonly string[], heading = 'Innehåll'): { entries: ContentsEntry[]; contentsPages: number[] } {
  const start = pages.findIndex((p) => p.trimStart().startsWith(heading));
  if (start < 0) return { entries: [], contentsPages: [] };
  const entries: ContentsEntry[] = [];
  const contentsPages: number[] = [];
  for (let i = start; i < pages.length; i++) {
    // Stop at the first page a parsed entry points to: the contents end before it.
    if (entries.length > 0 && i + 1 >= Math.min(...entries.map((e) => e.page))) break;
    contentsPages.push(i + 1);
    let carried = '';
    const lines = (pages[i] ?? '').split('\n');
    for (const [n, raw] of lines.entries()) {
      const line = raw.trimEnd();
      if (line.trim() === '' || FOOTER.test(line)) continue;
      if (i === start && n === lines.findIndex((l) => l.trim() !== '') && line.trim() === heading) continue;
      const m = /^\s*(.*?\S)(?:\s*[.·…]{2,}\s*|\s{2,})(\d+)$/.exec(line);
      if (m?.[1] && m[2]) {
        entries.push({ text: normaliseSpace(`${carried} ${m[1]}`), page: Number(m[2]) });
        carried = '';
      } else {
        carried = `${carried} ${line}`;
      }
    }
  }
  return { entries, contentsPages };
}
