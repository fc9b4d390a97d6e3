/** `overens merge-manifests DIR…` (also `overens build --merge DIR…`): the shards of a split build → one output/. */
import path from 'node:path';
import type { Command } from 'commander';
import { diagnostic } from '../diagnostics/diagnostic.ts';
import { printDiagnostics } from './output.ts';
import { EXIT, exitCodeHelp } from './exit-codes.ts';
import { count } from './plural.ts';

const HELP = `
Sammanfogar utdatamapparna från overens build --shard 1/n … n/n (t.ex. från ett jobb per del i
en CI-matris) till en utdatamapp, byte för byte samma som ett helt overens build: alla delars filer,
en manifest.json och en index.html. Kommandot körs i samma projekt (samma commit) som delarna
byggdes från, eftersom index.html byggs med projektets mallar.

Inget skrivs om en del saknas eller finns två gånger, om delarna kommer från olika källor eller
versioner av overens, eller om en fil inte stämmer med sin sha256 i delens manifest.

Exempel:
  overens build --shard 1/3 --out del-1     (och 2/3, 3/3, gärna på olika maskiner)
  overens merge-manifests del-1 del-2 del-3
  overens merge-manifests delar/* --out webbplats
${exitCodeHelp({ ok: 'utdatamappen skrevs', usage: 'en del saknas, finns två gånger, kommer från ett annat bygge eller har en skadad fil; inget skrevs' })}`;

/** Merges the shard folders into `out` (default: output/ of the project here) and sets the exit code. */
export async function runMerge(dirs: readonly string[], out: string | undefined): Promise<void> {
  const { findContentRoot } = await import('../pipeline/project-root.ts');
  const { mergeShards } = await import('../pipeline/merge-shards.ts');
  const found = await findContentRoot(process.cwd());
  if (!found || found.diagnostics.length > 0) {
    printDiagnostics(found?.diagnostics ?? [diagnostic('ingen-overenskommelse', { file: '.', line: 1, column: 1 }, { path: '.' })], 'text');
    process.stderr.write('Kör overens merge-manifests i projektet som delarna byggdes från.\n');
    process.exitCode = EXIT.usage;
    return;
  }
  const outputDir = out ? path.resolve(out) : path.join(found.root, 'output');
  const result = await mergeShards({ dirs, outputDir, projectRoot: found.root });
  printDiagnostics(result.diagnostics, 'text');
  if (!result.ok) {
    process.stderr.write('Sammanfogningen avbröts; inget skrevs.\n');
    process.exitCode = EXIT.usage;
    return;
  }
  const n = result.manifest?.agreements.length ?? 0;
  const files = result.manifest?.files.length ?? 0;
  process.stderr.write(`Sammanfogade ${count(dirs.length, 'del', 'delar')}: ${count(n, 'överenskommelse', 'överenskommelser')}, ${count(files, 'fil', 'filer')} i ${path.relative(process.cwd(), outputDir) || '.'}.\n`);
}

/** Registers merge-manifests on the program. */
export function registerMerge(program: Command): void {
  program
    .command('merge-manifests')
    .description('Sammanfoga delarna av ett delat bygge (build --shard i/n) till en utdatamapp med en manifest.json och en index.html.')
    .argument('<mapp...>', 'delarnas utdatamappar')
    .option('--out <mapp>', 'utdatamapp (standard: output/)')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (dirs: string[], opts: { out?: string }) => runMerge(dirs, opts.out));
}
