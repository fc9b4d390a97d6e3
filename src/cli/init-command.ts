/** `overens init`: a new content repository in a folder, or (--uppdatera) fresh wiring after an upgrade. */
import path from 'node:path';
import type { Command } from 'commander';
import { printDiagnostics } from './output.ts';

const HELP = `
Skriver i mappen (standard: den här mappen):
  package.json                      med overens som beroende och skripten validate, build och preview
                                    (en package.json som npm install overens just skrev kompletteras)
  agreements/organisations.yaml     registret över organisationer
  agreements/vannas/                en liten exempelöverenskommelse som går att kontrollera och bygga
  .vscode/settings.json, extensions.json   kopplar paketets scheman till filerna i VS Code
  .github/workflows/overens.yml     styrelsepaketet i varje pull request (GitHub)
  .gitlab-ci.yml                    samma sak i GitLab
  .gitignore, README.md

Skriver aldrig över en fil: finns någon av filerna redan skrivs ingenting och slutkoden är 2.

Med --uppdatera (efter npm install overens@latest) skrivs bara kopplingsfilerna om: .vscode/,
CI-filerna och schemaraden överst i varje YAML-fil under agreements/. Texterna rörs inte.

Exempel:
  npm install overens && npx overens init
  npx overens init mina-overenskommelser
  npx overens init --uppdatera

Slutkoder: 0 = klart; 2 = filer finns redan, ingen agreements/ att uppdatera eller fel användning.`;

/** Registers the init command on the program. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Skapa ett förråd för överenskommelser: exempel, VS Code-inställningar och CI-filer.')
    .argument('[mapp]', 'mappen att skriva i (standard: den här mappen)', '.')
    .option('--uppdatera', 'skriv bara om kopplingsfilerna (.vscode/, CI-filerna, schemaraderna) efter en uppgradering')
    .helpOption('-h, --help', 'visa hjälp')
    .addHelpText('after', HELP)
    .action(async (dir: string, opts: { uppdatera?: boolean }) => {
      const { initProject } = await import('../cycle/init.ts');
      const result = await initProject({ dir, update: opts.uppdatera === true });
      printDiagnostics(result.diagnostics, 'text');
      if (result.exitCode === 0) {
        const where = path.relative(process.cwd(), path.resolve(dir)) || '.';
        const n = result.written.length;
        process.stderr.write(`${opts.uppdatera ? 'Uppdaterade' : 'Skrev'} ${n} ${n === 1 ? 'fil' : 'filer'} i ${where === '.' ? 'den här mappen' : where}${n > 0 ? ':' : '.'}\n`);
        for (const f of result.written) process.stderr.write(`  ${f}\n`);
        if (result.unchanged.length > 0) process.stderr.write(`${result.unchanged.length} ${result.unchanged.length === 1 ? 'fil var' : 'filer var'} redan aktuella.\n`);
        if (!opts.uppdatera) {
          const cd = where === '.' ? '' : `  cd ${where}\n`;
          process.stderr.write(`\nNästa steg:\n${cd}  npm install            (om overens inte redan är installerat här; finns Chromium redan:\n                         PUPPETEER_SKIP_DOWNLOAD=1 npm install)\n  npx overens validate\n  npx overens build      (PDF och HTML i output/)\n`);
        }
      }
      process.exitCode = result.exitCode;
    });
}
