/** `overens diff` without the command line: resolve the sides, compute the change set, format it. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { resolveTarget } from '../pipeline/load.ts';
import { newestEntry, readRegister } from '../cycle/register.ts';
import { computeChangeSet } from './changeset.ts';
import { resolveSides } from './sides.ts';
import { fileStem } from './side-names.ts';
import { compareClusters, formatClustersMarkdown } from './compare-clusters.ts';
import type { Side } from './changeset.ts';
import { formatForteckning, formatJson, formatMarkdown } from './format-text.ts';
import type { ChangeSet } from './types.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';

/** Output formats of `overens diff`. */
export type DiffFormat = 'md' | 'json' | 'forteckning' | 'html' | 'pdf' | 'paket';

/** What to compare and how to show it. */
export interface RunDiffOptions {
  agreement?: string;
  /** Left out: the commit of the agreement's last adopted revision (register.yaml). */
  from?: string;
  to?: string;
  format?: DiffFormat;
  /** Write here instead of stdout (text) or output/<agreement>/ (html, pdf). */
  out?: string;
  /** Exit code 1 when anything changed. */
  exitCode?: boolean;
  cwd?: string;
  /** A PDF renderer already starting (pdf and paket), used for the redline and left for the caller to close. */
  renderer?: Promise<PdfRenderer>;
}

/** The outcome: exit code, text for stdout, diagnostics for stderr, files written, and the change set. */
export interface DiffRun {
  exitCode: 0 | 1 | 2;
  stdout: string;
  diagnostics: Diagnostic[];
  files: string[];
  changeSet?: ChangeSet;
}


/** Runs a comparison end to end; bad input gives diagnostics and exit code 1 or 2, never a throw. */
export async function runDiff(options: RunDiffOptions): Promise<DiffRun> {
  const cwd = options.cwd ?? process.cwd();
  const format = options.format ?? 'md';
  const adopted = options.from === undefined ? await lastAdopted(cwd, options.agreement) : undefined;
  if (adopted && !adopted.ok) return { exitCode: 2, stdout: '', diagnostics: adopted.diagnostics, files: [] };
  const from = adopted?.commit ?? options.from ?? '';
  const sides = await resolveSides({ from, cwd, ...(options.agreement ? { agreement: options.agreement } : {}), ...(options.to ? { to: options.to } : {}) });
  if (!sides.ok) return { exitCode: sides.exitCode, stdout: '', diagnostics: sides.diagnostics, files: [] };
  if (adopted?.label) sides.before.label = adopted.label;
  try {
    if (sides.before.agreement.id !== sides.after.agreement.id) return await runClusters(sides.before, sides.after, format, options, cwd);
    const cs = computeChangeSet(sides.before, sides.after);
    const changed = cs.changes.length > 0;
    const code: 0 | 1 = options.exitCode && changed ? 1 : 0;
    if (format === 'md' || format === 'json' || format === 'forteckning') {
      const text = format === 'md' ? formatMarkdown(cs) : format === 'json' ? formatJson(cs) : formatForteckning(cs);
      if (!options.out) return { exitCode: code, stdout: text, diagnostics: [], files: [], changeSet: cs };
      const file = path.resolve(cwd, options.out);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
      return { exitCode: code, stdout: '', diagnostics: [], files: [file], changeSet: cs };
    }
    const root = (await resolveTarget(cwd))?.root ?? cwd;
    const name = sides.after.agreement.id;
    if (format === 'paket') {
      // The board pack: summary, ändringsförteckning and redline PDF in one go.
      const dir = options.out ? path.resolve(cwd, options.out) : path.join(root, 'output', name);
      const stem = path.join(dir, fileStem(sides.before, sides.after));
      await mkdir(dir, { recursive: true });
      const summary = formatMarkdown(cs);
      await writeFile(`${stem}-sammanfattning.md`, summary);
      await writeFile(`${stem}-andringsforteckning.txt`, formatForteckning(cs));
      const { renderRedlineHtml } = await import('./format-html.ts');
      const { renderRedlinePdf } = await import('./format-pdf.ts');
      await writeFile(`${stem}-redline.pdf`, await renderRedlinePdf(await renderRedlineHtml(cs, sides.before, sides.after, { print: true }), options.renderer));
      const files = [`${stem}-sammanfattning.md`, `${stem}-andringsforteckning.txt`, `${stem}-redline.pdf`];
      // New outcomes since the compared revision: the follow-up report goes with the pack.
      const { outcomesChanged } = await import('../followup/outcomes.ts');
      if (outcomesChanged(sides.before.agreement, sides.after.agreement)) {
        const { buildReport } = await import('../followup/report.ts');
        const { writePages } = await import('../followup/write-pages.ts');
        const r = await buildReport(sides.after.project, sides.after.agreement);
        const pages = await writePages([{ stem: `${stem}-uppfoljning-${r.year}`, web: r.web, print: r.print }]);
        files.push(...pages.files);
      }
      return { exitCode: code, stdout: summary, diagnostics: [], files, changeSet: cs };
    }
    const file = options.out ? path.resolve(cwd, options.out) : path.join(root, 'output', name, `${fileStem(sides.before, sides.after)}-redline.${format}`);
    const { renderRedlineHtml } = await import('./format-html.ts');
    const html = await renderRedlineHtml(cs, sides.before, sides.after, { print: format === 'pdf' });
    await mkdir(path.dirname(file), { recursive: true });
    if (format === 'html') await writeFile(file, html.html);
    else {
      const { renderRedlinePdf } = await import('./format-pdf.ts');
      await writeFile(file, await renderRedlinePdf(html, options.renderer));
    }
    return { exitCode: code, stdout: '', diagnostics: [], files: [file], changeSet: cs };
  } finally {
    await sides.cleanup();
  }
}

