/**
 * The `overens` command line: argv → options, printing and exit codes. This is the only module
 * that calls process.exit or writes to the console.
 *
 * Exit codes: 0 all well; 1 the content has errors (or, with --exit-code, the diff found
 * changes); 2 wrong use of the command or a problem with the environment (no browser, disk).
 */
import { Command, Option } from 'commander';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { validatePaths } from '../pipeline/validate.ts';
import { printDiagnostics } from './output.ts';
import { registerBuild } from './build-command.ts';
import { registerDiff } from './diff-command.ts';
import { registerAdopt } from './adopt-command.ts';
import { registerVerify } from './verify-command.ts';
import { registerRevision } from './revision-command.ts';
import { registerStatus } from './status-command.ts';
import { registerCi } from './ci-command.ts';
import { registerPreview } from './preview-command.ts';
import { registerImport } from './import-command.ts';

/** commander's own words in its help and errors, in Swedish. */
function swedishHelp(text: string): string {
  return text
    .replace(/^Usage:/gm, 'Användning:')
    .replace(/^Options:/gm, 'Val:')
    .replace(/^Commands:/gm, 'Kommandon:')
    .replace(/^Arguments:/gm, 'Argument:')
    .replace(/^(Användning:.*)\[options\]/m, '$1[val]')
    .replace(/^(Användning:.*)\[command\]/m, '$1[kommando]')
    .replace(/\(default: /g, '(standard: ')
    .replace(/\(choices: /g, '(möjliga: ')
    .replace(/unknown command/g, 'okänt kommando')
    .replace(/unknown option/g, 'okänt val')
    .replace(/missing required argument/g, 'argument saknas')
    .replace(/too many arguments/g, 'för många argument');
}

const program = new Command();
program
  .name('overens')
  .description('Överenskommelser som kod: validera, bygg PDF och HTML, och jämför revisioner.')
  .helpOption('-h, --help', 'visa hjälp')
  .helpCommand('help [kommando]', 'visa hjälp för ett kommando')
  .addHelpText('after', '\nSlutkoder: 0 = allt väl, 1 = fel i innehållet (eller ändringar med --exit-code), 2 = fel användning eller miljö.')
  .configureOutput({
    writeOut: (s) => process.stdout.write(swedishHelp(s)),
    writeErr: (s) => process.stderr.write(swedishHelp(s)),
    outputError: (s, write) => write(s.replace(/^error:/, 'fel:')),
  })
  .configureHelp({
    // Build the command column ourselves, so the Swedish "[val]" is measured for alignment.
    subcommandTerm: (cmd) => {
      const args = cmd.registeredArguments.map((a) => {
        const name = `${a.name()}${a.variadic ? '...' : ''}`;
        return a.required ? `<${name}>` : `[${name}]`;
      });
      return [cmd.name(), ...(cmd.options.length > 0 ? ['[val]'] : []), ...args].join(' ');
    },
  })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command('validate')
  .description('Kontrollera överenskommelser och visa varje problem med fil, rad och kolumn.')
  .argument('[sökväg...]', 'projektmapp, överenskommelsens mapp eller fil (standard: den här mappen)')
  .addOption(new Option('--format <format>', 'utdata: text eller json').choices(['text', 'json']).default('text'))
  .helpOption('-h, --help', 'visa hjälp')
  .addHelpText('after', '\nSlutkod 1 om något fel hittas, annars 0. Varningar och noteringar ändrar inte slutkoden.')
  .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
    const { projects, diagnostics } = await validatePaths(paths);
    printDiagnostics(diagnostics, opts.format);
    if (opts.format === 'text') {
      const n = projects.reduce((s, p) => s + p.agreements.length, 0);
      process.stderr.write(hasErrors(diagnostics) ? '' : `Kontrollerade ${n} ${n === 1 ? 'överenskommelse' : 'överenskommelser'}: inga fel.\n`);
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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Only bugs and the environment end up here; content mistakes are diagnostics.
  // A stack overflow is never the user's fault to read in English (content limits should prevent it).
  const message = err instanceof RangeError
    ? 'Ett internt fel uppstod: texten är för djupt nästlad för verktyget. Förenkla den senast ändrade texten (listor, citat, HTML) och försök igen.'
    : err instanceof Error ? err.message : String(err);
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
