/** `overens build`: validates, then writes HTML, PDF, index.html and manifest.json to output/. */
import type { Command } from 'commander';
import type { BuildEvent } from '../pipeline/build.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';
import { diagnostic } from '../diagnostics/diagnostic.ts';
import { parseShard, type Shard } from '../pipeline/shard.ts';
import { printDiagnostics } from './output.ts';
import { EXIT, exitCodeHelp } from './exit-codes.ts';
import { runMerge } from './merge-command.ts';
import { count } from './plural.ts';

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;

/** Registers the build command on the program. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Bygg HTML och PDF för överenskommelserna (alla om ingen anges) till output/.')
    .argument('[överenskommelse...]', 'id (mappnamn under agreements/) eller sökväg')
    .option('--no-pdf', 'bygg bara HTML')
    .option('--force', 'bygg om allt, även det som inte har ändrats')
    .option('--out <mapp>', 'utdatamapp (standard: output/)')
    .option('--shard <i/n>', 'bygg bara del i av n (t.ex. 2/3) av överenskommelserna; kontrollen gäller ändå alla')
    .option('--merge <mapp...>', 'bygg inget: sammanfoga delarnas mappar (samma som overens merge-manifests)')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', exitCodeHelp({ ok: 'allt byggdes', content: 'output/ lämnas orörd', usage: 't.ex. ingen webbläsare för PDF (HTML byggs ändå)' }))
    .action(async (targets: string[], opts: { pdf: boolean; force?: boolean; out?: string; shard?: string; merge?: string[] }) => {
      if (opts.merge) { await runMerge([...opts.merge, ...targets], opts.out); return; }
      const shard = opts.shard === undefined ? undefined : shardOption(opts.shard, targets);
      if (shard === null) return;
      const t0 = performance.now();
      // The first line at once, before the rendering stack loads and the content is checked.
      process.stderr.write(`Kontrollerar och bygger ${shard ? `del ${shard.index} av ${shard.count} av överenskommelserna` : targets.length === 0 ? 'alla överenskommelser' : targets.join(', ')} …\n`);
      // Chromium starts first, so its launch (in its own processes) overlaps loading the build
      // and checking the content; the build takes it over, and reports a missing browser itself.
      let launched: Promise<PdfRenderer> | undefined;
      if (opts.pdf) {
        const { launchPdfRenderer } = await import('../pipeline/render-pdf.ts');
        launched = launchPdfRenderer({ concurrency: 2 });
        launched.catch(() => undefined);
      }
      // Loaded on use, so `validate` starts without the rendering stack.
      const { build } = await import('../pipeline/build.ts');
      let rendered = 0;
      let cached = 0;
      let pages = 0;
      const onEvent = (e: BuildEvent) => {
        if (e.type === 'browser-missing' || e.type === 'start') return;
        // "n av N" when several agreements are built, as each one is done.
        if (e.type === 'progress') { if (e.total > 1) process.stderr.write(`  ${e.done} av ${e.total} klara  ${e.agreement}\n`); return; }
        if (e.cached) { cached++; process.stderr.write(`  oförändrad  ${e.file}\n`); return; }
        rendered++;
        pages += e.pages ?? 0;
        process.stderr.write(`  byggd       ${e.file}  ${seconds(e.ms)}${e.pages ? `, ${count(e.pages, 'sida', 'sidor')}` : ''}\n`);
      };
      const result = await build({ targets, pdf: opts.pdf, ...(opts.force ? { force: true } : {}), ...(opts.out ? { outputDir: opts.out } : {}), ...(shard ? { shard } : {}), ...(launched ? { launched } : {}), onEvent });
      printDiagnostics(result.diagnostics, 'text');
      if (!result.ok) {
        process.stderr.write('Bygget avbröts; output/ är oförändrad.\n');
        process.exitCode = 1;
        return;
      }
      const n = result.manifest?.agreements.length ?? 0;
      process.stderr.write(`Klart på ${seconds(performance.now() - t0)}: ${count(rendered, 'fil byggd', 'filer byggda')}${pages ? ` (${count(pages, 'PDF-sida', 'PDF-sidor')})` : ''}, ${count(cached, 'oförändrad', 'oförändrade')}, ${count(n, 'överenskommelse', 'överenskommelser')} i ${result.outputDir}.\n`);
      if (result.browserMissing) {
        process.stderr.write(`\nPDF byggdes inte: ${result.browserMissing}\n`);
        process.exitCode = 2;
      }
    });
}

/** The --shard value, or null after printing why it cannot be used (exit code 2). */
function shardOption(value: string, targets: readonly string[]): Shard | null {
  const parsed = parseShard(value);
  const why = targets.length > 0 ? 'en del väljs bland alla överenskommelser, så ange inga överenskommelser samtidigt'
    : 'why' in parsed ? parsed.why : undefined;
  if (why !== undefined || !('shard' in parsed)) {
    printDiagnostics([diagnostic('bygg-ogiltig-del', { file: '.', line: 1, column: 1 }, { value, why: why ?? '' })], 'text');
    process.exitCode = EXIT.usage;
    return null;
  }
  return parsed.shard;
}
