/**
 * The live preview: an HTTP server on the loopback interface that renders agreements on request
 * (cached until a source changes), watches agreements/ and the templates with chokidar, and tells
 * open pages to reload over Server-Sent Events. Only the listed routes exist; nothing is ever
 * served from disk except what the renderer inlines.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'chokidar';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { validatePaths } from '../pipeline/validate.ts';
import { agreementSourceHash, shortHash } from '../pipeline/hash.ts';
import { DEFAULT_TEMPLATES_DIR, projectTemplatesDir, renderAgreementVariants, renderIndexHtml, type IndexItem, type RenderedHtml } from '../pipeline/render-html.ts';
import { outputNames } from '../pipeline/manifest.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';
import { EVENTS_PATH, PREVIEW_CSP, errorPage, previewVariant } from './page.ts';

/** Options of {@link startPreview}. */
export interface PreviewOptions {
  /** The project folder (the one that holds agreements/). */
  root: string;
  /** The port to listen on; 0 picks a free one. */
  port: number;
  /** A loopback address to listen on (default 127.0.0.1); other addresses are refused. */
  host?: string;
  /** Serve only this agreement (its folder name under agreements/). */
  agreement?: string;
  /** Receives one line per rebuild (and its diagnostics), for the terminal. */
  log?: (line: string) => void;
  /** Quiet time after the last file event before rebuilding, in ms (default 50). */
  debounceMs?: number;
  /**
   * Also print PDFs (default true): a browser kept warm prints an agreement's PDF again in the
   * background after each save, served at the page's own PDF link.
   */
  pdf?: boolean;
}

/** A running preview: its base URL and how to stop it. */
export interface PreviewServer {
  /** The base URL, e.g. http://127.0.0.1:4173/. */
  url: string;
  /** The URL of the first page to open: the agreement when one was named, else the list. */
  pageUrl: string;
  /** Stops watching, ends every event stream and closes the server. */
  close(): Promise<void>;
}

interface Validated {
  diagnostics: Diagnostic[];
  project?: ProjectModel;
  agreement?: AgreementModel;
}

interface Entry {
  validated: Promise<Validated>;
  /** Both variants of the agreement, rendered from one composition. */
  rendered?: Promise<{ web: RenderedHtml; print: RenderedHtml; sourceHash: string }>;
  page?: Promise<{ ok: boolean; html: string }>;
  pdf?: Promise<PdfOutcome>;
}

