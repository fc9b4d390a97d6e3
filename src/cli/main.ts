/**
 * The `overens` command line: argv → options, printing and exit codes. This is the only module
 * that calls process.exit or writes to the console.
 *
 * Exit codes: 0 all well; 1 the content has errors (or, with --exit-code, the diff found
 * changes); 2 wrong use of the command or a problem with the environment (no browser, disk).
 */
import { Option } from 'commander';
import { onJsonUsageError, SwedishCommand } from './commander-sv.ts';
import { exitCodeHelp } from './exit-codes.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { printDiagnostics, printJsonFailure, usageDiagnostic } from './output.ts';
import { registerBuild } from './build-command.ts';
import { registerDiff } from './diff-command.ts';
import { registerAdopt } from './adopt-command.ts';
import { registerVerify } from './verify-command.ts';
import { registerRevision } from './revision-command.ts';
import { registerStatus } from './status-command.ts';
import { registerCi } from './ci-command.ts';
import { registerPreview } from './preview-command.ts';
import { registerImport } from './import-command.ts';
import { registerReport } from './report-command.ts';
import { registerCalendar } from './calendar-command.ts';
import { registerParty } from './party-command.ts';
import { registerInit } from './init-command.ts';
import { packageVersion } from '../cycle/init.ts';
import { registerDoctor } from './doctor-command.ts';
import { registerMerge } from './merge-command.ts';

const program = new SwedishCommand();
program
  .name('overens')
  .description('Överenskommelser som kod: validera, bygg PDF och HTML, och jämför revisioner.')
  .helpCommand(true)
  .addHelpText('after', exitCodeHelp({ content: 'eller ändringar med diff --exit-code' }))
  .configureOutput({
    // The messages are Swedish already (SwedishCommand.error); print them as they are.
    outputError: (s, write) => write(s),
  })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
program.version(await packageVersion(), '-V, --version', 'visa versionen av overens');

// A usage error of a command run with --format json is JSON on stdout too.
onJsonUsageError((cmd, message) => printJsonFailure(cmd.name(), [usageDiagnostic(cmd.name(), message)], 2));

program
  .command('validate')
  .description('Kontrollera överenskommelser och visa varje problem med fil, rad och kolumn.')
  .argument('[sökväg...]', 'projektmapp, överenskommelsens mapp eller fil (standard: den här mappen)')
  .addOption(new Option('--format <format>', 'utdata: text eller json').choices(['text', 'json']).default('text'))
  .addHelpText('after', `${exitCodeHelp({ ok: 'inga fel (varningar och noteringar ändrar inte slutkoden)' })}\nMed --format json skrivs resultatet, även fel och fel användning, som JSON på standard ut.`)
  .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
    const { validatePathsCached } = await import('../pipeline/validate-cached.ts');
    const { agreements: n, diagnostics, threads, cached } = await validatePathsCached(paths);
    printDiagnostics(diagnostics, opts.format);
    if (opts.format === 'text') {
      const how = cached ? ' (inget har ändrats sedan förra kontrollen)' : threads && threads > 1 ? ` (i ${threads} trådar)` : '';
      process.stderr.write(hasErrors(diagnostics) ? '' : `Kontrollerade ${n} ${n === 1 ? 'överenskommelse' : 'överenskommelser'}${how}: inga fel.\n`);
    }
    process.exitCode = hasErrors(diagnostics) ? 1 : 0;
  });

registerBuild(program);
registerDiff(program);
registerAdopt(program);
registerVerify(program);
registerRevision(program);
registerStatus(program);
registerCi(program);
registerPreview(program);
registerImport(program);
registerReport(program);
registerCalendar(program);
registerParty(program);
registerInit(program);
registerDoctor(program);
registerMerge(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Only bugs and the environment end up here; content mistakes are diagnostics.
  // A stack overflow is never the user's fault to read in English (content limits should prevent it).
  const detail = err instanceof RangeError
    ? 'texten är för djupt nästlad för verktyget. Förenkla den senast ändrade texten (listor, citat, HTML) och försök igen'
    : err instanceof Error ? err.message : String(err);
  process.stderr.write(`fel: overens stannade oväntat: ${detail}\n    Det är troligen ett fel i verktyget eller i miljön (disk, behörighet). Kör overens doctor och rapportera felet om det återkommer.\n`);
  process.exit(2);
}
