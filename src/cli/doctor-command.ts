/** `overens doctor`: checks Node.js, Chromium, fonts, git and the output folder, and says what to do. */
import type { Command } from 'commander';
import { exitCodeHelp } from './exit-codes.ts';

const HELP = `
Kontrollerar det som överens behöver på den här datorn:
  Node.js      versionen (krävs 20 eller senare)
  Chromium     webbläsaren som bygger PDF: sökväg och version, som overens build hittar den
               (PUPPETEER_EXECUTABLE_PATH, systemets Chromium eller puppeteers egen)
  Typsnitt     @fontsource-paketen som bäddas in i PDF:en
  git          behövs för diff, adopt, verify och ci
  Utdatamapp   att output/ (eller --out) går att skriva
Varje rad säger OK, PROBLEM (måste åtgärdas) eller VARNING, och vad du kan göra.
${exitCodeHelp({ ok: 'allt som behövs finns (varningar ändrar inte slutkoden)', usage: 'något som behövs saknas' })}`;

/** Registers the doctor command on the program. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('Kontrollera att datorn har det som behövs: Node.js, Chromium, typsnitt, git och en skrivbar utdatamapp.')
    .option('--out <mapp>', 'utdatamappen som ska prövas (standard: output/)')
    .addHelpText('after', HELP)
    .action(async (opts: { out?: string }) => {
      const { runDoctor, formatDoctor } = await import('./doctor.ts');
      const { text, exitCode } = formatDoctor(await runDoctor(opts.out ? { out: opts.out } : {}));
      process.stdout.write(text);
      process.exitCode = exitCode;
    });
}
