/**
 * The preview variant of rendered pages: the document's own meta CSP (which forbids every script)
 * is replaced by a response-header CSP that allows exactly one script, the fixed reload script
 * below, by its hash. Nothing from the content can add script: the hash only matches this text.
 */
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from '../pipeline/render-html.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { summarizeDiagnostics } from '../diagnostics/diagnostic.ts';

/** The route of the Server-Sent Events stream that tells open pages to reload. */
export const EVENTS_PATH = '/__overens/events';

/**
 * The reload script, which opens the event stream and reloads when its agreement (or everything, "*")
 * changed, or when the "hello" event's generation differs from the page's (a change made before the
 * stream connected, or a restarted server).
 */
export const RELOAD_SCRIPT = [
  '(function () {',
  '  var m = document.querySelector(\'meta[name="overens-generation"]\');',
  "  var gen = m ? m.getAttribute('content') : '';",
  "  var id = location.pathname.split('/')[1] || '';",
  `  var es = new EventSource('${EVENTS_PATH}');`,
  "  es.addEventListener('hello', function (e) { if (e.data !== gen) { es.close(); location.reload(); } });",
  "  es.onmessage = function (e) { if (id === '' || e.data === '*' || e.data === id) { es.close(); location.reload(); } };",
  '})();',
].join('\n');

/** The CSP source expression of the reload script. */
export const RELOAD_SCRIPT_HASH = `'sha256-${createHash('sha256').update(RELOAD_SCRIPT, 'utf8').digest('base64')}'`;

/** The CSP header of every preview page: the documents' own policy plus the reload script and its event stream. */
export const PREVIEW_CSP = `${CONTENT_SECURITY_POLICY}; script-src ${RELOAD_SCRIPT_HASH}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const META_CSP = /<meta\s+http-equiv\s*=\s*"Content-Security-Policy"[^>]*>/i;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The head additions of a preview page: the generation it was served at and the reload script. */
function headInjection(generation: string): string {
  return `<meta name="overens-generation" content="${escapeHtml(generation)}">\n<script>${RELOAD_SCRIPT}</script>`;
}

/** Turns a rendered page into its preview variant: meta CSP out, generation and reload script in. */
export function previewVariant(html: string, generation: string): string {
  const inject = headInjection(generation);
  // A function replacement, so "$" in the injected text is never read as a pattern.
  if (META_CSP.test(html)) return html.replace(META_CSP, () => inject);
  const head = html.search(/<\/head>/i);
  return head >= 0 ? `${html.slice(0, head)}${inject}\n${html.slice(head)}` : `${inject}\n${html}`;
}

const ERROR_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; color: #8a1010; margin: 0 0 .5rem; }
ol { padding: 0; list-style: none; }
li { border-left: .35rem solid #b3261e; background: #fdf2f1; padding: .75rem 1rem; margin: 0 0 1rem; }
li.varning { border-color: #8a5a00; background: #fff8e6; }
li.notering { border-color: #3a5f8a; background: #eef4fb; }
.place { font-family: ui-monospace, monospace; font-size: .95rem; margin: 0; overflow-wrap: anywhere; }
.severity { font-weight: 700; text-transform: uppercase; font-size: .8rem; letter-spacing: .04em; margin: 0 .5rem; }
.message { margin: .35rem 0 0; font-weight: 600; }
.hint { margin: .25rem 0 0; white-space: pre-line; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem; overflow-wrap: anywhere; }
a { color: #0b57a4; }
`;

/** A Swedish page listing each diagnostic (file:line:col, code, message, hint), or an unexpected failure. */
export function errorPage(options: { id: string; diagnostics?: readonly Diagnostic[]; failure?: string }): string {
  const list = options.diagnostics ?? [];
  // Errors first, then warnings and notes, each kept in file order.
  const rank = { fel: 0, varning: 1, notering: 2 } as const;
  const sorted = [...list].sort((a, b) => rank[a.severity] - rank[b.severity]);
  const items = sorted
    .map((d) => [
      `<li class="${escapeHtml(d.severity)}">`,
      `<p class="place"><code>${escapeHtml(`${d.file}:${d.line}:${d.column}`)}</code><span class="severity">${escapeHtml(d.severity)}</span><code class="code">${escapeHtml(d.code)}</code></p>`,
      `<p class="message">${escapeHtml(d.message)}</p>`,
      `<p class="hint">${escapeHtml(d.hint)}</p>`,
      '</li>',
    ].join(''))
    .join('\n');
  const heading = options.failure
    ? `Förhandsgranskningen av ${options.id} kunde inte byggas`
    : `Överenskommelsen ${options.id} innehåller fel`;
  const body = options.failure
    ? `<p>Något oväntat gick fel när sidan byggdes:</p>\n<pre>${escapeHtml(options.failure)}</pre>`
    : `<p>${escapeHtml(summarizeDiagnostics(list))}. Rätta felen och spara, så laddas sidan om av sig själv.</p>\n<ol class="diagnostics">\n${items}\n</ol>`;
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} – förhandsgranskning</title>
<style>${ERROR_CSS}</style>
</head>
<body>
<main id="main">
<h1>${escapeHtml(heading)}</h1>
${body}
<p><a href="/">Alla överenskommelser</a></p>
</main>
</body>
</html>
`;
}
