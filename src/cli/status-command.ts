/** `overens status`: the decision calendar of the agreements, with a gate for CI (--strict). */
import { Option, type Command } from 'commander';
import { WARN_DAYS } from '../cycle/status-days.ts';
import { printDiagnostics, printJsonFailure } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Visar för varje överenskommelse:
  Revision      nuvarande revision, status (förslag eller antagen) och datum
  Giltighet     giltighetstiden
  Nästa beslut  sista dag för nästa beslut (validity.nextDecisionBy) och hur många dagar som är kvar,
                räknat i svensk tid; "passerad" när dagen har gått. För ett förslag (status forslag,
                t.ex. efter overens revision new) gäller fristen för beslut om förslaget självt:
                nextDecisionBy ett år tidigare, eftersom revision new redan har flyttat det
  Nästa hållpunkt  nästa hållpunkt i årshjulet (cycle.yaml i överenskommelsens mapp, annars
                agreements/cycle.yaml) före beslutet, med dagar kvar; visas bara när det finns en
  Mot antagen   om arbetskopian skiljer sig från den senast antagna revisionen (nyaste posten i
                agreements/<id>/register.yaml, jämförd som overens diff) och med hur många ändringar;
                "ingen antagen revision" när registret saknas
  Kontroll      antal fel och varningar, som overens validate

Varnar (status-beslutsfrist-fel) när beslutet ska fattas inom ${WARN_DAYS} dagar och förslaget har fel.

Exempel:
  overens status
  overens status umearegionen --today 2024-11-10
  overens status --strict          # i CI: slutkod 1 om en beslutsfrist är nära och det finns fel

${exitCodeHelp({ ok: 'rapporten skrevs (även med varningar, utan --strict)', content: `--strict och en beslutsfrist inom ${WARN_DAYS} dagar medan förslaget har fel`, usage: 'ogiltigt --today' })}
Med --format json skrivs även fel som JSON på standard ut.`;

/** Registers the status command on the program. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Visa beslutskalendern: revision, giltighet, dagar kvar till nästa beslut, ändringar och fel.')
    .argument('[överenskommelse...]', 'överenskommelsernas mappar under agreements/ (standard: alla)')
    .option('--strict', `slutkod 1 om en beslutsfrist är inom ${WARN_DAYS} dagar och förslaget har fel`)
    .option('--today <datum>', 'räkna som om i dag vore ÅÅÅÅ-MM-DD (standard: dagens datum i svensk tid)')
    .addOption(new Option('--format <format>', 'utdata: text eller json').choices(['text', 'json']).default('text'))
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreements: string[], opts: { strict?: boolean; today?: string; format: 'text' | 'json' }) => {
      const { collectStatus, formatStatusJson, formatStatusText } = await import('../cycle/status.ts');
      const report = await collectStatus({ agreements, strict: opts.strict === true, ...(opts.today !== undefined ? { today: opts.today } : {}) });
      if (opts.format === 'json') {
        // No report (unknown agreement, bad --today): the error as JSON, and as text for a person.
        if (report.agreements.length === 0 && report.exitCode !== 0) {
          printJsonFailure('status', report.diagnostics, report.exitCode);
          printDiagnostics(report.diagnostics, 'text');
        } else process.stdout.write(formatStatusJson(report));
      } else {
        // The deadline warnings are part of each agreement's block; print only the others here.
        printDiagnostics(report.diagnostics.filter((d) => d.code !== 'status-beslutsfrist-fel'), 'text');
        if (report.agreements.length > 0 || report.exitCode === 0) process.stdout.write(formatStatusText(report));
      }
      process.exitCode = report.exitCode;
    });
}
