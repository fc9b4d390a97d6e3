/**
 * CLI conventions (issue 9, part 5): every text a user reads is Swedish, commander's own included;
 * the same exit codes in every command; JSON errors with --format json; overens doctor; the build's
 * first line, "n av N" and plurals; "Menade du" only names ids that exist.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateCommanderMessage } from '../src/cli/commander-sv.ts';
import { count } from '../src/cli/plural.ts';
import { checkNode, formatDoctor } from '../src/cli/doctor.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { unknownAgreement } from '../src/pipeline/unknown-agreement.ts';
import { CLI, FIXTURE_PROJECT, HAS_BROWSER, REPO, describeRun } from './helpers/build-project.ts';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A temp project with the fixture snapshot's agreements. */
function project(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `overens-cli-${label}-`));
  temps.push(dir);
  cpSync(path.join(FIXTURE_PROJECT, 'agreements'), path.join(dir, 'agreements'), { recursive: true });
  return dir;
}

const run = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });

/** English words commander would print if a text slipped through untranslated. */
const ENGLISH = /\b(error|Usage|Options|Commands|Arguments|default|choices|Did you mean|unknown|missing|required|argument missing|not specified|too many|Allowed choices|display help|is invalid|cannot be used)\b|\[options\]|\[command\]/;

let dir: string;
beforeAll(() => { dir = project('main'); });

