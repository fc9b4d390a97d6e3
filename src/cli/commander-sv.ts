/**
 * commander in Swedish: every text commander writes itself (errors, "Did you mean", help titles,
 * defaults and choices) goes through here. SwedishCommand is used for the program and, through
 * createCommand, for every subcommand, so nothing English can slip through a new command.
 */
import { Command, Help, type Argument, type Option } from 'commander';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const q = (s: string | undefined) => `"${s ?? ''}"`;

/** commander's "(Did you mean x?)" / "(Did you mean one of x, y?)" in Swedish. */
export function translateSuggestion(text: string): string {
  const one = /\(Did you mean (?!one of )(.+)\?\)/.exec(text);
  if (one) return ` Menade du ${one[1]}?`;
  const many = /\(Did you mean one of (.+)\?\)/.exec(text);
  if (many) return ` Menade du något av ${(many[1] ?? '').split(', ').join(', ')}?`;
  return '';
}

/** "Allowed choices are a, b." in Swedish. */
const choices = (s: string | undefined) => {
  const m = /Allowed choices are (.+)\.$/.exec((s ?? '').trim());
  return m ? ` Möjliga värden: ${m[1]}.` : (s ?? '').trim() ? ` ${(s ?? '').trim()}` : '';
};

/** commander's error messages (without the "error: " prefix), by their English wording. */
const RULES: Rule[] = [
  [/^unknown command '(.*)'([\s\S]*)$/, (m) => `okänt kommando ${q(m[1])}.${translateSuggestion(m[2] ?? '')}`],
  [/^unknown option '(.*)'([\s\S]*)$/, (m) => `okänt val ${q(m[1])}.${translateSuggestion(m[2] ?? '')}`],
  [/^missing required argument '(.*)'$/, (m) => `argumentet <${m[1]}> saknas.`],
  [/^option '(.*)' argument missing$/, (m) => `värdet saknas efter ${m[1]}.`],
  [/^required option '(.*)' not specified$/, (m) => `valet ${m[1]} måste anges.`],
  [/^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => `för många argument${m[1] ? ` till ${m[1]}` : ''}: ${m[2] === '0' ? 'inga får anges' : `högst ${m[2]} får anges`}, men ${m[3]} angavs.`],
  [/^option '(.*)' argument '(.*)' is invalid\.([\s\S]*)$/, (m) => `ogiltigt värde ${q(m[2])} för ${m[1]}.${choices(m[3])}`],
  [/^option '(.*)' value '(.*)' from env '(.*)' is invalid\.([\s\S]*)$/, (m) => `ogiltigt värde ${q(m[2])} för ${m[1]} i miljövariabeln ${m[3]}.${choices(m[4])}`],
  [/^command-argument value '(.*)' is invalid for argument '(.*)'\.([\s\S]*)$/, (m) => `ogiltigt värde ${q(m[1])} för argumentet <${m[2]}>.${choices(m[3])}`],
  [/^(?:option|environment variable) '(.*)' cannot be used with (?:option|environment variable) '(.*)'$/, (m) => `${m[1]} kan inte användas tillsammans med ${m[2]}.`],
];

/** Translates one of commander's error messages into Swedish ("fel: …"); other text passes unchanged. */
export function translateCommanderMessage(message: string): string {
  const body = message.replace(/^error: /, '');
  for (const [re, make] of RULES) {
    const m = re.exec(body);
    if (m) return `fel: ${make(m)}`;
  }
  return message.startsWith('error: ') ? `fel: ${body}` : message;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Användning:',
  'Options:': 'Val:',
  'Commands:': 'Kommandon:',
  'Arguments:': 'Argument:',
  'Global Options:': 'Globala val:',
};

const usageWords = (s: string) => s.replace(/\[options\]/g, '[val]').replace(/\[command\]/g, '[kommando]');

/** The trailing "(choices: …, default: …)" that commander adds to a description, in Swedish. */
function translateExtra(full: string, own: string | undefined): string {
  const head = own ?? '';
  const extra = full.slice(head.length);
  return head + extra
    .replace(/\bchoices: /, 'möjliga: ')
    .replace(/\bdefault: /, 'standard: ')
    .replace(/\bpreset: /, 'förval: ')
    .replace(/\benv: /, 'miljövariabel: ');
}

/** commander's help layout with Swedish titles, usage words and defaults. */
export class SwedishHelp extends Help {
  override styleTitle(str: string): string { return super.styleTitle(TITLES[str] ?? str); }
  override commandUsage(cmd: Command): string { return usageWords(super.commandUsage(cmd)); }
  override subcommandTerm(cmd: Command): string { return usageWords(super.subcommandTerm(cmd)); }
  override optionDescription(option: Option): string { return translateExtra(super.optionDescription(option), option.description); }
  override argumentDescription(argument: Argument): string { return translateExtra(super.argumentDescription(argument), argument.description); }
}

/** Called instead of printing when a command is run with `--format json` and commander finds a usage error. */
export type JsonUsageHandler = (command: Command, message: string) => void;

let jsonUsage: JsonUsageHandler | undefined;
/** Sets what a usage error prints on stdout when the command line asks for JSON. */
export function onJsonUsageError(handler: JsonUsageHandler): void { jsonUsage = handler; }

/** Whether argv asks this command for JSON output (`--format json` or `--format=json`). */
export function wantsJson(command: Command, argv: readonly string[] = process.argv): boolean {
  if (!command.options.some((o) => o.long === '--format')) return false;
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** A commander Command whose own texts are Swedish, and whose subcommands are too. */
export class SwedishCommand extends Command {
  constructor(name?: string) {
    super(name);
    this.helpOption('-h, --help', 'visa hjälp');
  }

  override createCommand(name?: string): SwedishCommand { return new SwedishCommand(name); }

  override createHelp(): Help { return Object.assign(new SwedishHelp(), this.configureHelp()); }

  override helpOption(flags?: string | boolean, description?: string): this {
    if (typeof flags === 'boolean') return super.helpOption(flags);
    return super.helpOption(flags ?? '-h, --help', description ?? 'visa hjälp');
  }

  override helpCommand(nameAndArgs?: string | boolean, description?: string): this {
    if (typeof nameAndArgs === 'boolean') return super.helpCommand(nameAndArgs);
    return super.helpCommand(nameAndArgs ?? 'help [kommando]', description ?? 'visa hjälp för ett kommando');
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const sv = translateCommanderMessage(message);
    // With --format json the error is also JSON on stdout; stderr keeps the text for a person.
    if (jsonUsage && wantsJson(this)) jsonUsage(this, sv);
    return super.error(sv, errorOptions);
  }
}