/** A PDF printed by the preview, or why there is none. */
type PdfOutcome = { ok: true; name: string; pdf: Uint8Array } | { ok: false; message: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const ID = /^[a-z0-9][a-z0-9-]*$/;
const ALL = '*';

/** Starts the preview server and the file watcher; resolves once both are ready. */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`Förhandsgranskningen lyssnar bara på den egna datorn (127.0.0.1), inte på ${host}.`);
  const root = path.resolve(options.root);
  const agreementsDir = path.join(root, 'agreements');
  const log = options.log ?? (() => {});
  const debounceMs = options.debounceMs ?? 50;
  const wantPdf = options.pdf !== false;
  const boot = randomBytes(4).toString('hex');
  let counter = 0;
  let generation = `${boot}-0`;
  const cache = new Map<string, Entry>();
  const clients = new Set<ServerResponse>();

  /** The agreements served: folders under agreements/ with an agreement.yaml (or only the named one). */
  const listIds = (): string[] => {
    let names: string[];
    try {
      names = readdirSync(agreementsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
    return names
      .filter((n) => ID.test(n) && (!options.agreement || n === options.agreement) && existsSync(path.join(agreementsDir, n, 'agreement.yaml')))
      .sort();
  };

  const entry = (id: string): Entry => {
    let e = cache.get(id);
    if (!e) {
      e = { validated: validate(id) };
      cache.set(id, e);
    }
    return e;
  };

  const validate = async (id: string): Promise<Validated> => {
    const { projects, diagnostics } = await validatePaths([path.join(agreementsDir, id)], { base: root });
    const project = projects[0];
    const agreement = project?.agreements.find((a) => a.id === id);
    return { diagnostics, ...(project ? { project } : {}), ...(agreement ? { agreement } : {}) };
  };

  const rendered = (id: string, v: Validated & { project: ProjectModel; agreement: AgreementModel }) => {
    const e = entry(id);
    e.rendered ??= (async () => {
      const sourceHash = await agreementSourceHash(v.project, v.agreement);
      return { ...(await renderAgreementVariants(v.project, v.agreement, sourceHash)), sourceHash };
    })();
    return e.rendered;
  };

  // The warm browser: started once, on the first PDF, and kept until the preview stops.
  let renderer: Promise<PdfRenderer | undefined> | undefined;
  let closed = false;
  const browser = (): Promise<PdfRenderer | undefined> => {
    renderer ??= import('../pipeline/render-pdf.ts')
      .then((m) => m.launchPdfRenderer({ concurrency: 1 }))
      .catch((err: unknown) => {
        log(`PDF byggs inte i förhandsgranskningen: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
    return renderer;
  };

  const pdf = (id: string): Promise<PdfOutcome> => {
    const e = entry(id);
    e.pdf ??= (async (): Promise<PdfOutcome> => {
      const t0 = performance.now();
      const v = await e.validated;
      if (hasErrors(v.diagnostics) || !v.project || !v.agreement) return { ok: false, message: `${id} innehåller fel; öppna sidan för att se dem.` };
      try {
        const r = await rendered(id, { ...v, project: v.project, agreement: v.agreement });
        const printer = await browser();
        if (!printer || closed) return { ok: false, message: 'Ingen webbläsare för PDF kunde startas; se overens doctor.' };
        const job = await printer.render({ key: id, html: r.print.html, meta: r.print.meta, footer: { ...r.print.footer, sourceHash: shortHash(r.sourceHash) } });
        log(`${id}: PDF byggd på ${Math.round(performance.now() - t0)} ms (${job.pages} sidor).`);
        return { ok: true, name: path.posix.basename(outputNames(v.agreement).pdf), pdf: job.pdf };
      } catch (err) {
        const failure = err instanceof Error ? err.message : String(err);
        log(`${id}: PDF kunde inte byggas: ${failure}`);
        return { ok: false, message: `PDF kunde inte byggas: ${failure}` };
      }
    })();
    return e.pdf;
  };

  const page = (id: string): Promise<{ ok: boolean; html: string }> => {
    const e = entry(id);
    e.page ??= (async () => {
      const t0 = performance.now();
      try {
        const v = await e.validated;
        for (const d of v.diagnostics) if (d.severity !== 'notering') log(formatDiagnostic(d));
        if (hasErrors(v.diagnostics) || !v.project || !v.agreement) {
          log(`${id}: innehåller fel, visar felsidan.`);
          return { ok: false, html: errorPage({ id, diagnostics: v.diagnostics }) };
        }
        const r = await rendered(id, { ...v, project: v.project, agreement: v.agreement });
        log(`${id}: byggd på ${Math.round(performance.now() - t0)} ms.`);
        return { ok: true, html: r.web.html };
      } catch (err) {
        const failure = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log(`${id}: kunde inte byggas: ${failure}`);
        return { ok: false, html: errorPage({ id, failure }) };
      }
    })();
    return e.page;
  };

  const indexPage = async (): Promise<string> => {
    const ids = listIds();
    const items: IndexItem[] = [];
    for (const id of ids) {
      const v = await entry(id).validated.catch((): Validated => ({ diagnostics: [] }));
      const a = v.agreement?.agreement;
      if (a && !hasErrors(v.diagnostics)) {
        const to = a.validity.to === 'tills vidare' ? 'tills vidare' : `till och med ${a.validity.to}`;
        items.push({
          id,
          title: a.title,
          cluster: a.cluster,
          revision: a.revision.id,
          validity: `från och med ${a.validity.from} ${to}`,
          ...(a.validity.nextDecisionBy ? { nextDecision: a.validity.nextDecisionBy } : {}),
          htmlFile: `${id}/`,
          bilagor: (a.bilagor ?? []).map((b) => `Bilaga ${b.number ?? ''} ${b.title}`.replace('  ', ' ')),
        });
      } else {
        items.push({ id, title: id, cluster: '–', revision: '–', validity: 'Innehåller fel – öppna sidan för att se dem.', htmlFile: `${id}/`, bilagor: [] });
      }
    }
    return renderIndexHtml(items, { projectRoot: root });
  };

  // Watching: collect the affected agreements, then rebuild them after a short quiet time.
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const affected = (file: string): string => {
    const rel = path.relative(agreementsDir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return ALL; // the templates
    const [first, second] = rel.split(path.sep);
    // A file directly under agreements/ (the organisation registry) concerns every agreement.
    return first && second !== undefined && ID.test(first) ? first : ALL;
  };
  const flush = () => {
    timer = undefined;
    const ids = [...pending];
    pending.clear();
    if (ids.length === 0) return;
    if (ids.includes(ALL)) cache.clear();
    else for (const id of ids) cache.delete(id);
    generation = `${boot}-${++counter}`;
    const served = new Set(listIds());
    // Rebuild now, so the reload finds the page ready (or waits for the build already running).
    for (const id of ids.includes(ALL) ? [...served] : ids.filter((i) => served.has(i))) {
      void page(id);
      // The PDF of a saved agreement is printed again at once in the warm browser; after a
      // template change (every agreement) only when asked for.
      if (wantPdf && !ids.includes(ALL)) void pdf(id);
    }
    for (const id of ids.includes(ALL) ? [ALL] : ids) broadcast(id);
  };
  const onFile = (file: string) => {
    pending.add(affected(file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const broadcast = (data: string) => {
    for (const res of clients) res.write(`data: ${data}\n\n`);
  };

  const sharedTemplates = projectTemplatesDir(root);
  const watcher: FSWatcher = watch([agreementsDir, DEFAULT_TEMPLATES_DIR, ...(sharedTemplates ? [sharedTemplates] : [])], {
    ignoreInitial: true,
    // Editor droppings (.swp, backups ending in ~, dot files) are not sources.
    ignored: (p: string) => {
      const base = path.basename(p);
      return base.startsWith('.') || base.endsWith('~') || base.endsWith('.swp') || base === 'node_modules';
    },
  });
  watcher.on('all', (_event, file) => onFile(file));
  watcher.on('error', (err) => log(`Bevakningen av filerna misslyckades: ${err instanceof Error ? err.message : String(err)}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`Fel i förhandsgranskningen: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internt fel i förhandsgranskningen.\n');
      else res.end();
    });
  });
  let port = options.port;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHost(req.headers.host, host, port)) return send(res, 403, 'text/plain', 'Förhandsgranskningen svarar bara på adresser till den egna datorn.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain', 'Bara GET och HEAD stöds.\n');
    }
    const raw = req.url ?? '';
    const pathname = raw.split('?')[0] ?? '';
    // Nothing encoded, no dot segments, no backslashes: the routes below are all there is.
    if (!pathname.startsWith('/') || /%|\\|\0|(^|\/)\.\.?(\/|$)/.test(pathname)) return send(res, 400, 'text/plain', 'Ogiltig sökväg.\n');
    if (pathname === EVENTS_PATH) return events(req, res);
    if (pathname === '/') {
      const gen = generation;
      return sendPage(res, req, await indexPage().catch((err: unknown) => errorPage({ id: 'listan', failure: err instanceof Error ? err.message : String(err) })), gen);
    }
    const pdfRoute = /^\/([a-z0-9][a-z0-9-]*)\/([A-Za-z0-9._-]+\.pdf)$/.exec(pathname);
    if (pdfRoute?.[1] && pdfRoute[2] && wantPdf && listIds().includes(pdfRoute[1])) {
      const got = await pdf(pdfRoute[1]);
      if (!got.ok) return send(res, 503, 'text/plain', `${got.message}\n`);
      if (got.name !== pdfRoute[2]) return send(res, 404, 'text/plain', `PDF:en heter ${got.name}.\n`);
      return sendPdf(res, req, got.pdf);
    }
    const m = /^\/([a-z0-9][a-z0-9-]*)(\/?)$/.exec(pathname);
    const id = m?.[1];
    if (!m || !id || !listIds().includes(id)) return send(res, 404, 'text/plain', 'Sidan finns inte. Förhandsgranskningen visar bara överenskommelserna som listas på /.\n');
    if (m[2] !== '/') {
      res.setHeader('Location', `/${id}/`);
      return send(res, 308, 'text/plain', `Flyttad till /${id}/\n`);
    }
    const gen = generation;
    const p = await page(id);
    return sendPage(res, req, p.html, gen);
  };

  const events = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') { res.end(); return; }
    res.write(`retry: 500\nevent: hello\ndata: ${generation}\n\n`);
    clients.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      clients.delete(res);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await watcher.close();
    throw err;
  });
  port = (server.address() as AddressInfo).port;
  // Warm the cache (and the renderer) in the background, so the first page and the first rebuild are quick.
  const ids = listIds();
  for (const id of ids) void page(id);
  // One agreement (or a few): its PDF too, so the browser is warm before the first save.
  if (wantPdf && ids.length > 0 && ids.length <= 3) for (const id of ids) void pdf(id);
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;

  return {
    url,
    pageUrl: options.agreement ? `${url}${options.agreement}/` : url,
    async close() {
      if (timer) clearTimeout(timer);
      for (const res of clients) res.end();
      clients.clear();
      await watcher.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      closed = true;
      const printer = await renderer?.catch(() => undefined);
      await printer?.close();
    },
  };
}

/** True when the Host header names this server on a loopback name (guards against DNS rebinding). */
function allowedHost(header: string | undefined, host: string, port: number): boolean {
  if (!header) return false;
  const names = new Set([host.includes(':') ? `[${host}]` : host, '127.0.0.1', 'localhost', '[::1]']);
  return [...names].some((n) => header === `${n}:${port}` || (port === 80 && header === n));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
  });
  res.end(body);
}

function sendPdf(res: ServerResponse, req: IncomingMessage, pdf: Uint8Array): void {
  res.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': pdf.byteLength,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : pdf);
}

function sendPage(res: ServerResponse, req: IncomingMessage, html: string, generation: string): void {
  const body = previewVariant(html, generation);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PREVIEW_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
