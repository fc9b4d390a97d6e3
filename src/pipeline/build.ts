/**
 * The build: validate → compose → render HTML → render PDF → write output/ atomically, with a
 * manifest and a content-hash cache so that an agreement whose sources did not change is
 * carried over from the previous output instead of being rendered again. Validation goes
 * agreement by agreement (validate-stream.ts) and each valid agreement is built at once
 * (build-agreements.ts), so printing overlaps validation; one error anywhere and output/ stays.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ContentFailure, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { resolveGroups, validatePaths } from './validate.ts';
import { validateStreaming } from './validate-stream.ts';
import { readPreviousManifest, stageOutput } from './write-output.ts';
import type { Manifest } from './manifest.ts';
import type { PdfRenderer } from './render-pdf.ts';
import type { Shard } from './shard.ts';
import { buildAgreements, type AgreementsBuild } from './build-agreements.ts';
import type { ProjectModel } from '../model/types.ts';

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
  /** Opens the PDF renderer; injected by tests and the benchmark (and then not closed by the build). */
  openRenderer?: () => Promise<PdfRenderer>;
  /**
   * A renderer already starting, which the build takes over and closes: the CLI starts Chromium
   * before it loads the build, so the browser's launch overlaps loading and checking the content.
   */
  launched?: Promise<PdfRenderer>;
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
  const { groups, diagnostics: resolution } = await resolveGroups(targets, { base });
  const [single, ...others] = [...groups];
  // Not one project whose paths all resolved cleanly: validated whole first, and built only
  // when that found one project without errors (then from that validation, not a second one).
  let whole: { project: ProjectModel; diagnostics: Diagnostic[] } | undefined;
  if (!single || others.length > 0 || resolution.length > 0) {
    const { projects, diagnostics } = await validatePaths(targets, { base });
    if (projects.length > 1) diagnostics.push(diagnostic('ingen-overenskommelse', { file: '.', line: 1, column: 1 }, { path: 'ett och samma projekt (bygg ett projekt i taget)' }));
    const project = projects[0];
    if (hasErrors(diagnostics) || projects.length !== 1 || !project) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
    whole = { project, diagnostics };
  }
  const root = whole?.project.root ?? single?.[0] ?? base;
  const only = single?.[1] ?? 'all';
  const outputDir = options.outputDir ?? path.join(root, 'output');
  const previous = await readPreviousManifest<Manifest>(outputDir);
  const staging = await stageOutput(outputDir);
  const agreements = buildAgreements({
    staging, outputDir, previous, base, pdf: options.pdf !== false, force: options.force === true, shard: options.shard,
    browser: () => browser.get(), emit: options.onEvent ?? (() => {}),
  });
  const diagnostics: Diagnostic[] = [];
  try {
    // Each agreement is built as soon as it is validated, so printing overlaps validation.
    const validated = whole ? await buildValidated(whole, agreements) : await validateStreaming(root, only === 'all' ? undefined : [...only], { base }, {
      start: (ids) => agreements.start(ids),
      valid: (project, a) => agreements.add(project, a),
    });
    diagnostics.push(...validated.diagnostics);
    if (hasErrors(diagnostics)) {
      await agreements.abandon();
      await staging.discard();
      return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
    }
    const result = await agreements.finish(validated.project);
    diagnostics.push(...result.diagnostics);
    if (hasErrors(diagnostics)) {
      await staging.discard();
      return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
    }
    await staging.commit();
    const missing = result.pdfWanted ? browser.missing() : undefined;
    return { ok: true, diagnostics: sortDiagnostics(diagnostics), outputDir, manifest: result.manifest, ...(missing ? { browserMissing: missing } : {}) };
  } catch (err) {
    await agreements.abandon();
    await staging.discard();
    if (err instanceof ContentFailure) return { ok: false, diagnostics: sortDiagnostics([...diagnostics, err.diagnostic]) };
    throw err;
  }
}

/** Feeds an already validated project to the agreements' build. */
async function buildValidated(whole: { project: ProjectModel; diagnostics: Diagnostic[] }, agreements: AgreementsBuild) {
  agreements.start(whole.project.agreements.map((a) => a.id));
  for (const a of whole.project.agreements) await agreements.add(whole.project, a);
  return whole;
}

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

async function openRenderer(options: BuildOptions, onMissing: (message: string) => void): Promise<PdfRenderer | undefined> {
  const { launchPdfRenderer, BrowserUnavailableError } = await import('./render-pdf.ts');
  try {
    return await (options.launched ?? (options.openRenderer ?? (() => launchPdfRenderer({ concurrency: 2 })))());
  } catch (err) {
    if (!(err instanceof BrowserUnavailableError)) throw err;
    onMissing(err.message);
    return undefined;
  }
}
