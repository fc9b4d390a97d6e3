/**
 * The build: validate → compose → render HTML → render PDF → write output/ atomically, with a
 * manifest and a content-hash cache so that an agreement whose sources did not change is
 * carried over from the previous output instead of being rendered again.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ContentFailure, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { validatePaths } from './validate.ts';
import { agreementSourceHash, buildCacheKey, renderedExtras, sha256, shortHash } from './hash.ts';
import { readPreviousManifest, stageOutput, type Staging } from './write-output.ts';
import { layoutAgreement, prepareAgreement, renderIndexHtml, type RenderedHtml } from './render-html.ts';
import { outputNames, manifestOf, type Manifest, type ManifestAgreement, type ManifestFile, indexItems } from './manifest.ts';
import type { PdfRenderer } from './render-pdf.ts';
import { shardOfProject, type Shard } from './shard.ts';

/** What the build reports as it goes, one event per document. */
export type BuildEvent =
  | { type: 'start'; agreements: string[] }
  /** An agreement's files are all written (or carried over): `done` of `total` agreements. */
  | { type: 'progress'; agreement: string; done: number; total: number }
  | { type: 'document'; agreement: string; file: string; ms: number; pages?: number; cached: boolean }
  | { type: 'browser-missing'; message: string };

/** Options of a build. */
export interface BuildOptions {
  /** Agreement ids, agreement folders or a project folder; none means every agreement. */
  targets?: readonly string[];
  /** Where paths are shown from and relative targets are resolved (default: working directory). */
  base?: string;
  /** The output folder (default: output/ in the project). */
  outputDir?: string;
  /** Build PDFs (default true). */
  pdf?: boolean;
  /** Ignore the cache and render everything again. */
  force?: boolean;
  /** Build only this share of the project's agreements (src/pipeline/shard.ts); validation still covers all. */
  shard?: Shard;
  /** Opens the PDF renderer; injected by tests and the benchmark. */
  openRenderer?: () => Promise<PdfRenderer>;
  onEvent?: (e: BuildEvent) => void;
}

/** The outcome: whether output/ was replaced, every diagnostic, and a message when PDFs could not be made. */
export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  outputDir?: string;
  manifest?: Manifest;
  browserMissing?: string;
}

async function resolveTargets(targets: readonly string[], base: string): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets) {
    const asPath = path.resolve(base, t);
    const isPath = await stat(asPath).then(() => true, () => false);
    out.push(!isPath && /^[a-z0-9-]+$/.test(t) ? path.join(base, 'agreements', t) : t);
  }
  return out;
}

/** Builds HTML and PDF for the named agreements (all when none are named). */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const browser = browserHandle(options);
  // Chromium starts (in its own processes) while this one validates and renders HTML.
  if (options.pdf !== false) void browser.get();
  try {
    return await validateAndBuild(options, browser);
  } finally {
    await browser.close();
  }
}

async function validateAndBuild(options: BuildOptions, browser: BrowserHandle): Promise<BuildResult> {
  const base = options.base ?? process.cwd();
  const targets = await resolveTargets(options.targets ?? [], base);
  const { projects, diagnostics } = await validatePaths(targets, { base });
  if (hasErrors(diagnostics) || projects.length !== 1) {
    if (projects.length > 1) diagnostics.push(diagnostic('ingen-overenskommelse', { file: '.', line: 1, column: 1 }, { path: 'ett och samma projekt (bygg ett projekt i taget)' }));
    return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  }
  const project = projects[0] as ProjectModel;
  const outputDir = options.outputDir ?? path.join(project.root, 'output');
  const previous = await readPreviousManifest<Manifest>(outputDir);
  const staging = await stageOutput(outputDir);
  try {
    const result = await buildInto(project, staging, outputDir, previous, options, browser);
    diagnostics.push(...result.diagnostics);
    if (hasErrors(diagnostics)) {
      await staging.discard();
      return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
    }
    await staging.commit();
    const missing = result.pdfWanted ? browser.missing() : undefined;
    return { ok: true, diagnostics: sortDiagnostics(diagnostics), outputDir, manifest: result.manifest, ...(missing ? { browserMissing: missing } : {}) };
  } catch (err) {
    await staging.discard();
    if (err instanceof ContentFailure) return { ok: false, diagnostics: sortDiagnostics([...diagnostics, err.diagnostic]) };
    throw err;
  }
}

