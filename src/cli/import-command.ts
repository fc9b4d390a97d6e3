/** `overens import`: a Word file (.docx) → a new agreement folder with an import report. */
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';

const HELP = `
Så går importen till:
  1. Word-filen läses (rubriker, listor, tabeller, fotnoter, bilder); innehållsförteckningen tas bort.
  2. Parter med organisationsnummer, giltighet, underskrifter, målgrupper och mål med målvärden
     flyttas in i agreement.yaml och goals.yaml; nya organisationer läggs till i organisations.yaml.
  3. Allt annat blir text i avsnitt, en Markdown-fil per rubrik.
  4. Rapporten IMPORT.md i den nya mappen säger var varje uppgift kom ifrån, vad som är gissat
     och vad du ska kontrollera. Sist kontrolleras mappen som med overens validate.
Importen skriver aldrig över en befintlig mapp, och skriver ingenting om Word-filen inte går att läsa.

Exempel:
  overens import ~/Hämtade/overenskommelse-2024.docx --id lycksele-2024 --kluster "Lycksele"

Slutkoder: 0 = importerad utan fel; 1 = importerad, men kontrollen hittade fel att rätta;
  2 = ingenting skrevs (filen saknas, är ingen .docx, är skadad eller skyddad, eller mappen finns).`;

/** Registers the import command on the program. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Läs in en Word-fil (.docx) som en ny överenskommelse under agreements/.')
    .argument('<fil.docx>', 'Word-filen som ska importeras')
    .option('--id <mapp>', 'mappens namn under agreements/ (standard: filens namn)')
    .option('--kluster <namn>', 'kommunklustret eller området, t.ex. "Skellefteå och Norsjö"')
    .option('--project <mapp>', 'projektmappen med agreements/ (standard: den här mappen)')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: { id?: string; kluster?: string; project?: string }) => {
      const { importDocx } = await import('../import/import-docx.ts');
      const result = await importDocx({
        file,
        ...(opts.id !== undefined ? { id: opts.id } : {}),
        ...(opts.kluster !== undefined ? { cluster: opts.kluster } : {}),
        ...(opts.project !== undefined ? { project: opts.project } : {}),
      });
      if (result.report) process.stdout.write(`${result.report}\n\n`);
      if (result.folder) process.stdout.write(`Kontroll av ${result.folder}:\n`);
      printDiagnostics(result.diagnostics, 'text', result.folder ? process.stdout : process.stderr);
      if (result.folder && !result.diagnostics.some((d) => d.severity === 'fel')) process.stdout.write('Inga fel.\n');
      process.exitCode = result.exitCode;
    });
}
