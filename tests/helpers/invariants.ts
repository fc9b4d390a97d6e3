/**
 * Checks that hold for ANY valid content, for the tests of the live agreements/ folder: whatever an
 * editor writes, as long as `overens validate` accepts it, a build must print these things. No
 * expected value here is written down by hand; everything is read from the project's own sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { parseOrgnr } from '../../src/checks/orgnr.ts';
import { expectedFacts, normaliseSpace, type Manifest } from './build-project.ts';
import { contentsEntries, pdfInfo, pdfPages, pdfText } from './build-pdf.ts';

/** The titles of an agreement's bilagor, as agreement.yaml names them. */
export function bilagaTitles(project: string, id: string): string[] {
  const a = parse(readFileSync(path.join(project, 'agreements', id, 'agreement.yaml'), 'utf8')) as { bilagor?: { title: string }[] };
  return (a.bilagor ?? []).map((b) => b.title);
}

/** Whether any Markdown file of the agreement holds the directive `::name` as a paragraph. */
export function usesDirective(project: string, id: string, name: string): boolean {
  const re = new RegExp(`^::${name}(?:\\{[^}]*\\})?\\s*$`, 'm');
  const walk = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') && re.test(readFileSync(path.join(dir, e.name), 'utf8')));
  return walk(path.join(project, 'agreements', id));
}

/** The registry's numbers, normalised (the form the PDF prints), by organisation id. */
export function normalisedOrgnrs(project: string): Map<string, string> {
  const reg = parse(readFileSync(path.join(project, 'agreements', 'organisations.yaml'), 'utf8')) as { organisations: { id: string; orgnr: string }[] };
  const out = new Map<string, string>();
  for (const o of reg.organisations) {
    const r = parseOrgnr(String(o.orgnr));
    if (r.ok) out.set(o.id, r.normalized);
  }
  return out;
}

/** Every invariant of one built agreement's PDF (poppler must be installed). */
export function expectPdfInvariants(project: string, manifest: Manifest, id: string): void {
  const pdfEntry = manifest.files.find((f) => f.agreement === id && f.format === 'pdf');
  const htmlEntry = manifest.files.find((f) => f.agreement === id && f.format === 'html');
  expect(pdfEntry, `${id}: ingen PDF i manifestet`).toBeDefined();
  const file = path.join(project, 'output', pdfEntry?.path ?? '');
  const facts = expectedFacts(project, id);
  const text = normaliseSpace(pdfText(file));
  const info = pdfInfo(file);
  expect(info.Title, `${id}: PDF-titel`).toBe(facts.title);
  expect(info.Tagged, `${id}: taggad PDF`).toBe('yes');

  // Every party with its name, unit and normalised organisation number.
  for (const p of facts.parties) {
    expect(text, `${id}: part ${p.name}`).toContain(normaliseSpace(p.name));
    if (p.unit) expect(text, `${id}: enhet ${p.unit}`).toContain(normaliseSpace(p.unit));
    expect(p.orgnr, `${id}: ${p.name} har ett giltigt organisationsnummer`).toMatch(/^\d{6}-\d{4}$/);
    expect(text, `${id}: org.nr ${p.orgnr} (${p.name})`).toContain(p.orgnr);
  }
  // Signatories are printed where the text asks for them (::underskrifter); a valid agreement may not.
  if (usesDirective(project, id, 'underskrifter')) {
    for (const name of facts.signatories) expect(text, `${id}: undertecknare ${name}`).toContain(normaliseSpace(name));
  }
  for (const title of bilagaTitles(project, id)) expect(text.toLocaleLowerCase('sv'), `${id}: bilaga ${title}`).toContain(normaliseSpace(title).toLocaleLowerCase('sv'));

  // Pages numbered "Sida n av N", the short source hash on each.
  const pages = pdfPages(file);
  const n = Number(info.Pages);
  expect(pages.length, `${id}: antal sidor`).toBe(n);
  const short = (manifest.agreements.find((a) => a.id === id)?.sourceHash ?? '').slice(0, 12);
  expect(short).toMatch(/^[0-9a-f]{12}$/);
  pages.forEach((page, i) => {
    expect(page, `${id}: sida ${i + 1}`).toMatch(new RegExp(`Sida ${i + 1} av ${n}\\b`));
    expect(page, `${id}: sida ${i + 1}`).toContain(short);
  });

  // The printed contents: one entry per heading link in the HTML, each on the page it names.
  const html = readFileSync(path.join(project, 'output', htmlEntry?.path ?? ''), 'utf8');
  const links = html.match(/class="toc-link"/g)?.length ?? 0;
  const { entries, contentsPages } = contentsEntries(pages);
  expect(entries, `${id}: innehållsförteckningen`).toHaveLength(links);
  const lastContentsPage = contentsPages.length > 0 ? Math.max(...contentsPages) : 0;
  for (const e of entries) {
    expect(e.page, `${id}: ${e.text}`).toBeGreaterThan(lastContentsPage);
    expect(e.page, `${id}: ${e.text}`).toBeLessThanOrEqual(pages.length);
    const page = normaliseSpace(pdfText(file, { first: e.page, last: e.page })).toLocaleLowerCase('sv');
    // A placeholder bilaga is marked "(ingår inte)" in the contents only, not at its heading.
    expect(page, `${id}: "${e.text}" på sidan ${e.page}`).toContain(e.text.replace(/ ?\(ingår inte\)/g, '').toLocaleLowerCase('sv'));
  }
}

/** The HTML invariants of one built agreement (no browser needed). */
export function expectHtmlInvariants(project: string, manifest: Manifest, id: string): void {
  const htmlEntry = manifest.files.find((f) => f.agreement === id && f.format === 'html');
  expect(htmlEntry, `${id}: ingen HTML i manifestet`).toBeDefined();
  const html = readFileSync(path.join(project, 'output', htmlEntry?.path ?? ''), 'utf8');
  const facts = expectedFacts(project, id);
  for (const p of facts.parties) expect(html, `${id}: org.nr ${p.orgnr} (${p.name})`).toContain(p.orgnr);
}
