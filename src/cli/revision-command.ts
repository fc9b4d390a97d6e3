/** `overens revision new`: prepares next year's revision of an agreement in the working tree. */
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Förbereder nästa års revision i arbetskopian, som ett förslag att granska i en pull request.
Bara agreement.yaml ändras, och bara fälten som följer årets cykel; kommentarer, ordning och
citattecken lämnas som de var. Texten, målen och budgeten ändrar du själv efteråt.

Så ändras agreement.yaml:
  revision.id              blir året
  revision.status          blir forslag (läggs till om det saknas)
  revision.date            blir sista dag för beslut om den nya revisionen: det gamla
                           validity.nextDecisionBy (den 30 november året innan om inget anges)
  validity.from, .to       en period som är ett kalenderår blir det nya året (2023-01-01–2023-12-31
                           blir 2024-01-01–2024-12-31); en annan fast period flyttas lika många år
                           som revisionen och behåller sin längd; vid "tills vidare" flyttas bara
                           from, till den 1 januari det nya året, och bara om den ligger före den dagen
  validity.nextDecisionBy  flyttas lika många år (2023-11-30 blir 2024-11-30)
  validity.nextDecisionFor flyttas lika många år (2024 blir 2025)
  signatories              date och place tas bort: förra årets underskrifter hör inte till förslaget
  decision                 lämnas som det är: det visar beslutet som förslaget bygger på, tills
                           styrelsen har beslutat om den nya revisionen
  Fält som saknas läggs inte till (utom revision.status).

Vägrar (slutkod 1) om året inte är efter den nuvarande revisionen (revision-inte-senare) eller om
överenskommelsen har fel (revision-har-fel). Ett år som inte är fyra siffror ger slutkod 2.
${exitCodeHelp({ ok: 'revisionen förbereddes (eller visades med --dry-run)' })}

Exempel:
  overens revision new umearegionen 2024
  overens revision new umearegionen 2024 --dry-run`;

/** Registers the revision command (with its subcommand new) on the program. */
export function registerRevision(program: Command): void {
  const revision = program
    .command('revision')
    .description('Förbered nästa års revision av en överenskommelse.')
    .helpOption('-h, --help', 'visa hjälp');
  revision
    .command('new')
    .alias('ny')
    .description('Förbered revisionen för ett nytt år i arbetskopian: datum, giltighet och status förslag.')
    .argument('<överenskommelse>', 'överenskommelsens mapp under agreements/, t.ex. umearegionen')
    .argument('<år>', 'året som den nya revisionen gäller, t.ex. 2024')
    .option('--dry-run', 'visa ändringarna utan att skriva filen')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreement: string, year: string, opts: { dryRun?: boolean }) => {
      const dryRun = opts.dryRun === true;
      const { formatRevisionResult, newRevision } = await import('../cycle/revision-new.ts');
      const result = await newRevision({ agreement, year, dryRun });
      printDiagnostics(result.diagnostics, 'text');
      const text = formatRevisionResult(result, agreement.replace(/\/+$/, '').split('/').pop() ?? agreement, dryRun);
      if (text) process.stdout.write(text);
      process.exitCode = result.exitCode;
    });
}