/** How many documents' PDFs may wait for the printer while the next HTML is rendered. */
const MAX_PDF_AHEAD = 4;

interface Pending { agreement: AgreementModel; entry: ManifestAgreement; printHtml: string; meta: RenderedHtml }

/** The build's one browser: started on first use (or early), closed once at the end. */
interface BrowserHandle {
  get(): Promise<PdfRenderer | undefined>;
  /** The message saying how to install a browser, when none could be started. */
  missing(): string | undefined;
  close(): Promise<void>;
}

function browserHandle(options: BuildOptions): BrowserHandle {
  let promise: Promise<PdfRenderer | undefined> | undefined;
  let missing: string | undefined;
  let reported = false;
  return {
    get: () => (promise ??= openRenderer(options, (message) => { missing = message; })),
    missing: () => {
      if (missing && !reported) { reported = true; options.onEvent?.({ type: 'browser-missing', message: missing }); }
      return missing;
    },
    async close() {
      const renderer = await promise?.catch(() => undefined);
      if (renderer && !options.openRenderer) await renderer.close();
    },
  };
}

async function buildInto(project: ProjectModel, staging: Staging, outputDir: string, previous: Manifest | undefined, options: BuildOptions, browser: BrowserHandle) {
  const diagnostics: Diagnostic[] = [];
  const emit = options.onEvent ?? (() => {});
  const wantPdf = options.pdf !== false;
  const agreements: ManifestAgreement[] = [];
  // A share builds only its agreements, and its output holds nothing else (nothing is carried over).
  const share = options.shard ? await shardOfProject(project, options.shard) : undefined;
  const selected = share?.agreements ?? project.agreements;
  const built = new Set(selected.map((a) => a.id));
  emit({ type: 'start', agreements: selected.map((a) => a.id) });
  let done = 0;
  const finished = (id: string) => emit({ type: 'progress', agreement: id, done: ++done, total: selected.length });
  // Each PDF starts as soon as its HTML is ready, in the browser that started with the build.
  let pdfWanted = false;
  const pdfJobs: Promise<void>[] = [];
  // HTML may run only a few documents ahead of the printer, so a large build does not hold every
  // agreement's print HTML in memory at once.
  const inFlight = new Set<Promise<void>>();
  const track = (job: Promise<void>): Promise<void> => {
    const settledJob = job.then(() => undefined, () => undefined).finally(() => inFlight.delete(settledJob));
    inFlight.add(settledJob);
    return job;
  };
  const renderPdf = async (p: Pending): Promise<void> => {
    const renderer = await browser.get();
    if (!renderer) return;
    const names = outputNames(p.agreement);
    const footer = { ...p.meta.footer, sourceHash: shortHash(p.entry.sourceHash) };
    // The full source hash and revision go into the PDF's keywords, so a signed copy can be traced.
    const keywords = [...p.meta.meta.keywords, `källor:${p.entry.sourceHash}`, `revision:${p.entry.revision}`];
    const result = await renderer.render({ key: p.agreement.id, html: p.printHtml, meta: { ...p.meta.meta, keywords }, footer });
    for (const url of result.blockedRequests) {
      diagnostics.push(diagnostic('extern-resurs', blamedFile(options.base ?? process.cwd(), p.agreement), { url }));
    }
    await staging.write(names.pdf, result.pdf);
    p.entry.files.push(fileEntry(names.pdf, result.pdf, p.agreement, p.entry.sourceHash, 'pdf'));
    emit({ type: 'document', agreement: p.agreement.id, file: names.pdf, ms: result.ms, pages: result.pages, cached: false });
  };

  for (const a of selected) {
    const t0 = performance.now();
    const sourceHash = await agreementSourceHash(project, a);
    const cacheKey = await buildCacheKey(sourceHash, renderedExtras(a));
    const names = outputNames(a);
    const prev = previous?.agreements.find((x) => x.id === a.id);
    if (!options.force && prev && prev.cacheKey === cacheKey && (prev.files.some((f) => f.format === 'pdf') || !wantPdf) && (await filesExist(outputDir, prev.files))) {
      for (const f of prev.files) await staging.carryOver(f.path, outputDir);
      agreements.push(prev);
      for (const f of prev.files) emit({ type: 'document', agreement: a.id, file: f.path, ms: 0, cached: true });
      finished(a.id);
      continue;
    }
    pdfWanted ||= wantPdf;
    // The print variant first, so the printer starts while the web variant is laid out.
    const prepared = await prepareAgreement(project, a);
    const print = layoutAgreement(prepared, { sourceHash, print: true });
    const entry: ManifestAgreement = {
      id: a.id,
      title: a.agreement.title,
      cluster: a.agreement.cluster,
      revision: a.agreement.revision.id,
      validity: { from: a.agreement.validity.from, to: a.agreement.validity.to },
      ...(a.agreement.validity.nextDecisionBy ? { nextDecisionBy: a.agreement.validity.nextDecisionBy } : {}),
      bilagor: (a.agreement.bilagor ?? []).map((b) => `Bilaga ${b.number ?? ''} ${b.title}`.replace('  ', ' ')),
      sourceHash,
      cacheKey,
      files: [],
    };
    agreements.push(entry);
    // Settle at once (errors are collected below), so a failing job never goes unhandled.
    const job = wantPdf ? track(renderPdf({ agreement: a, entry, printHtml: print.html, meta: print })) : undefined;
    const web = layoutAgreement(prepared, { sourceHash, print: false });
    releaseSources(a);
    // The HTML file comes first in the manifest, whenever the PDF is done.
    entry.files.unshift(fileEntry(names.html, web.html, a, sourceHash, 'html'));
    await staging.write(names.html, web.html);
    emit({ type: 'document', agreement: a.id, file: names.html, ms: performance.now() - t0, cached: false });
    if (job) pdfJobs.push(job.finally(() => finished(a.id)));
    else finished(a.id);
    while (inFlight.size >= MAX_PDF_AHEAD) await Promise.race(inFlight);
  }
  // Agreements not named in this build keep their previous output, if their folder still exists.
  for (const prev of share ? [] : previous?.agreements ?? []) {
    if (built.has(prev.id) || !(await stat(path.join(project.root, 'agreements', prev.id)).then(() => true, () => false))) continue;
    if (!(await filesExist(outputDir, prev.files))) continue;
    for (const f of prev.files) await staging.carryOver(f.path, outputDir);
    agreements.push(prev);
  }

  const settled = await Promise.allSettled(pdfJobs);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;

  const manifest: Manifest = { ...(share ? { shard: share.info } : {}), ...manifestOf(agreements) };
  await staging.write('index.html', renderIndexHtml(indexItems(manifest), { projectRoot: project.root }));
  await staging.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return { diagnostics, manifest, pdfWanted };
}