/** Two different agreements: the comparison tables (Markdown, JSON, text, HTML or PDF). */
async function runClusters(before: Side, after: Side, format: DiffFormat, options: RunDiffOptions, cwd: string): Promise<DiffRun> {
  const c = compareClusters(before, after);
  const md = formatClustersMarkdown(c);
  const differ = c.areas.some((a) => a.onlyA.length + a.onlyB.length > 0 || a.both.some((r) => r.a !== r.b || r.targetA !== r.targetB));
  const code: 0 | 1 = options.exitCode && differ ? 1 : 0;
  const text = format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : md;
  if (format === 'md' || format === 'json' || format === 'forteckning') {
    if (!options.out) return { exitCode: code, stdout: text, diagnostics: [], files: [] };
    const file = path.resolve(cwd, options.out);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return { exitCode: code, stdout: '', diagnostics: [], files: [file] };
  }
  const root = (await resolveTarget(cwd))?.root ?? cwd;
  const stem = fileStem(before, after);
  const dir = format === 'paket' ? (options.out ? path.resolve(cwd, options.out) : path.join(root, 'output', after.agreement.id)) : undefined;
  const file = dir ? path.join(dir, `${stem}.pdf`) : options.out ? path.resolve(cwd, options.out) : path.join(root, 'output', after.agreement.id, `${stem}.${format}`);
  const { comparisonPage } = await import('./format-clusters-html.ts');
  const page = await comparisonPage(c, after, format !== 'html');
  await mkdir(path.dirname(file), { recursive: true });
  if (format === 'html') await writeFile(file, page.html);
  else {
    const { renderRedlinePdf } = await import('./format-pdf.ts');
    await writeFile(file, await renderRedlinePdf(page, options.renderer));
  }
  const files = [file];
  if (dir) { await writeFile(path.join(dir, `${stem}.md`), md); files.push(path.join(dir, `${stem}.md`)); }
  return { exitCode: code, stdout: format === 'paket' ? md : '', diagnostics: [], files };
}

/** The commit of the agreement's newest register entry, the default `--from`; a diagnostic when there is none. */
async function lastAdopted(cwd: string, agreement: string | undefined): Promise<{ ok: true; commit: string; label: string } | { ok: false; diagnostics: Diagnostic[] }> {
  const here = { file: '.', line: 1, column: 1 };
  const work = await resolveTarget(cwd);
  const name = agreement ?? work?.only;
  if (!work) return { ok: false, diagnostics: [diagnostic('ingen-overenskommelse', here, { path: 'den här mappen' })] };
  if (!name) return { ok: false, diagnostics: [diagnostic('diff-ange-overenskommelse', here)] };
  const dir = path.join(work.root, 'agreements', name);
  const show = path.relative(cwd, path.join(dir, 'register.yaml')).split(path.sep).join('/');
  const register = await readRegister(dir, show);
  if (register.diagnostics.length > 0) return { ok: false, diagnostics: register.diagnostics };
  const newest = newestEntry(register.entries);
  if (!newest) return { ok: false, diagnostics: [diagnostic('diff-ingen-antagen', { ...here, file: show }, { name })] };
  return { ok: true, commit: newest.commit, label: `antagen ${newest.revision} (${newest.commit.slice(0, 12)})` };
}
