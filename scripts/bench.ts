/**
 * `npm run bench`: generates N synthetic agreements (default 300, ~18 pages each, derived from the
 * Umeåregionen example) in a temporary project and prints validate-all, HTML-all and PDF-all times,
 * the time to rebuild one edited agreement as a whole process, peak memory, and Chromium's own
 * setContent + pdf time for the same HTML with our ratio to it. Then the revision-diff figures.
 * Figures are printed, never asserted: shared machines are noisy.
 *
 * Usage: npm run bench [-- --n 300] [-- --skip-diff]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/model/json-schema.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementVariants } from '../src/pipeline/render-html.ts';
import { agreementSourceHash, shortHash } from '../src/pipeline/hash.ts';
import { launchPdfRenderer } from '../src/pipeline/render-pdf.ts';
import { benchDiff } from '../src/diff/bench-diff.ts';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--n') + 1] ?? 300) || 300;
const skipDiff = args.includes('--skip-diff');

const fmt = (n: number, d = 1) => n.toLocaleString('sv-SE', { minimumFractionDigits: d, maximumFractionDigits: d });
const secs = (ms: number) => `${fmt(ms / 1000, 2)} s`;

/**
 * Samples the memory of this process and every Chromium process, in MiB, as proportional set size
 * (PSS: shared pages divided among the processes that share them), so Chromium's many processes are
 * not counted several times over. Falls back to RSS where /proc has no smaps_rollup.
 */
function memoryNow(includeSelf = true): number {
  let kb = 0;
  const pss = (pid: string): number | undefined => {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch { return undefined; }
  };
  try {
    // This process, the `overens build` it starts, and Chromium's processes.
    const out = execFileSync('ps', ['-eo', 'pid=,rss=,comm='], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      const [pid, rss, comm] = line.trim().split(/\s+/, 3);
      if (!includeSelf && pid === String(process.pid)) continue;
      if (pid && comm && /chrom|^node$/i.test(comm)) kb += pss(pid) ?? (Number(rss) || 0);
    }
  } catch { kb += process.memoryUsage().rss / 1024; /* ps missing: this process only */ }
  return kb / 1024;
}

