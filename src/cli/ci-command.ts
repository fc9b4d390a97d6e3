/** `overens ci`: the pull-request step: validate, build and write the board pack with its comment. */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { BuildEvent } from '../pipeline/build.ts';
import type { Annotations } from '../cycle/ci.ts';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';
import { count } from './plural.ts';

const HELP = `
Körs i en pull request (GitHub) eller merge request (GitLab), men fungerar lika bra lokalt:
  1. kontrollerar alla överenskommelser och visar varje problem, med --annotations github även
     som anteckningar på raderna i pull requesten;
  2. bygger HTML och PDF till output/ (eller --out);
  3. för varje överenskommelse vars filer ändrats sedan basrevisionen (git diff <bas>...HEAD):
     jämför med den senast antagna revisionen i register.yaml, eller med basrevisionen om ingen
     är antagen, och skriver styrelsepaketet till <out>/styrelsepaket/<överenskommelse>/:
     överenskommelsens PDF, redline-PDF, ändringsförteckning och sammanfattning;
  4. skriver kommentar.md med alla sammanfattningar, för ett arbetsflödessteg som lägger den
     i pull requesten (mallar finns i ci-templates/).

Basrevision (--base): origin/$GITHUB_BASE_REF på GitHub, origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME
på GitLab, annars main.

${exitCodeHelp({ ok: 'inga fel (även om PDF inte kunde göras: då säger kommentaren det)', content: 'paketet och kommentaren visar felen', usage: 't.ex. basrevisionen finns inte (hämta hela historiken)' })}`;

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;

/** Registers the ci command on the program. */
export function registerCi(program: Command): void {
  program
    .command('ci')
    .description('Kontrollera, bygg och skriv styrelsepaketet för de ändrade överenskommelserna i en pull request.')
    .option('--base <revision>', 'grenen eller commiten som ändringen ska in i (standard: se nedan)')
    .option('--out <mapp>', 'utdatamapp; paketet hamnar i <mapp>/styrelsepaket (standard: output/)')
    .addOption(new Option('--annotations <typ>', 'visa problemen även som anteckningar för github eller gitlab (standard: efter miljön)').choices(['github', 'gitlab', 'none']))
    .option('--comment-file <fil>', 'skriv kommentaren även till den här filen')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (opts: { base?: string; out?: string; annotations?: Annotations; commentFile?: string }) => {
      const { runCi, defaultAnnotations, githubAnnotation } = await import('../cycle/ci.ts');
      const annotations = opts.annotations ?? defaultAnnotations(process.env);
      const onEvent = (e: BuildEvent) => {
        if (e.type === 'document' && !e.cached) process.stderr.write(`  byggd       ${e.file}  ${seconds(e.ms)}${e.pages ? `, ${count(e.pages, 'sida', 'sidor')}` : ''}\n`);
      };
      const result = await runCi({
        ...(opts.base ? { base: opts.base } : {}), ...(opts.out ? { out: opts.out } : {}), ...(opts.commentFile ? { commentFile: opts.commentFile } : {}),
        codeQuality: annotations === 'gitlab', onEvent, onProgress: (line) => process.stderr.write(`${line}\n`),
      });
      printDiagnostics(result.diagnostics, 'text');
      if (annotations === 'github') {
        for (const d of result.diagnostics) process.stdout.write(`${githubAnnotation(d, path.posix.join(result.repoPrefix, d.file))}\n`);
      }
      for (const e of result.entries) {
        if (e.diagnostics.length === 0) continue;
        process.stderr.write(`\n${e.id} kunde inte jämföras:\n`);
        printDiagnostics(e.diagnostics, 'text');
      }
      if (result.browserMissing) process.stderr.write(`\nPDF gjordes inte: ${result.browserMissing}\n`);
      if (result.packDir) {
        const n = result.entries.length;
        process.stderr.write(`\nStyrelsepaketet (${n} ${n === 1 ? 'överenskommelse' : 'överenskommelser'}) finns i ${path.relative(process.cwd(), result.packDir) || '.'}; kommentaren i ${path.relative(process.cwd(), result.commentPath ?? '')}.\n`);
      }
      // On GitHub the comment also goes on the run's summary page.
      const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
      if (summaryFile && result.comment) await appendFile(summaryFile, result.comment);
      process.exitCode = result.exitCode;
    });
}
