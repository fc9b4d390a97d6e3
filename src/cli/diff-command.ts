/** `overens diff`: what changed between two revisions of an agreement (or between two agreements). */
import { Option, type Command } from 'commander';
import type { DiffFormat } from '../diff/run.ts';
import type { PdfRenderer } from '../pipeline/render-pdf.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveTarget } from '../pipeline/load.ts';
import { unknownAgreement } from '../pipeline/unknown-agreement.ts';
import { printDiagnostics, printJsonFailure } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Revisioner (--from, --to):
  --from utelämnad  den senast antagna revisionen: commiten i överenskommelsens register.yaml
                    (skrivs av overens adopt); fel om ingen revision är antagen (diff-ingen-antagen)
  en git-revision   tagg, gren eller commit, t.ex. v2023, main, HEAD~1 (läses med git, ingen utcheckning)
  en mapp           en projektmapp med agreements/ eller en överenskommelses mapp
  ett namn          en annan överenskommelse i arbetskopian, t.ex. --from umearegionen --to skelleftea-norsjo
  --to utelämnad    arbetskopian (filerna som de ligger nu)

Format (--format):
  md           sammanfattning för en pull request (standard)
  json         { from, to, agreement, counts, changes }
  forteckning  numrerad ändringsförteckning att klistra in i beslutsunderlaget
  html, pdf    redline: sammanfattning och hela överenskommelsen med ändringarna markerade,
               skrivs till output/<överenskommelse>/ om inte --out anges
  paket        styrelsens underlag på en gång: sammanfattning (.md), ändringsförteckning (.txt)
               och redline-PDF i output/<överenskommelse>/ (eller mappen --out); sammanfattningen
               skrivs också ut

Exempel:
  overens diff umearegionen                      (mot den senast antagna revisionen)
  overens diff umearegionen --from v2023
  overens diff umearegionen --from v2023 --to v2024 --format forteckning
  overens diff umearegionen --from v2023 --format pdf
  overens diff umearegionen --from HEAD --format paket
  overens diff --from umearegionen --to skelleftea-norsjo

${exitCodeHelp({
  ok: 'jämförelsen gjordes (även om något ändrats, utan --exit-code)',
  content: 'något ändrades och --exit-code angavs, en sida innehåller fel, eller överenskommelsen saknas (diff-ogiltig, diff-saknas, ingen-overenskommelse)',
  usage: 'okänd revision, ingen antagen revision utan --from, ingen webbläsare för PDF (diff-okand-revision, diff-ange-overenskommelse, diff-ingen-antagen)',
})}
Med --format json skrivs även fel som JSON på standard ut.`;

/** Registers the diff command on the program. */
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('Visa vad som ändrats mellan två revisioner av en överenskommelse, eller mellan två överenskommelser.')
    .argument('[överenskommelse]', 'överenskommelsens mapp under agreements/, t.ex. umearegionen')
    .option('--from <revision>', 'den antagna revisionen: git-revision, mapp eller överenskommelse (standard: senast antagna enligt register.yaml)')
    .option('--to <revision>', 'den nya revisionen (standard: arbetskopian)')
    .addOption(new Option('--format <format>', 'utdata').choices(['md', 'json', 'forteckning', 'html', 'pdf', 'paket']).default('md'))
    .option('--out <fil>', 'skriv till filen i stället för standard ut eller output/')
    .option('--exit-code', 'slutkod 1 om något ändrats (som git diff --exit-code)')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (agreement: string | undefined, opts: { from?: string; to?: string; format: DiffFormat; out?: string; exitCode?: boolean }) => {
      const fail = (diagnostics: Parameters<typeof printDiagnostics>[0], code: number) => {
        if (opts.format === 'json') printJsonFailure('diff', diagnostics, code);
        printDiagnostics(diagnostics, 'text');
        process.exitCode = code;
      };
      // An id that is no agreement of the working copy, compared with the last adopted revision:
      // an unknown agreement (exit 1, with a "Menade du"), not a missing register.
      if (agreement && !opts.from && !opts.to && /^[a-z0-9][a-z0-9-]*$/.test(agreement)) {
        const work = await resolveTarget(process.cwd());
        if (work && !existsSync(path.join(work.root, 'agreements', agreement, 'agreement.yaml'))) {
          fail([await unknownAgreement(agreement, work.root)], 1);
          return;
        }
      }
      // A redline's Chromium starts first, so its launch overlaps loading and comparing the sides.
      let renderer: Promise<PdfRenderer> | undefined;
      if (opts.format === 'pdf' || opts.format === 'paket') {
        const { launchPdfRenderer } = await import('../pipeline/render-pdf.ts');
        renderer = launchPdfRenderer({ concurrency: 1 });
        renderer.catch(() => undefined);
      }
      // Loaded on use, so other commands start without the diff and rendering stack.
      const { runDiff } = await import('../diff/run.ts');
      const run = await runDiff({
        format: opts.format, exitCode: opts.exitCode === true, ...(opts.from ? { from: opts.from } : {}),
        ...(agreement ? { agreement } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.out ? { out: opts.out } : {}),
        ...(renderer ? { renderer } : {}),
      }).catch((err: unknown) => {
        if (err instanceof Error && err.name === 'BrowserUnavailableError') {
          process.stderr.write(`${err.message}\n`);
          return undefined;
        }
        throw err;
      }).finally(async () => { await (await renderer?.catch(() => undefined))?.close(); });
      if (!run) { process.exitCode = 2; return; }
      // Missing on both sides is an unknown agreement: exit 1, as in every command.
      const code = run.exitCode === 2 && run.diagnostics.length > 0 && run.diagnostics.every((d) => d.code === 'diff-saknas') ? 1 : run.exitCode;
      if (!run.stdout && code !== 0 && run.diagnostics.length > 0) { fail(run.diagnostics, code); return; }
      printDiagnostics(run.diagnostics, 'text');
      if (run.stdout) process.stdout.write(run.stdout);
      for (const f of run.files) process.stderr.write(`Skrev ${f}\n`);
      process.exitCode = code;
    });
}
