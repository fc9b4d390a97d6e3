/** `overens build`: validates, then writes HTML, PDF, index.html and manifest.json to output/. */
import type { Command } from 'commander';
import type { BuildEvent } from '../pipeline/build.ts';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';
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
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', exitCodeHelp({ ok: 'allt byggdes', content: 'output/ lämnas orörd', usage: 't.ex. ingen webbläsare för PDF (HTML byggs ändå)' }))
    .action(async (targets: string[], opts: { pdf: boolean; force?: boolean; out?: string }) => {
      const t0 = performance.now();
      // The first line at once, before the rendering stack loads and the content is checked.
      process.stderr.write(`Kontrollerar och bygger ${targets.length === 0 ? 'alla överenskommelser' : targets.join(', ')} …\n`);
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
      const result = await build({ targets, pdf: opts.pdf, ...(opts.force ? { force: true } : {}), ...(opts.out ? { outputDir: opts.out } : {}), onEvent });
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