/**
 * Drops an agreement's parsed sources once its HTML exists: the rest of the build needs only the
 * HTML and a few facts, and a large build would otherwise hold every agreement's trees at once.
 */
function releaseSources(a: AgreementModel): void {
  a.documents = [];
  a.sources = {};
  a.texts = new Map();
}

async function openRenderer(options: BuildOptions, onMissing: (message: string) => void): Promise<PdfRenderer | undefined> {
  const { launchPdfRenderer, BrowserUnavailableError } = await import('./render-pdf.ts');
  try {
    return await (options.openRenderer ?? (() => launchPdfRenderer({ concurrency: 2 })))();
  } catch (err) {
    if (!(err instanceof BrowserUnavailableError)) throw err;
    onMissing(err.message);
    return undefined;
  }
}

function blamedFile(base: string, a: AgreementModel) {
  // Sanitised content cannot ask for anything, so a request comes from a template override.
  // Shown from `base`, like every other diagnostic of the build.
  const file = path.relative(base, path.join(a.dir, 'templates')).split(path.sep).join('/');
  return { file, line: 1, column: 1 };
}

function fileEntry(rel: string, data: string | Uint8Array, a: AgreementModel, sourceHash: string, format: 'html' | 'pdf'): ManifestFile {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  return { path: rel, format, sha256: sha256(data), bytes, agreement: a.id, document: a.agreement.main.id, revision: a.agreement.revision.id, sourceHash };
}

async function filesExist(outputDir: string, files: readonly ManifestFile[]): Promise<boolean> {
  for (const f of files) if (!(await stat(path.join(outputDir, f.path)).then(() => true, () => false))) return false;
  return files.length > 0;
}