describe("commander's messages in Swedish", () => {
  // Every template of an error message in commander's source, so an upgrade that adds one fails here.
  const source = readFileSync(path.join(REPO, 'node_modules/commander/lib/command.js'), 'utf8');
  const templates = [...source.matchAll(/`error: ([^`]*)`/g)].map((m) => m[1] ?? '');

  it('knows every error template of the installed commander', () => {
    expect(templates.sort()).toEqual([
      "${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}",
      "command-argument value '${value}' is invalid for argument '${argument.name()}'.",
      "missing required argument '${name}'",
      "option '${option.flags}' argument '${val}' is invalid.",
      "option '${option.flags}' argument missing",
      "option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.",
      "required option '${option.flags}' not specified",
      "too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.",
      "unknown command '${unknownName}'${suggestion}",
      "unknown option '${flag}'${suggestion}",
    ].sort());
  });

  it.each([
    ["error: unknown command 'buidl'\n(Did you mean build?)", 'fel: okänt kommando "buidl". Menade du build?'],
    ["error: unknown command 'x'\n(Did you mean one of diff, ci?)", 'fel: okänt kommando "x". Menade du något av diff, ci?'],
    ["error: unknown option '--forse'\n(Did you mean --force?)", 'fel: okänt val "--forse". Menade du --force?'],
    ["error: unknown option '-x'", 'fel: okänt val "-x".'],
    ["error: missing required argument 'år'", 'fel: argumentet <år> saknas.'],
    ["error: option '--date <datum>' argument missing", 'fel: värdet saknas efter --date <datum>.'],
    ["error: required option '--date <datum>' not specified", 'fel: valet --date <datum> måste anges.'],
    ["error: too many arguments for 'verify'. Expected 1 argument but got 2.", 'fel: för många argument till verify: högst 1 får anges, men 2 angavs.'],
    ["error: too many arguments for 'ci'. Expected 0 arguments but got 1.", 'fel: för många argument till ci: inga får anges, men 1 angavs.'],
    ["error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.", 'fel: ogiltigt värde "xml" för --format <format>. Möjliga värden: text, json.'],
    ["error: option '--format <format>' value 'x' from env 'FMT' is invalid. Allowed choices are text, json.", 'fel: ogiltigt värde "x" för --format <format> i miljövariabeln FMT. Möjliga värden: text, json.'],
    ["error: command-argument value 'q' is invalid for argument 'typ'. Allowed choices are a, b.", 'fel: ogiltigt värde "q" för argumentet <typ>. Möjliga värden: a, b.'],
    ["error: option '--a' cannot be used with option '--b'", 'fel: --a kan inte användas tillsammans med --b.'],
    ["error: environment variable 'A' cannot be used with option '--b'", 'fel: A kan inte användas tillsammans med --b.'],
  ])('%j', (english, swedish) => {
    expect(translateCommanderMessage(english)).toBe(swedish);
  });

  it.each([
    [['buidl'], 'fel: okänt kommando "buidl". Menade du build?'],
    [['build', '--forse'], 'fel: okänt val "--forse". Menade du --force?'],
    [['adopt', 'umearegionen'], 'fel: valet --date <ÅÅÅÅ-MM-DD> måste anges.'],
    [['adopt', 'umearegionen', '--date'], 'fel: värdet saknas efter --date <ÅÅÅÅ-MM-DD>.'],
    [['revision', 'new', 'umearegionen'], 'fel: argumentet <år> saknas.'],
    [['verify', 'a.pdf', 'b.pdf'], 'fel: för många argument till verify: högst 1 får anges, men 2 angavs.'],
    [['validate', '--format', 'xml'], 'fel: ogiltigt värde "xml" för --format <format>. Möjliga värden: text, json.'],
    [['diff', '--format=jsn'], 'fel: ogiltigt värde "jsn" för --format <format>. Möjliga värden: md, json, forteckning, html, pdf, paket.'],
  ])('overens %j: exit 2 and the Swedish message only', (args, message) => {
    const r = run(dir, args);
    expect(r.status, describeRun(r)).toBe(2);
    expect(r.stderr.trim()).toBe(message);
    expect(r.stdout).toBe('');
  }, 60_000);

  const commands = ['validate', 'build', 'diff', 'adopt', 'verify', 'revision', 'revision new', 'status', 'ci', 'preview', 'doctor', 'merge-manifests'];
  it.each(['', ...commands])('overens %s --help is Swedish and states the exit codes', (cmd) => {
    const r = run(dir, [...cmd.split(' ').filter(Boolean), '--help']);
    expect(r.status, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/^Användning: overens/);
    expect(r.stdout).not.toMatch(ENGLISH);
    if (cmd !== 'revision') {
      expect(r.stdout).toContain('Slutkoder (samma för alla kommandon):');
      expect(r.stdout).toMatch(/ {2}1 = fel i innehållet eller okänd överenskommelse/);
      expect(r.stdout).toMatch(/ {2}2 = fel användning eller problem med miljön/);
    }
  }, 60_000);

  it('help of a command with defaults and choices says "standard" and "möjliga"', () => {
    const flat = (args: string[]) => run(dir, args).stdout.replace(/\s+/g, ' ');
    expect(flat(['validate', '--help'])).toContain('(möjliga: "text", "json", standard: "text")');
    expect(flat(['preview', '--help'])).toContain('(standard: "4173")');
    expect(run(dir, ['help']).stdout).toContain('help [kommando]');
    expect(run(dir, ['revision']).stderr).toContain('new|ny [val] <överenskommelse> <år>');
  }, 60_000);
});

describe('an unknown agreement: exit 1 in every command, with a "Menade du" of an existing id', () => {
  it.each([
    [['validate', 'umearegion'], 'umearegion'],
    [['build', 'umearegion', '--no-pdf'], 'agreements/umearegion'],
    [['status', 'umearegion'], 'umearegion'],
    [['preview', 'umearegion'], 'umearegion'],
    [['diff', 'umearegion'], 'umearegion'],
    [['adopt', 'umearegion', '--date', '2024-01-01'], 'umearegion'],
    [['revision', 'new', 'umearegion', '2024'], 'umearegion'],
  ])('overens %j', (args, file) => {
    const r = run(dir, args);
    expect(r.status, describeRun(r)).toBe(1);
    expect(r.stderr).toContain(`${file}:1:1  fel  ingen-overenskommelse  Hittade ingen överenskommelse i ${file}.`);
    expect(r.stderr).toContain('Menade du "umearegionen"?');
  }, 60_000);

  it('suggests only an existing agreement, never the name given, and nothing for a far-off name', async () => {
    const near = await unknownAgreement('skelleftea-norsj', dir);
    expect(near.hint).toContain('Menade du "skelleftea-norsjo"?');
    expect((await unknownAgreement('helt-annat-namn', dir)).hint).not.toContain('Menade du');
    // A folder without agreement.yaml is no agreement, so it is never suggested.
    const p = project('bare');
    const bare = path.join(p, 'agreements', 'umearegionen-kopia');
    cpSync(path.join(p, 'agreements', 'umearegionen', 'text'), path.join(bare, 'text'), { recursive: true });
    expect((await unknownAgreement('umearegionen-kopib', p)).hint).not.toContain('Menade du');
    expect((await unknownAgreement('umearegionen-k', p)).hint).toContain('Menade du "umearegionen"?');
  }, 30_000);
});

describe('a misspelt organisation id: the hints name only ids that exist', () => {
  it('okand-organisation suggests the registered id; okand-part never suggests the typo', async () => {
    const p = project('typo');
    const file = path.join(p, 'agreements/umearegionen/agreement.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- organisation: umea-kommun', '- organisation: umea-komun'));
    const { diagnostics, projects } = await validatePaths(['agreements/umearegionen'], { base: p });
    const errors = diagnostics.filter((d) => d.severity === 'fel');
    expect(errors.map((d) => [d.code, d.file, d.line])).toEqual([
      ['okand-organisation', 'agreements/umearegionen/agreement.yaml', 22],
      ['okand-part', 'agreements/umearegionen/agreement.yaml', 66],
    ]);
    expect(errors[0]?.hint).toContain('Menade du "umea-kommun"?');
    expect(errors[1]?.hint).not.toContain('umea-komun');
    // Whatever any hint suggests is an organisation of the registry.
    const known = new Set(projects[0]?.organisations.keys());
    for (const d of diagnostics) {
      for (const m of d.hint.matchAll(/Menade du "([^"]+)"/g)) expect(known.has(m[1] ?? ''), `${d.code}: ${m[1]}`).toBe(true);
    }
  }, 30_000);
});

describe('--format json: errors are JSON on stdout', () => {
  it.each([
    [['validate', '--format', 'json', '--bogus']],
    [['status', '--format=json', '--bogus']],
    [['diff', 'umearegionen', '--format', 'json', '--bogus']],
    [['status', '--format', 'json', '--today']],
  ])('a usage error %j: exit 2, kommando-fel', (args) => {
    const r = run(dir, args);
    expect(r.status, describeRun(r)).toBe(2);
    const out = JSON.parse(r.stdout) as unknown;
    const list = (Array.isArray(out) ? out : (out as { exitCode: number; diagnostics: unknown[] }).diagnostics) as { code: string; file: string; line: number; message: string; hint: string }[];
    if (!Array.isArray(out)) expect((out as { exitCode: number }).exitCode).toBe(2);
    expect(list.map((d) => [d.code, d.file, d.line])).toEqual([['kommando-fel', '.', 1]]);
    expect(list[0]?.message).not.toMatch(ENGLISH);
    expect(list[0]?.hint).toMatch(/^Se overens (validate|status|diff) --help\.$/);
  }, 60_000);

  it.each([
    [['validate', 'umearegion', '--format', 'json']],
    [['status', 'umearegion', '--format', 'json']],
    [['diff', 'umearegion', '--format', 'json']],
  ])('an unknown agreement %j: exit 1, ingen-overenskommelse', (args) => {
    const r = run(dir, args);
    expect(r.status, describeRun(r)).toBe(1);
    const out = JSON.parse(r.stdout) as unknown;
    const list = (Array.isArray(out) ? out : (out as { diagnostics: unknown[] }).diagnostics) as { code: string; file: string; line: number; hint: string }[];
    expect(list.map((d) => [d.code, d.file, d.line])).toEqual([['ingen-overenskommelse', 'umearegion', 1]]);
    expect(list[0]?.hint).toContain('Menade du "umearegionen"?');
  }, 60_000);

  it('an invalid --today for status: exit 2, status-ogiltigt-datum as JSON', () => {
    const r = run(dir, ['status', '--format', 'json', '--today', '2024-13-01']);
    expect(r.status, describeRun(r)).toBe(2);
    const out = JSON.parse(r.stdout) as { exitCode: number; diagnostics: { code: string; file: string; line: number }[] };
    expect(out.exitCode).toBe(2);
    expect(out.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['status-ogiltigt-datum', '.', 1]]);
  }, 60_000);
});

describe('overens doctor', () => {
  it('reports Node, Chromium (path and version), fonts, git and the output folder', () => {
    const r = run(dir, ['doctor']);
    expect(r.status, describeRun(r)).toBe(HAS_BROWSER ? 0 : 2);
    const lines = r.stdout.split('\n');
    for (const name of ['Node.js', 'Chromium', 'Typsnitt', 'git', 'Utdatamapp']) {
      expect(lines.some((l) => new RegExp(`^(OK|PROBLEM|VARNING) +${name.replace('.', '\\.')} `).test(l)), name).toBe(true);
    }
    expect(r.stdout).toMatch(new RegExp(`^OK +Node\\.js +${process.versions.node.replace(/\./g, '\\.')} `, 'm'));
    expect(r.stdout).toMatch(/^OK +Typsnitt +@fontsource\/source-serif-4 \d+\.\d+\.\d+, @fontsource\/inter \d+\.\d+\.\d+$/m);
    expect(r.stdout).toMatch(/^OK +Utdatamapp +output\/ kan skapas$/m);
    if (HAS_BROWSER) expect(r.stdout).toMatch(/^OK +Chromium +\/\S+ \(\S+\), .*\d+\.\d+/m);
    expect(r.stdout).not.toMatch(ENGLISH);
  }, 60_000);

  it('says what to do and exits 2 when the browser is missing and output/ cannot be written', () => {
    const r = run(dir, ['doctor', '--out', 'agreements/organisations.yaml/ut'], { PUPPETEER_EXECUTABLE_PATH: '/finns/inte/chrome' });
    expect(r.status, describeRun(r)).toBe(2);
    expect(r.stdout).toMatch(/^PROBLEM +Chromium +\/finns\/inte\/chrome \(från PUPPETEER_EXECUTABLE_PATH\) finns inte/m);
    expect(r.stdout).toContain('Gör så här: Installera Chromium (apt-get install chromium)');
    expect(r.stdout).toMatch(/^PROBLEM +Utdatamapp +agreements\/organisations\.yaml\/ut kan inte skapas: agreements\/organisations\.yaml är en fil, ingen mapp$/m);
    expect(r.stdout).toContain('2 problem måste åtgärdas');
  }, 60_000);

  it('a missing git is a warning (validate and build do not need it): exit 0 when the rest is there', () => {
    // PATH without git; node runs by its full path and Chromium is found by its full path.
    const r = run(dir, ['doctor'], { PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) });
    expect(r.stdout).toMatch(/^VARNING +git +git hittades inte/m);
    expect(r.stdout).toContain('Gör så här: Installera git');
    expect(r.status, describeRun(r)).toBe(HAS_BROWSER ? 0 : 2);
    if (HAS_BROWSER) expect(r.stdout).toContain('1 varning ovan');
  }, 60_000);

  it('an old Node is an essential problem', () => {
    const old = checkNode('18.19.0');
    expect(old.ok).toBe(false);
    const { text, exitCode } = formatDoctor([old]);
    expect(exitCode).toBe(2);
    expect(text).toMatch(/^PROBLEM {2}Node\.js {2}18\.19\.0 är för gammal; överens kräver 20 eller senare$/m);
    expect(text).toContain('Gör så här: Installera Node.js 20 eller senare');
  });
});

describe('build progress and plurals', () => {
  it('prints its first line before anything else, and "n av N" as each agreement is done', () => {
    const r = run(dir, ['build', '--no-pdf', '--force']);
    expect(r.status, describeRun(r)).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('Kontrollerar och bygger alla överenskommelser …');
    const ids = readdirSync(path.join(dir, 'agreements'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const progress = lines.filter((l) => / av \d+ klara /.test(l));
    expect(progress.map((l) => l.replace(/ {2}\S+$/, '').trim())).toEqual(ids.map((_, i) => `${i + 1} av ${ids.length} klara`));
    expect(r.stderr).toContain(`${ids.length} filer byggda, 0 oförändrade, ${ids.length} överenskommelser`);
  }, 120_000);

  it('one agreement: no counter, and "1 fil byggd"; then "1 oförändrad"', () => {
    const p = project('one');
    rmSync(path.join(p, 'agreements', 'umearegionen'), { recursive: true });
    rmSync(path.join(p, 'agreements', 'skelleftea-norsjo'), { recursive: true });
    const r = run(p, ['build', '--no-pdf', 'malmo']);
    expect(r.status, describeRun(r)).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('Kontrollerar och bygger malmo …');
    expect(r.stderr).not.toMatch(/ av \d+ klara/);
    expect(r.stderr).toContain(': 1 fil byggd, 0 oförändrade, 1 överenskommelse i ');
    const again = run(p, ['build', '--no-pdf', 'malmo']);
    expect(again.stderr).toContain(': 0 filer byggda, 1 oförändrad, 1 överenskommelse i ');
  }, 120_000);

  it('the first line comes before the diagnostics of a broken agreement', () => {
    const p = project('broken');
    const file = path.join(p, 'agreements/malmo/agreement.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: ['));
    const r = run(p, ['build', '--no-pdf', 'malmo']);
    expect(r.status, describeRun(r)).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('Kontrollerar och bygger malmo …');
    expect(lines[1]).toMatch(/^agreements\/malmo\/agreement\.yaml:\d+:\d+ {2}fel {2}yaml-syntax/);
  }, 60_000);

  it.each([[0, '0 sidor'], [1, '1 sida'], [2, '2 sidor']])('count(%i) → %s', (n, text) => {
    expect(count(n, 'sida', 'sidor')).toBe(text);
  });

  it('no CLI source writes a count with a fixed plural', () => {
    for (const f of readdirSync(path.join(REPO, 'src/cli')).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(path.join(REPO, 'src/cli', f), 'utf8');
      // "${n} sidor", "${x} filer byggda" … without choosing the word by the number.
      expect(text, f).not.toMatch(/\$\{(?![A-Z_]+\})[\w.?]+\} (sidor|filer|oförändrade|överenskommelser|varningar|dagar|ändringar|PDF-sidor)\b/);
    }
  });
});
