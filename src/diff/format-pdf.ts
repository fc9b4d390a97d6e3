/** The redline as PDF, printed by the PDF engine in one browser. */
import type { RenderedHtml } from '../pipeline/render-html.ts';
import { launchPdfRenderer } from '../pipeline/render-pdf.ts';

/** Prints a rendered redline to PDF bytes; throws BrowserUnavailableError when no Chromium can start. */
export async function renderRedlinePdf(html: RenderedHtml): Promise<Uint8Array> {
  const renderer = await launchPdfRenderer({ concurrency: 1 });
  try {
    const result = await renderer.render({ key: 'redline', html: html.html, meta: html.meta, footer: { ...html.footer, documentTitle: `Ändringar – ${html.footer.documentTitle}`.slice(0, 90) } });
    return result.pdf;
  } finally {
    await renderer.close();
  }
}
