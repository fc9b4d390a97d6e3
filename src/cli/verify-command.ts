/** `overens verify`: which agreement, revision and commit a PDF came from, and whether it is the adopted one. */
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Så identifieras PDF:en:
  1. Finns filens sha256 i någon överenskommelses register.yaml är det den antagna PDF:en.
  2. Annars jämförs källornas hash i PDF:ens metadata med varje överenskommelses nuvarande källor,
  3. och sedan med källornas hash i registrens poster.
En PDF som har signerats eller ändrats efter bygget (tillägg efter filens slut) prövas också på den
ursprungliga filen. Stämmer källornas hash bygger kommandot överenskommelsen på nytt i en tillfällig
mapp och jämför byte för byte (output/ rörs inte).

Exempel:
  overens verify output/umearegionen/umearegionen-2023.pdf
  overens verify ~/Hämtade/signerad.pdf --project ~/overenskommelser

${exitCodeHelp({ ok: 'PDF:en identifierades', content: 'PDF:en är okänd (källornas hash finns inte i något register)', usage: 'filen saknas eller är ingen PDF, eller inget projekt hittades' })}`;

/** Registers the verify command on the program. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Ta reda på vilken överenskommelse, revision och commit en PDF kommer från, och om det är den antagna.')
    .argument('<fil.pdf>', 'PDF-filen som ska prövas')
    .option('--project <mapp>', 'projektmappen med agreements/ (standard: den här mappen)')
    .option('--no-rebuild', 'bygg inte om för att jämföra byte för byte')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: { project?: string; rebuild: boolean }) => {
      const { verifyPdf } = await import('../cycle/verify.ts');
      const result = await verifyPdf({ file, rebuild: opts.rebuild, ...(opts.project ? { project: opts.project } : {}) });
      printDiagnostics(result.diagnostics, 'text');
      if (result.lines.length > 0) process.stdout.write(`${result.lines.join('\n')}\n`);
      process.exitCode = result.exitCode;
    });
}
