/** `overens party`: what one organisation has agreed to across every agreement, HTML and PDF. */
import type { Command } from 'commander';
import { reportRun } from './report-command.ts';

const HELP = `
Samlar för en kommun eller myndighet (id i agreements/organisations.yaml), i varje överenskommelse
där den är part: roll och medlemskap i samordningsförbundet, undertecknare, egna och gemensamma
åtaganden, mål som anger den (parties: i goals.yaml), jobbspår i kommunen, processteg där den
deltar, nästa beslut och årshjulets hållpunkter.

Skrivs till output/parter/<organisation>.html och .pdf (eller mappen --out).

Exempel:
  overens party arbetsformedlingen
  overens party umea-kommun --out underlag/

Slutkoder: 0 = sammanställningen skrevs; 1 = fel i innehållet, eller organisationen är inte part
  i någon överenskommelse (inget skrevs); 2 = okänd organisation, eller ingen webbläsare för PDF.`;

/** Registers the party command on the program. */
export function registerParty(program: Command): void {
  program
    .command('party')
    .description('Visa vad en organisation har åtagit sig i alla överenskommelser där den är part, som HTML och PDF.')
    .argument('<organisation>', 'organisationens id i agreements/organisations.yaml, t.ex. umea-kommun')
    .option('--out <mapp>', 'skriv till mappen i stället för output/parter/')
    .option('--no-pdf', 'skriv bara HTML')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (organisation: string, opts: { out?: string; pdf: boolean }) => {
      const { runParty } = await import('../followup/run.ts');
      reportRun(await runParty({ organisation, pdf: opts.pdf, ...(opts.out ? { out: opts.out } : {}) }));
    });
}
