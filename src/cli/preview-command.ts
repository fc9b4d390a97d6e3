/** `overens preview`: serves the agreements as web pages on 127.0.0.1 and reloads them on every save. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { resolveTarget } from '../pipeline/load.ts';
import { unknownAgreement } from '../pipeline/unknown-agreement.ts';
import { printDiagnostics } from './output.ts';
import { exitCodeHelp } from './exit-codes.ts';

/** Registers the preview command on the program. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('Förhandsgranska överenskommelserna i webbläsaren; sidan laddas om när du sparar.')
    .argument('[överenskommelse]', 'id (mappnamn under agreements/) eller sökväg (standard: alla)')
    .option('--port <nummer>', 'port att lyssna på, 0 väljer en ledig', '4173')
    .option('--no-pdf', 'skriv inte ut PDF i bakgrunden efter varje sparning')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', `\nServern svarar bara på den egna datorn (127.0.0.1). Fel i innehållet visas på sidan.\n${exitCodeHelp({ ok: 'servern avslutades med Ctrl+C', usage: 'servern kan inte starta, t.ex. porten används redan' })}`)
    .action(async (target: string | undefined, opts: { port: string; pdf: boolean }) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        process.stderr.write(`fel: --port ska vara ett tal mellan 0 och 65535, inte "${opts.port}".\n`);
        process.exitCode = 2;
        return;
      }
      const found = await findProject(target);
      if (!found) {
        if (target) {
          // An unknown agreement: exit 1 as in every command, with a "Menade du" of one that exists.
          printDiagnostics([await unknownAgreement(target, process.cwd())], 'text');
          process.exitCode = 1;
        } else {
          process.stderr.write('fel: hittade ingen överenskommelse här.\n    Stå i projektmappen (den som innehåller agreements/) och ange överenskommelsens mappnamn, t.ex. overens preview umearegionen.\n');
          process.exitCode = 2;
        }
        return;
      }
      const { startPreview } = await import('../preview/server.ts');
      let preview;
      try {
        preview = await startPreview({
          root: found.root,
          port,
          pdf: opts.pdf,
          ...(found.only ? { agreement: found.only } : {}),
          log: (line) => process.stderr.write(`${line}\n`),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const message = code === 'EADDRINUSE'
          ? `Porten ${port} används redan. Välj en annan med --port, t.ex. --port 0 för en ledig port.`
          : code === 'EACCES'
            ? `Porten ${port} får inte användas av dig. Välj en port över 1023 med --port.`
            : err instanceof Error ? err.message : String(err);
        process.stderr.write(`fel: ${message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`Förhandsgranskning på ${preview.pageUrl} – avsluta med Ctrl+C\n`);
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void preview.close().then(() => { process.exitCode = 0; });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}

/** The project root and the agreement to show, from an id, a path or nothing (the working directory). */
async function findProject(target: string | undefined): Promise<{ root: string; only?: string } | undefined> {
  const cwd = process.cwd();
  if (target) {
    const asPath = path.resolve(cwd, target);
    const isPath = await stat(asPath).then(() => true, () => false);
    if (isPath) return resolveTarget(asPath);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(target)) return undefined;
    const project = await resolveTarget(cwd);
    if (!project) return undefined;
    const folder = path.join(project.root, 'agreements', target, 'agreement.yaml');
    return (await stat(folder).then(() => true, () => false)) ? { root: project.root, only: target } : undefined;
  }
  const project = await resolveTarget(cwd);
  return project ? { root: project.root, ...(project.only ? { only: project.only } : {}) } : undefined;
}