/** Runs a command without blocking this process's timers; resolves with its exit status and stderr. */
function runAsync(cmd: string, argv: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

async function makeProject(dir: string, n: number): Promise<void> {
  await cp(path.join(repoRoot, 'agreements', 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  const seed = path.join(repoRoot, 'agreements', 'umearegionen');
  for (let i = 0; i < n; i++) {
    const id = `synt-${String(i).padStart(3, '0')}`;
    const target = path.join(dir, 'agreements', id);
    await cp(seed, target, { recursive: true });
    const file = path.join(target, 'agreement.yaml');
    const text = (await readFile(file, 'utf8'))
      .replace(/^id: umearegionen$/m, `id: ${id}`)
      .replace(/^cluster: (.*)$/m, `cluster: $1 (syntetisk ${i + 1})`);
    await writeFile(file, text);
    // Vary the prose a little, so no two agreements are byte-identical.
    const forord = path.join(target, 'text', 'forord.md');
    await writeFile(forord, `${await readFile(forord, 'utf8')}\nSyntetisk variant nummer ${i + 1} för prestandamätning.\n`);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'overens-bench-'));
  let peak = memoryNow();
  let includeSelf = true;
  const sampler = setInterval(() => { peak = Math.max(peak, memoryNow(includeSelf)); }, 250);
  try {
    console.log(`Genererar ${N} syntetiska överenskommelser i ${dir} …`);
    await makeProject(dir, N);

    let t = performance.now();
    const { projects, diagnostics } = await validatePaths(['.'], { base: dir });
    const validateMs = performance.now() - t;
    const project = projects[0];
    if (!project || diagnostics.some((d) => d.severity === 'fel')) throw new Error('De syntetiska överenskommelserna validerar inte.');

    t = performance.now();
    const prints: { key: string; html: string; meta: Awaited<ReturnType<typeof renderAgreementVariants>>['print'] }[] = [];
    for (const a of project.agreements) {
      const sourceHash = await agreementSourceHash(project, a);
      const { print } = await renderAgreementVariants(project, a, sourceHash);
      prints.push({ key: a.id, html: print.html, meta: { ...print, footer: { ...print.footer, sourceHash: shortHash(sourceHash) } } });
    }
    const htmlMs = performance.now() - t;

    const renderer = await launchPdfRenderer({ concurrency: 2 });
    let pages = 0;
    let passes2 = 0;
    const perDocOurs: number[] = [];
    t = performance.now();
    await Promise.all(prints.map(async (p) => {
      const r = await renderer.render({ key: p.key, html: p.html, meta: p.meta.meta, footer: p.meta.footer });
      pages += r.pages;
      if (r.passes > 1) passes2++;
    }));
    const pdfMs = performance.now() - t;

    // Chromium's own time for the same final HTML: setContent + pdf, nothing else, two in flight.
    t = performance.now();
    await Promise.all(prints.map((p) => renderer.plainPrint(p.html)));
    const plainMs = performance.now() - t;
    // Per document, one at a time (no queueing in either figure), on a sample of ten.
    const perDocPlain: number[] = [];
    for (const p of prints.slice(0, 10)) {
      let s = performance.now();
      await renderer.render({ key: p.key, html: p.html, meta: p.meta.meta, footer: p.meta.footer });
      perDocOurs.push(performance.now() - s);
      s = performance.now();
      await renderer.plainPrint(p.html);
      perDocPlain.push(performance.now() - s);
    }
    await renderer.close();

    // The whole build as a user runs it: one process, every agreement, then one edited agreement.
    const phasesPeak = peak;
    // From here on only the build's own processes count: not this one, which held the phases' HTML.
    prints.length = 0;
    includeSelf = false;
    peak = 0;
    const bin = path.join(repoRoot, 'bin', 'overens.js');
    t = performance.now();
    // Asynchronously, so the memory sampler keeps running while the build does.
    const first = await runAsync(process.execPath, [bin, 'build'], dir);
    const wholeMs = performance.now() - t;
    if (first.status !== 0) throw new Error(`overens build misslyckades:\n${first.stderr}`);
    const buildPeak = peak;
    const syfte = path.join(dir, 'agreements', 'synt-000', 'text', 'syfte.md');
    await writeFile(syfte, `${await readFile(syfte, 'utf8')}\nEn ändring för mätningen.\n`);
    t = performance.now();
    const rebuilt = spawnSync(process.execPath, [bin, 'build', 'synt-000'], { cwd: dir, encoding: 'utf8' });
    const rebuildMs = performance.now() - t;
    if (rebuilt.status !== 0) throw new Error(`overens build misslyckades:\n${rebuilt.stderr}`);

    clearInterval(sampler);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    console.log('');
    console.log(`Överenskommelser                    ${N} (${pages} PDF-sidor, ${fmt(pages / N)} sidor var)`);
    console.log(`Validera alla                       ${secs(validateMs)}`);
    console.log(`HTML för alla (webb + utskrift)     ${secs(htmlMs)}`);
    console.log(`PDF för alla (2 sidor parallellt)   ${secs(pdfMs)}   mål ≤ 60 s`);
    console.log(`  varav andra sidnummerpass         ${passes2} av ${N} dokument`);
    console.log(`Chromiums egen tid (setContent+pdf) ${secs(plainMs)}`);
    console.log(`Kvot vår tid / Chromiums, totalt    ${fmt(pdfMs / plainMs, 2)}   mål ≤ 1,25`);
    console.log(`Kvot per dokument, ett i taget      ${fmt(median(perDocOurs) / median(perDocPlain), 2)}   (median ${fmt(median(perDocOurs), 0)} ms mot ${fmt(median(perDocPlain), 0)} ms, 10 dokument)   mål ≤ 1,25`);
    console.log(`Hela bygget (overens build, alla)   ${secs(wholeMs)}   (validering, HTML och PDF i en process)`);
    console.log(`Bygga om en ändrad överenskommelse  ${secs(rebuildMs)}   (hel process: overens build synt-000)   mål ≤ 1,5 s`);
    console.log(`Högsta minne, hela bygget (PSS)     ${fmt(buildPeak, 0)} MiB   mål ≤ 1 536 MiB   (node + Chromium)`);
    console.log(`Högsta minne, mätningarna ovan      ${fmt(phasesPeak, 0)} MiB   (håller all HTML samtidigt)`);
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }

  if (!skipDiff) {
    const r = benchDiff({ seed: 2024, pairs: 40 });
    console.log('');
    console.log(`Revisionsjämförelse (${r.pairs} syntetiska revisionspar, frö 2024)`);
    console.log(`Precision                           ${fmt(r.precision, 3)}   mål ≥ 0,95`);
    console.log(`Täckning (recall)                   ${fmt(r.recall, 3)}   mål ≥ 0,95`);
    console.log(`Flyttar funna som flyttar           ${r.movesFoundAsMoves} av ${r.movesTotal}`);
    console.log(`Rapporter per verklig ändring       ${fmt(r.reportsPerTrueChange, 2)}`);
    console.log(`Falska ändringar, bara formatering  ${r.falseChangesOnFormattingOnly}   mål 0`);
    console.log(`Tid för ett par på 100 sidor        ${fmt(r.msPer100PagePair + r.msParse100PagePair, 0)} ms   mål ≤ 1 000 ms (utan PDF)`);
    console.log(`  varav läsa in Markdown (båda)     ${fmt(r.msParse100PagePair, 0)} ms, jämförelsen ${fmt(r.msPer100PagePair, 0)} ms`);
  }
}

await main();
