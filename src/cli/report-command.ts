/** `overens report`: the follow-up report of an agreement (outcomes against targets), HTML and PDF. */
import type { Command } from 'commander';
import type { FollowUpRun } from '../followup/run.ts';
import { printDiagnostics } from './output.ts';

const HELP = `
Rapporten bygger på överenskommelsens goals.yaml (indikatorer och målvärden) och outcomes.yaml
(uppmätta värden per år). Först en sammanfattande tabell, sedan per område och mål varje indikator
med målvärde, utfall per år (diagram och tabell) och status:
  uppnått        värdet når målvärdet (minst, högst eller exakt; minst när inget anges), eller har
                 ökat/minskat jämfört med föregående år som målet säger
  inte uppnått   värdet når inte målvärdet, eller har inte ändrats åt rätt håll
  ingen uppgift  inget värde för året, eller (för ett jämförelsemål) inget värde för föregående år

Skrivs till output/<överenskommelse>/<överenskommelse>-uppfoljning-<år>.html och .pdf
(eller mappen --out). Felaktigt innehåll: inget skrivs.

Exempel:
  overens report umearegionen
  overens report umearegionen --year 2023 --out underlag/

Slutkoder: 0 = rapporten skrevs; 1 = fel i innehållet (inget skrevs);
  2 = okänd överenskommelse, ogiltigt --year, eller ingen webbläsare för PDF (HTML skrevs).`;

/** Prints a follow-up run and sets the exit code. */
export function reportRun(run: FollowUpRun): void {
  printDiagnostics(run.diagnostics, 'text');
  if (run.browserMissing) process.stderr.write(`${run.browserMissing}\n`);
  for (const f of run.files) process.stderr.write(`Skrev ${f}\n`);
  process.exitCode = run.exitCode;
}

/** Registers the report command on the program. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Skriv uppföljningsrapporten: indikatorer, utfall per år och status, som HTML och PDF.')
    .argument('[överenskommelse]', 'överenskommelsens mapp under agreements/, t.ex. umearegionen')
    .option('--year <år>', 'året som rapporten gäller (standard: senaste året med utfall)')
    .option('--out <mapp>', 'skriv till mappen i stället för output/<överenskommelse>/')
    .option('--no-pdf', 'skriv bara HTML')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreement: string | undefined, opts: { year?: string; out?: string; pdf: boolean }) => {
      const { runReport } = await import('../followup/run.ts');
      reportRun(await runReport({ pdf: opts.pdf, ...(agreement ? { agreement } : {}), ...(opts.year ? { year: opts.year } : {}), ...(opts.out ? { out: opts.out } : {}) }));
    });
}
