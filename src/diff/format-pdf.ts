/** The redline as PDF, printed by the PDF engine in one browser. */
import type { RenderedHtml } from '../pipeline/render-html.ts';
import { launchPdfRenderer, type PdfRenderer } from '../pipeline/render-pdf.ts';

/**
 * Prints a rendered redline to PDF bytes; throws BrowserUnavailableError when no Chromium can start.
 * `launched`, a renderer already starting, is used and left open for its owner to close.
 */
export async function renderRedlinePdf(html: RenderedHtml, launched?: Promise<PdfRenderer>): Promise<Uint8Array> {
  if (launched) return print(await launched, html);
  const renderer = await launchPdfRenderer({ concurrency: 1 });
  try {
    return await print(renderer, html);
  } finally {
    await renderer.close();
  }
}

async function print(renderer: PdfRenderer, html: RenderedHtml): Promise<Uint8Array> {
  const result = await renderer.render({ key: 'redline', html: html.html, meta: html.meta, footer: { ...html.footer, documentTitle: `Ändringar – ${html.footer.documentTitle}`.slice(0, 90) } });
  return result.pdf;
}
