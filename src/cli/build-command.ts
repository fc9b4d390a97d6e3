/** `overens build`: validates, then writes HTML, PDF, index.html and manifest.json to output/. */
import type { Command } from 'commander';
import type { BuildEvent } from '../pipeline/build.ts';
import { printDiagnostics } from './output.ts';

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
    .addHelpText('after', '\nSlutkod 0 när allt byggdes, 1 vid fel i innehållet (output/ lämnas orörd), 2 när ingen webbläsare finns för PDF (HTML byggs ändå).')
    .action(async (targets: string[], opts: { pdf: boolean; force?: boolean; out?: string }) => {
      const t0 = performance.now();
      // Loaded on use, so `validate` starts without the rendering stack.
      const { build } = await import('../pipeline/build.ts');
      let rendered = 0;
      let cached = 0;
      let pages = 0;
      const onEvent = (e: BuildEvent) => {
        if (e.type === 'browser-missing') return;
        if (e.cached) { cached++; process.stderr.write(`  oförändrad  ${e.file}\n`); return; }
        rendered++;
        pages += e.pages ?? 0;
        process.stderr.write(`  byggd       ${e.file}  ${seconds(e.ms)}${e.pages ? `, ${e.pages} sidor` : ''}\n`);
      };
      const result = await build({ targets, pdf: opts.pdf, ...(opts.force ? { force: true } : {}), ...(opts.out ? { outputDir: opts.out } : {}), onEvent });
      printDiagnostics(result.diagnostics, 'text');
      if (!result.ok) {
        process.stderr.write('Bygget avbröts; output/ är oförändrad.\n');
        process.exitCode = 1;
        return;
      }
      const n = result.manifest?.agreements.length ?? 0;
      process.stderr.write(`Klart på ${seconds(performance.now() - t0)}: ${rendered} filer byggda${pages ? ` (${pages} PDF-sidor)` : ''}, ${cached} oförändrade, ${n} ${n === 1 ? 'överenskommelse' : 'överenskommelser'} i ${result.outputDir}.\n`);
      if (result.browserMissing) {
        process.stderr.write(`\nPDF byggdes inte: ${result.browserMissing}\n`);
        process.exitCode = 2;
      }
    });
}
