/**
 * `overens doctor`: what the tool needs from the computer, each with OK or a problem and what to do.
 * The checks use the same lookups as the build (render-pdf's Chromium, fonts.ts's packages), so the
 * report says what a build would really use.
 */
import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fontPackageStatus } from '../pipeline/fonts.ts';
import { resolveTarget } from '../pipeline/load.ts';
import { systemChromium } from '../pipeline/render-pdf.ts';

/** One line of the report. `essential` problems make doctor exit 2. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  essential: boolean;
  detail: string;
  /** What to do, when not ok. */
  fix?: string;
}

/** The lowest Node.js major version the package supports (package.json engines). */
export const NODE_MIN = 20;

/** Node.js: the running version against engines. */
export function checkNode(version: string = process.versions.node): DoctorCheck {
  const major = Number(version.split('.')[0]);
  return major >= NODE_MIN
    ? { name: 'Node.js', ok: true, essential: true, detail: `${version} (krävs ${NODE_MIN} eller senare)` }
    : { name: 'Node.js', ok: false, essential: true, detail: `${version} är för gammal; överens kräver ${NODE_MIN} eller senare`, fix: `Installera Node.js ${NODE_MIN} eller senare (den aktuella LTS-versionen), t.ex. från nodejs.org eller med nvm.` };
}

const firstLine = (s: string) => s.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';

/** Runs `cmd args` briefly; its first output line, or undefined when it cannot run. */
function versionOf(cmd: string, args: readonly string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.error || r.status !== 0) return undefined;
  return firstLine(`${r.stdout}\n${r.stderr}`) || undefined;
}

/** The Chromium a build would use: the system one (as render-pdf finds it) or puppeteer's own download. */
export async function checkChromium(): Promise<DoctorCheck> {
  const name = 'Chromium';
  const fix = 'Installera Chromium (apt-get install chromium), ange en webbläsare med PUPPETEER_EXECUTABLE_PATH=/sökväg/till/chrome, eller låt puppeteer hämta sin egen med npx puppeteer browsers install chrome.';
  const fromEnv = process.env['PUPPETEER_EXECUTABLE_PATH'];
  let executable = systemChromium();
  let how = fromEnv ? 'från PUPPETEER_EXECUTABLE_PATH' : 'systemets';
  if (!executable) {
    const puppeteer = await import('puppeteer').then((m) => m.default, () => undefined);
    executable = (() => { try { return puppeteer?.executablePath(); } catch { return undefined; } })();
    how = 'puppeteers egen';
  }
  if (!executable) return { name, ok: false, essential: true, detail: 'ingen webbläsare hittades, så ingen PDF kan byggas', fix };
  const exists = await stat(executable).then((s) => s.isFile(), () => false);
  if (!exists) return { name, ok: false, essential: true, detail: `${executable} (${how}) finns inte, så ingen PDF kan byggas`, fix };
  const version = versionOf(executable, ['--version']);
  if (!version) return { name, ok: false, essential: true, detail: `${executable} (${how}) går inte att starta`, fix };
  return { name, ok: true, essential: true, detail: `${executable} (${how}), ${version}` };
}

/** The fontsource packages the PDF embeds. */
export function checkFonts(): DoctorCheck {
  const found = fontPackageStatus();
  const bad = found.filter((f) => !f.version || f.missing > 0);
  const list = found.map((f) => (f.version ? `${f.pkg} ${f.version}` : `${f.pkg} saknas`)).join(', ');
  if (bad.length === 0) return { name: 'Typsnitt', ok: true, essential: true, detail: list };
  const files = bad.reduce((n, f) => n + f.missing, 0);
  return {
    name: 'Typsnitt', ok: false, essential: true,
    detail: `${list}; ${files} ${files === 1 ? 'typsnittsfil saknas' : 'typsnittsfiler saknas'}`,
    fix: `Installera om beroendena (npm ci), eller npm install ${bad.map((f) => f.pkg).join(' ')}.`,
  };
}

/** git: needed by diff, adopt, verify and ci, not by validate and build. */
export function checkGit(): DoctorCheck {
  const version = versionOf('git', ['--version']);
  return version
    ? { name: 'git', ok: true, essential: false, detail: version }
    : { name: 'git', ok: false, essential: false, detail: 'git hittades inte; diff, adopt, verify och ci behöver det (validate och build gör det inte)', fix: 'Installera git (apt-get install git, eller git-scm.com).' };
}

/** The output folder: writable if it exists, creatable if not. */
export async function checkOutput(out: string | undefined, cwd: string = process.cwd()): Promise<DoctorCheck> {
  const name = 'Utdatamapp';
  const root = (await resolveTarget(cwd))?.root ?? cwd;
  const dir = out ? path.resolve(cwd, out) : path.join(root, 'output');
  const shown = path.relative(cwd, dir) || '.';
  const fix = `Välj en annan mapp med --out, eller ge dig själv skrivrätt till ${shown} (eller mappen ovanför).`;
  // The nearest existing folder at or above it is where the build creates (or replaces) output/.
  let existing = dir;
  while (!(await stat(existing).then(() => true, () => false))) existing = path.dirname(existing);
  const info = await stat(existing);
  if (!info.isDirectory()) return { name, ok: false, essential: true, detail: `${shown} kan inte skapas: ${path.relative(cwd, existing) || existing} är en fil, ingen mapp`, fix };
  // output/ is written beside itself and renamed into place, so its parent must be writable too.
  const parent = existing === dir ? path.dirname(dir) : existing;
  for (const d of existing === dir ? [dir, parent] : [parent]) {
    const writable = await access(d, constants.W_OK).then(() => true, () => false)
      && await mkdtemp(path.join(d, '.overens-doctor-')).then((t) => rm(t, { recursive: true }).then(() => true), () => false);
    if (!writable) return { name, ok: false, essential: true, detail: `${path.relative(cwd, d) || d} är inte skrivbar`, fix };
  }
  return { name, ok: true, essential: true, detail: `${shown}${shown.endsWith('/') ? '' : '/'} ${existing === dir ? 'är skrivbar' : 'kan skapas'}` };
}

/** Every check, in report order. */
export async function runDoctor(options: { out?: string; cwd?: string } = {}): Promise<DoctorCheck[]> {
  return [checkNode(), await checkChromium(), checkFonts(), checkGit(), await checkOutput(options.out, options.cwd)];
}

/** The report as Swedish text lines, and the exit code: 2 when something essential is missing. */
export function formatDoctor(checks: readonly DoctorCheck[]): { text: string; exitCode: 0 | 2 } {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${c.ok ? 'OK     ' : c.essential ? 'PROBLEM' : 'VARNING'}  ${c.name.padEnd(width)}  ${c.detail}`);
    if (!c.ok && c.fix) lines.push(`${' '.repeat(width + 11)}Gör så här: ${c.fix}`);
  }
  const essential = checks.filter((c) => !c.ok && c.essential).length;
  const other = checks.filter((c) => !c.ok && !c.essential).length;
  lines.push('');
  if (essential > 0) lines.push(`${essential} problem måste åtgärdas innan överens kan bygga (se Gör så här ovan).`);
  else if (other > 0) lines.push(`Allt som behövs för att bygga finns; ${other} ${other === 1 ? 'varning' : 'varningar'} ovan.`);
  else lines.push('Allt som behövs finns.');
  return { text: `${lines.join('\n')}\n`, exitCode: essential > 0 ? 2 : 0 };
}
