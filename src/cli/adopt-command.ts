/** `overens adopt`: records an adopted revision in the agreement's register.yaml. */
import path from 'node:path';
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Vad som händer:
  1. Kontrollerar att överenskommelsens filer (och agreements/organisations.yaml) är incheckade i git,
     så att posten pekar ut exakt de källor som beslutades. Annars avbryts antagningen.
  2. Bygger överenskommelsens PDF (som overens build) och räknar ut dess sha256: det är den fil
     styrelsen beslutar om.
  3. Först därefter skrivs en post i agreements/<överenskommelse>/register.yaml: revision,
     beslutsdatum, beslutande organ, commit, källornas hash och PDF:ens sha256.

Källorna ändras inte: bara register.yaml skrivs (revision.status i agreement.yaml lämnas som den är),
och register.yaml räknas inte in i källornas hash. Den antagna commitens källor har alltså samma hash
före och efter antagningen. Checka in register.yaml efteråt.

Exempel:
  overens adopt umearegionen --date 2023-11-24
  overens adopt umearegionen --date 2023-11-24 --body "Samordningsförbundets styrelse"

${exitCodeHelp({
  ok: 'registrerad',
  content: 'ändringar som inte är incheckade eller revisionen redan antagen (antagning-ej-incheckad, antagning-finns-redan)',
  usage: 'antagning-ogiltigt-datum, antagning-organ-saknas, antagning-inte-git, ingen webbläsare för PDF',
})}`;

/** Registers the adopt command on the program. */
export function registerAdopt(program: Command): void {
  program
    .command('adopt')
    .description('Registrera att en revision har antagits: commit, källornas hash och den beslutade PDF:ens sha256.')
    .argument('<överenskommelse>', 'id (mappnamn under agreements/) eller överenskommelsens mapp')
    .requiredOption('--date <ÅÅÅÅ-MM-DD>', 'beslutsdatum')
    .option('--body <organ>', 'beslutande organ (standard: decision.body i agreement.yaml)')
    .option('--replace', 'ersätt en tidigare post för samma revision')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreement: string, opts: { date: string; body?: string; replace?: boolean }) => {
      const { adopt } = await import('../cycle/adopt.ts');
      const result = await adopt({
        agreement, date: opts.date, ...(opts.body ? { body: opts.body } : {}), replace: opts.replace === true,
        onEvent: (e) => {
          if (e.type === 'document') process.stderr.write(`  ${e.cached ? 'oförändrad' : 'byggd     '}  ${e.file}\n`);
        },
      });
      printDiagnostics(result.diagnostics, 'text');
      const e = result.entry;
      if (result.exitCode === 0 && e) {
        process.stdout.write([
          `${result.replaced ? 'Ersatte' : 'Registrerade'} revision ${e.revision} som antagen ${e.date} av ${e.body}.`,
          `  commit          ${e.commit}`,
          `  källornas hash  ${e.sourceHash}`,
          `  PDF             ${e.pdfFile ?? ''}`,
          `  PDF:ens sha256  ${e.pdfSha256}`,
          `Skrev ${path.relative(process.cwd(), result.registerFile ?? '') || result.registerFile}. Checka in filen (git add och git commit).`,
          '',
        ].join('\n'));
      }
      process.exitCode = result.exitCode;
    });
}
