/**
 * Writing a page (report, party overview) as HTML and PDF: everything is rendered in memory first
 * and then written beside its final name and renamed into place, so a failure leaves the previous
 * files as they were and never a half-written one.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedHtml } from '../pipeline/render-html.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';

/** One page to write: the web HTML, and the print HTML for the PDF. */
export interface PageToWrite {
  /** Path without extension; `.html` and `.pdf` are added. */
  stem: string;
  web: RenderedHtml;
  print: RenderedHtml;
}

/** What was written, and the message on how to get a browser when the PDFs could not be made. */
export interface WrittenPages {
  files: string[];
  browserMissing?: string;
}

/** Writes files all-or-nothing: temporary names first, then renames. */
export async function writeAtomically(files: readonly { path: string; data: string | Uint8Array }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) {
      await mkdir(path.dirname(f.path), { recursive: true });
      const tmp = `${f.path}.${process.pid}.tmp`;
      temps.push(tmp);
      await writeFile(tmp, f.data);
    }
    for (const [i, f] of files.entries()) await rename(temps[i] ?? '', f.path);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
}

/** Renders the PDFs of `pages` (when `pdf` is true) and writes HTML and PDF together. */
export async function writePages(pages: readonly PageToWrite[], options: { pdf?: boolean; openRenderer?: () => Promise<PdfRenderer> } = {}): Promise<WrittenPages> {
  const files: { path: string; data: string | Uint8Array }[] = pages.map((p) => ({ path: `${p.stem}.html`, data: p.web.html }));
  let browserMissing: string | undefined;
  if (options.pdf !== false) {
    const { launchPdfRenderer, BrowserUnavailableError } = await import('../pipeline/render-pdf.ts');
    let renderer: PdfRenderer | undefined;
    try {
      renderer = await (options.openRenderer ?? (() => launchPdfRenderer({ concurrency: 1 })))();
    } catch (err) {
      if (!(err instanceof BrowserUnavailableError)) throw err;
      browserMissing = err.message;
    }
    if (renderer) {
      try {
        for (const p of pages) {
          const result = await renderer.render({ key: path.basename(p.stem), html: p.print.html, meta: p.print.meta, footer: p.print.footer });
          files.push({ path: `${p.stem}.pdf`, data: result.pdf });
        }
      } finally {
        if (!options.openRenderer) await renderer.close();
      }
    }
  }
  await writeAtomically(files);
  return { files: files.map((f) => f.path), ...(browserMissing ? { browserMissing } : {}) };
}
