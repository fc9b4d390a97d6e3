/** The comparison of two agreements as a page in the agreement style (HTML, and PDF through the same engine). */
import { renderAgreementHtml, type RenderedHtml } from '../pipeline/render-html.ts';
import { agreementSourceHash, shortHash } from '../pipeline/hash.ts';
import type { Side } from './changeset.ts';
import { clustersHtml, type ClusterComparison } from './compare-clusters.ts';

/** A self-contained page with the comparison tables, styled like the agreements (fonts, CSP). */
export async function comparisonPage(c: ClusterComparison, after: Side, print: boolean): Promise<RenderedHtml> {
  const sourceHash = shortHash(await agreementSourceHash(after.project, after.agreement));
  const base = await renderAgreementHtml(after.project, after.agreement, { sourceHash, print });
  // Keep the head (styles, fonts, CSP) and replace the body with the tables.
  const head = base.html.slice(0, base.html.search(/<body[^>]*>/i));
  const title = `Jämförelse: ${c.a} och ${c.b}`;
  const html = `${head.replace(/<title>[^<]*<\/title>/, `<title>${title.replace(/[<&]/g, '')}</title>`)}<body class="${print ? 'print' : 'web'}"><main id="main" class="comparison">\n${clustersHtml(c)}\n</main></body></html>\n`;
  return { ...base, html, meta: { ...base.meta, title, subject: title }, footer: { ...base.footer, documentTitle: title.slice(0, 80) } };
}
