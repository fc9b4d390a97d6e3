/** `overens calendar`: the årshjul and the decision deadlines as an iCalendar file. */
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';

const HELP = `
Skriver en iCalendar-fil (RFC 5545) med en händelse per hållpunkt i årshjulet och en per sista dag
för beslut (validity.nextDecisionBy). Hållpunkterna står i cycle.yaml i överenskommelsens mapp, eller
gemensamt i agreements/cycle.yaml, som dag och månad i beslutsåret (yearOffset: -1 för året före).
Heldagshändelser i svensk tid (Europe/Stockholm). Samma källor ger samma fil, så en prenumeration i
Outlook eller Google Kalender uppdateras bara när något har ändrats.

Exempel:
  overens calendar --out arshjul.ics
  overens calendar umearegionen

Slutkoder: 0 = kalendern skrevs; 1 = fel i innehållet (inget skrevs); 2 = okänd överenskommelse.`;

/** Registers the calendar command on the program. */
export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('Skriv årshjulet och beslutsdagarna som kalenderfil (.ics) för Outlook och Google Kalender.')
    .argument('[överenskommelse...]', 'överenskommelsernas mappar under agreements/ (standard: alla)')
    .option('--out <fil>', 'skriv till filen, t.ex. arshjul.ics (standard: standard ut)')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreements: string[], opts: { out?: string }) => {
      const { runCalendar } = await import('../followup/run-calendar.ts');
      const run = await runCalendar({ agreements, ...(opts.out ? { out: opts.out } : {}) });
      printDiagnostics(run.diagnostics, 'text');
      if (run.ics !== undefined) process.stdout.write(run.ics);
      for (const f of run.files) process.stderr.write(`Skrev ${f} (${run.events.length} händelser)\n`);
      process.exitCode = run.exitCode;
    });
}
