/**
 * The build of each agreement, handed over one by one as validation goes (validate-stream.ts):
 * carried over from the previous output when its cache key is unchanged, else its print variant
 * laid out and sent to the printer, then its web variant written while the PDF prints. `finish`
 * writes the index and the manifest; `abandon` waits for the printer so a failed build can discard
 * its staging folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AgreementModel, ProjectModel } from '../model/types.ts';
import { agreementSourceHash, buildCacheKey, renderedExtras, sha256, shortHash, toolVersionHash } from './hash.ts';
import type { Staging } from './write-output.ts';
import { layoutAgreement, prepareAgreement, renderIndexHtml, type RenderedHtml } from './render-html.ts';
import { outputNames, manifestOf, type Manifest, type ManifestAgreement, type ManifestFile, indexItems } from './manifest.ts';
import type { PdfRenderer } from './render-pdf.ts';
import { buildIdentity, shardMembers, type Shard } from './shard.ts';
import type { BuildEvent } from './build.ts';

/** How many documents' PDFs may wait for the printer while the next agreement is validated and laid out. */
const MAX_PDF_AHEAD = 4;

interface Pending { agreement: AgreementModel; entry: ManifestAgreement; printHtml: string; meta: RenderedHtml }

/** What the agreements' build needs from the build around it. */
export interface AgreementsBuildContext {
  staging: Staging;
  outputDir: string;
  previous: Manifest | undefined;
  base: string;
  pdf: boolean;
  force: boolean;
  shard: Shard | undefined;
  browser: () => Promise<PdfRenderer | undefined>;
  emit: (e: BuildEvent) => void;
}

/** The build of the agreements, fed one at a time. */
export interface AgreementsBuild {
  /** The ids of every agreement that validation will hand over (or not, if it finds errors). */
  start(ids: readonly string[]): void;
  add(project: ProjectModel, a: AgreementModel): Promise<void>;
  /** Waits for the printer, carries over what this build did not name, writes index and manifest. */
  finish(project: ProjectModel): Promise<{ diagnostics: Diagnostic[]; manifest: Manifest; pdfWanted: boolean }>;
  /** Waits for what is printing, so the staging folder can be thrown away. */
  abandon(): Promise<void>;
}

/** Starts the build of the agreements into `ctx.staging`. */
export function buildAgreements(ctx: AgreementsBuildContext): AgreementsBuild {
  const diagnostics: Diagnostic[] = [];
  const agreements: ManifestAgreement[] = [];
  // Every agreement's id and cache key: a share's manifest records the identity of the whole build.
  const keys: { id: string; cacheKey: string }[] = [];
  let all: readonly string[] = [];
  let selected = new Set<string>();
  let done = 0;
  const finished = (id: string) => ctx.emit({ type: 'progress', agreement: id, done: ++done, total: selected.size });
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
    const renderer = await ctx.browser();
    if (!renderer) return;
    const names = outputNames(p.agreement);
    const footer = { ...p.meta.footer, sourceHash: shortHash(p.entry.sourceHash) };
    // The full source hash and revision go into the PDF's keywords, so a signed copy can be traced.
    const keywords = [...p.meta.meta.keywords, `källor:${p.entry.sourceHash}`, `revision:${p.entry.revision}`];
    const result = await renderer.render({ key: p.agreement.id, html: p.printHtml, meta: { ...p.meta.meta, keywords }, footer });
    for (const url of result.blockedRequests) {
      diagnostics.push(diagnostic('extern-resurs', blamedFile(ctx.base, p.agreement), { url }));
    }
    await ctx.staging.write(names.pdf, result.pdf);
    p.entry.files.push(fileEntry(names.pdf, result.pdf, p.agreement, p.entry.sourceHash, 'pdf'));
    ctx.emit({ type: 'document', agreement: p.agreement.id, file: names.pdf, ms: result.ms, pages: result.pages, cached: false });
  };

  return {
    start(ids) {
      all = ids;
      // A share builds only its agreements, and its output holds nothing else (nothing is carried over).
      selected = new Set(ctx.shard ? shardMembers(ids, ctx.shard) : ids);
      ctx.emit({ type: 'start', agreements: ids.filter((id) => selected.has(id)) });
    },

    async add(project, a) {
      const t0 = performance.now();
      const sourceHash = await agreementSourceHash(project, a);
      const cacheKey = await buildCacheKey(sourceHash, renderedExtras(a));
      keys.push({ id: a.id, cacheKey });
      if (!selected.has(a.id)) { releaseSources(a); return; }
      const names = outputNames(a);
      const prev = ctx.previous?.agreements.find((x) => x.id === a.id);
      if (!ctx.force && prev && prev.cacheKey === cacheKey && (prev.files.some((f) => f.format === 'pdf') || !ctx.pdf) && filesExist(ctx.outputDir, prev.files)) {
        releaseSources(a);
        for (const f of prev.files) await ctx.staging.carryOver(f.path, ctx.outputDir);
        agreements.push(prev);
        for (const f of prev.files) ctx.emit({ type: 'document', agreement: a.id, file: f.path, ms: 0, cached: true });
        finished(a.id);
        return;
      }
      pdfWanted ||= ctx.pdf;
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
      // Settle at once (errors are collected in finish), so a failing job never goes unhandled.
      const job = ctx.pdf ? track(renderPdf({ agreement: a, entry, printHtml: print.html, meta: print })) : undefined;
      const web = layoutAgreement(prepared, { sourceHash, print: false });
      releaseSources(a);
      // The HTML file comes first in the manifest, whenever the PDF is done.
      entry.files.unshift(fileEntry(names.html, web.html, a, sourceHash, 'html'));
      await ctx.staging.write(names.html, web.html);
      ctx.emit({ type: 'document', agreement: a.id, file: names.html, ms: performance.now() - t0, cached: false });
      if (job) pdfJobs.push(job.finally(() => finished(a.id)));
      else finished(a.id);
      while (inFlight.size >= MAX_PDF_AHEAD) await Promise.race(inFlight);
    },

    async finish(project) {
      // Agreements not named in this build keep their previous output, if their folder still exists.
      const named = new Set(all);
      for (const prev of ctx.shard ? [] : ctx.previous?.agreements ?? []) {
        if (named.has(prev.id) || !existsSync(path.join(project.root, 'agreements', prev.id)) || !filesExist(ctx.outputDir, prev.files)) continue;
        for (const f of prev.files) await ctx.staging.carryOver(f.path, ctx.outputDir);
        agreements.push(prev);
      }
      const settled = await Promise.allSettled(pdfJobs);
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      const shard = ctx.shard
        ? { shard: { ...ctx.shard, build: buildIdentity(keys), tool: await toolVersionHash(), agreements: keys.map((k) => k.id).sort() } }
        : {};
      const manifest: Manifest = { ...shard, ...manifestOf(agreements) };
      await ctx.staging.write('index.html', renderIndexHtml(indexItems(manifest), { projectRoot: project.root }));
      await ctx.staging.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
      return { diagnostics, manifest, pdfWanted };
    },

    async abandon() {
      await Promise.allSettled(pdfJobs);
      await Promise.allSettled([...inFlight]);
    },
  };
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

function filesExist(outputDir: string, files: readonly ManifestFile[]): boolean {
  return files.length > 0 && files.every((f) => existsSync(path.join(outputDir, f.path)));
}
