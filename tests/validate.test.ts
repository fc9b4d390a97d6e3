/**
 * Golden tests of `overens validate`: every folder under tests/fixtures/validate/ is a tiny
 * project; valid-minimal and crlf-bom are valid, every other case is a copy of valid-minimal
 * with ONE mistake (made by tests/helpers/make-validate-cases.mjs). expected.txt holds exactly
 * what the CLI prints for the case (lines starting with "#" are notes). Regenerate with
 * `UPDATE=1 npx vitest run tests/validate.test.ts`, then read the diff.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, summarizeDiagnostics, type Diagnostic } from '../src/diagnostics/diagnostic.ts';
import { catalogue, type Code } from '../src/diagnostics/catalogue.ts';
import { MAX_SOURCE_BYTES } from '../src/pipeline/read.ts';
import { caseNames, casesRoot, repoRoot, validateFolder } from './helpers/validate-cases.ts';

const run = promisify(execFile);
const UPDATE = process.env.UPDATE === '1';
const A = 'agreements/finsam-exempel';

interface Expectation {
  case: string;
  /** What the mistake is (written as a note at the top of expected.txt). */
  what: string;
  code: Code;
  file: string;
  line: number;
  column?: number;
}

/** Every bad case: the diagnostic it must give, at the place of the mistake. */
const table: Expectation[] = [
  // Reading files
  { case: 'yaml-syntax', what: 'cluster: "Exempelregionen utan avslutande citattecken', code: 'yaml-syntax', file: `${A}/agreement.yaml`, line: 6, column: 26 },
  { case: 'yaml-dubblett-nyckel', what: 'cluster: står två gånger', code: 'yaml-dubblett-nyckel', file: `${A}/agreement.yaml`, line: 7, column: 1 },
  { case: 'yaml-tabb', what: 'label: i goals.yaml indragen med tabb', code: 'yaml-tabb', file: `${A}/goals.yaml`, line: 9, column: 1 },
  { case: 'yaml-inget-objekt', what: 'job-tracks.yaml är en lista, inte ett objekt', code: 'yaml-inget-objekt', file: `${A}/job-tracks.yaml`, line: 1, column: 1 },
  { case: 'fil-inte-utf8', what: 'text/inledning.md sparad som Latin-1 (Ö på rad 6)', code: 'fil-inte-utf8', file: `${A}/text/inledning.md`, line: 6, column: 1 },
  { case: 'fil-tom', what: 'budget.yaml är tom', code: 'fil-tom', file: `${A}/budget.yaml`, line: 1, column: 1 },
  { case: 'fil-binar', what: 'bilaga-1/uppfoljning.md innehåller binära data', code: 'fil-binar', file: `${A}/bilaga-1/uppfoljning.md`, line: 1, column: 1 },
  // Schema
  { case: 'falt-saknas', what: 'andra undertecknaren saknar name:', code: 'falt-saknas', file: `${A}/agreement.yaml`, line: 40, column: 5 },
  { case: 'falt-okant-titel', what: 'front matter skriver titel: i stället för title:', code: 'falt-okant', file: `${A}/text/mal.md`, line: 3, column: 1 },
  { case: 'falt-okant-titel', what: 'front matter skriver titel: i stället för title:', code: 'falt-saknas', file: `${A}/text/mal.md`, line: 2, column: 1 },
  { case: 'fel-typ', what: 'revisedYearly: ja', code: 'fel-typ', file: `${A}/agreement.yaml`, line: 28, column: 18 },
  { case: 'fel-typ-procent-text', what: 'value: 40% (text, inte tal): ett fel, inte sex', code: 'fel-typ', file: `${A}/goals.yaml`, line: 16, column: 18 },
  { case: 'ogiltigt-varde-kind', what: 'kind: forbund', code: 'ogiltigt-varde', file: 'agreements/organisations.yaml', line: 18, column: 11 },
  { case: 'ogiltigt-id', what: 'id: underskrift-Region (versal)', code: 'ogiltigt-id', file: `${A}/agreement.yaml`, line: 43, column: 9 },
  { case: 'ogiltigt-datum', what: 'decision.date: 2023-02-30', code: 'ogiltigt-datum', file: `${A}/agreement.yaml`, line: 32, column: 9 },
  // Organisation numbers and ids
  { case: 'orgnr-format', what: 'orgnr: 21200-2627 (nio siffror)', code: 'orgnr-format', file: 'agreements/organisations.yaml', line: 22, column: 12 },
  { case: 'orgnr-kontrollsiffra', what: 'orgnr: 212000-2628 (ska sluta på 7)', code: 'orgnr-kontrollsiffra', file: 'agreements/organisations.yaml', line: 22, column: 12 },
  { case: 'orgnr-dubblett', what: 'Vindeln får Umeås nummer, skrivet med tankstreck', code: 'orgnr-dubblett', file: 'agreements/organisations.yaml', line: 30, column: 12 },
  { case: 'id-dubblett', what: 'två indikatorer med id ind-1', code: 'id-dubblett', file: `${A}/goals.yaml`, line: 19, column: 13 },
  { case: 'id-dubblett-register', what: 'två organisationer med id vannas-kommun', code: 'id-dubblett', file: 'agreements/organisations.yaml', line: 28, column: 9 },
  { case: 'part-dubblett', what: 'umea-kommun står två gånger bland parterna', code: 'part-dubblett', file: `${A}/agreement.yaml`, line: 21, column: 19 },
  // References
  { case: 'okand-organisation', what: 'jobbspårets municipality: umea-komun', code: 'okand-organisation', file: `${A}/job-tracks.yaml`, line: 5, column: 19 },
  { case: 'okand-part-underskrift', what: 'undertecknarens party: forsakringskasan', code: 'okand-part', file: `${A}/agreement.yaml`, line: 42, column: 12 },
  { case: 'okand-part-underskrift', what: 'undertecknarens party: forsakringskasan', code: 'underskrift-saknas', file: `${A}/agreement.yaml`, line: 15, column: 19 },
  { case: 'okand-part-atagande', what: 'åtagande för vannas-kommun, som inte är part', code: 'okand-part', file: `${A}/agreement.yaml`, line: 81, column: 12 },
  { case: 'okant-omrade', what: 'målets area: arbte', code: 'okant-omrade', file: `${A}/goals.yaml`, line: 27, column: 11 },
  { case: 'okant-mal', what: 'parent: mal-2', code: 'okant-mal', file: `${A}/goals.yaml`, line: 28, column: 13 },
  { case: 'procent-utanfor', what: 'procentmål 120', code: 'procent-utanfor', file: `${A}/goals.yaml`, line: 16, column: 18 },
  { case: 'bilaga-nummer', what: 'första bilagan har number: 2', code: 'bilaga-nummer', file: `${A}/agreement.yaml`, line: 63, column: 13 },
  // Prose
  { case: 'okand-fotnot', what: '[^fn-malgrupp] i text/mal.md utan definition', code: 'okand-fotnot', file: `${A}/text/mal.md`, line: 6, column: 11 },
  { case: 'okand-fotnot-yaml', what: '[^fn-praktik] i ett åtagande i agreement.yaml utan definition', code: 'okand-fotnot', file: `${A}/agreement.yaml`, line: 82, column: 11 },
  { case: 'fotnot-oanvand', what: '[^fn-oanvand]: definieras men används inte', code: 'fotnot-oanvand', file: `${A}/text/inledning.md`, line: 14, column: 1 },
  { case: 'okant-direktiv', what: '::malgrupp (ska vara ::malgrupper)', code: 'okant-direktiv', file: `${A}/text/mal.md`, line: 8, column: 1 },
  { case: 'direktiv-attribut', what: '::grupp{namn=styrgrupp} (id saknas)', code: 'direktiv-attribut', file: `${A}/text/organisering.md`, line: 6, column: 1 },
  { case: 'direktiv-attribut-lista', what: '::mal{niva=strategiskt lista=streck} (ingen liststil)', code: 'direktiv-attribut', file: `${A}/text/mal.md`, line: 14, column: 1 },
  { case: 'okand-tabell', what: '::tabell{id=motesplanen}', code: 'okand-tabell', file: `${A}/text/organisering.md`, line: 8, column: 1 },
  { case: 'okand-grupp', what: '::grupp{id=ledningsgrupp}', code: 'okand-grupp', file: `${A}/text/organisering.md`, line: 6, column: 1 },
  { case: 'okand-process', what: '::process{id=kartlagning}', code: 'okand-process', file: `${A}/text/organisering.md`, line: 10, column: 1 },
  { case: 'okand-figur', what: '::figur{id=trappan}', code: 'okand-figur', file: `${A}/text/organisering.md`, line: 14, column: 1 },
  { case: 'okant-jobbspar', what: '::jobbspar{id=jobbspar-bygg}', code: 'okant-jobbspar', file: `${A}/text/organisering.md`, line: 12, column: 1 },
  { case: 'data-saknas-budget', what: '::budget men budget.yaml saknas', code: 'data-saknas', file: `${A}/text/organisering.md`, line: 16, column: 1 },
  // Limits, sanitiser, aliases and links (issue 12)
  { case: 'for-djup-nastling', what: '40 nivåer citat (> > > …) i text/mal.md', code: 'for-djup-nastling', file: `${A}/text/mal.md`, line: 6, column: 65 },
  { case: 'for-komplex-markdown', what: '40 tecken * i följd i text/mal.md', code: 'for-komplex-markdown', file: `${A}/text/mal.md`, line: 6, column: 15 },
  { case: 'sanerat-bild', what: '![Karta …](karta.png) i text/mal.md', code: 'sanerat-bild', file: `${A}/text/mal.md`, line: 6, column: 16 },
  { case: 'sanerat-html', what: '<span style="color:red"> i text/mal.md', code: 'sanerat-html', file: `${A}/text/mal.md`, line: 6, column: 15 },
  { case: 'yaml-hanvisning', what: 'cluster: *kluster utan ankare', code: 'yaml-hanvisning', file: `${A}/agreement.yaml`, line: 6, column: 10 },
  { case: 'symbolisk-lank', what: 'sections: text/lank.md är en symbolisk länk till inledning.md', code: 'symbolisk-lank', file: `${A}/agreement.yaml`, line: 61, column: 7 },
  { case: 'malvarde-text-skiljer', what: 'indikatorns text säger 45 %, target.value 40', code: 'malvarde-text-skiljer', file: `${A}/goals.yaml`, line: 13, column: 15 },
  { case: 'inte-part-jobbspar', what: 'jobbspår för vannas-kommun, som finns i registret men inte är part', code: 'inte-part', file: `${A}/job-tracks.yaml`, line: 5, column: 19 },
  { case: 'frontmatter-saknas', what: 'bilaga-1/uppfoljning.md utan front matter', code: 'frontmatter-saknas', file: `${A}/bilaga-1/uppfoljning.md`, line: 1, column: 1 },
  // Files and paths
  { case: 'fil-saknas-avsnitt', what: 'sections: text/saknas.md finns inte', code: 'fil-saknas', file: `${A}/agreement.yaml`, line: 61, column: 7 },
  { case: 'fil-saknas-figur', what: 'figurens file: figurer/trappan.svg finns inte', code: 'fil-saknas', file: `${A}/agreement.yaml`, line: 71, column: 11 },
  { case: 'avsnitt-dubblett', what: 'text/mal.md står både i main och i bilagan', code: 'avsnitt-dubblett', file: `${A}/agreement.yaml`, line: 67, column: 9 },
  { case: 'avsnitt-oanvant', what: 'text/utkast.md ingår inte i något dokument', code: 'avsnitt-oanvant', file: `${A}/text/utkast.md`, line: 1, column: 1 },
  { case: 'sokvag-utanfor-avsnitt', what: 'sections: ../../../utanfor.md', code: 'sokvag-utanfor', file: `${A}/agreement.yaml`, line: 61, column: 7 },
  { case: 'sokvag-utanfor-figur-absolut', what: 'figurens file: /etc/passwd', code: 'sokvag-utanfor', file: `${A}/agreement.yaml`, line: 71, column: 11 },
  { case: 'sokvag-utanfor-figur-relativ', what: 'figurens file: ../../x.png (filen finns, men utanför överenskommelsens mapp)', code: 'sokvag-utanfor', file: `${A}/agreement.yaml`, line: 71, column: 11 },
  { case: 'ingen-overenskommelse', what: 'agreements/ har bara organisations.yaml', code: 'ingen-overenskommelse', file: 'agreements', line: 1, column: 1 },
  // Dates
  { case: 'datum-ordning', what: 'validity.to 2022-12-31 före from 2023-01-01', code: 'datum-ordning', file: `${A}/agreement.yaml`, line: 27, column: 7 },
  { case: 'beslutsfrist-efter-slut', what: 'nextDecisionBy 2024-01-15 efter to 2023-12-31', code: 'beslutsfrist-efter-slut', file: `${A}/agreement.yaml`, line: 29, column: 19 },
  { case: 'revideringstext', what: 'nextDecisionText: Nästa revidering sker {datm}. (okänd platshållare)', code: 'revideringstext', file: `${A}/agreement.yaml`, line: 31, column: 21 },
  { case: 'revideringstext-datum-i-texten', what: 'nextDecisionText: Nästa revidering sker 2023-11-30. (datumet med siffror i stället för {datum})', code: 'revideringstext', file: `${A}/agreement.yaml`, line: 31, column: 21 },
  { case: 'undertitel-upprepar', what: 'subtitle: upprepar slutet av title:', code: 'undertitel-upprepar', file: `${A}/agreement.yaml`, line: 5, column: 11 },
  { case: 'beslut-efter-start', what: 'decision.date 2023-01-10 efter from 2023-01-01', code: 'beslut-efter-start', file: `${A}/agreement.yaml`, line: 32, column: 9 },
  { case: 'underskrift-efter-start', what: 'underskrift 2023-02-01 efter from 2023-01-01', code: 'underskrift-efter-start', file: `${A}/agreement.yaml`, line: 47, column: 11 },
  // Parties and Finsam
  { case: 'underskrift-saknas', what: 'Försäkringskassans undertecknare borttagen', code: 'underskrift-saknas', file: `${A}/agreement.yaml`, line: 15, column: 19 },
  { case: 'underskrift-del', what: 'Försäkringskassan skriver under för en del (scope:)', code: 'underskrift-del', file: `${A}/agreement.yaml`, line: 43, column: 12 },
  { case: 'finsam-medlem-saknas', what: 'regionen har finsamMember: false', code: 'finsam-medlem-saknas', file: `${A}/agreement.yaml`, line: 7, column: 9 },
  { case: 'finsam-fordelning', what: 'bidragen 2023 fördelas 50/30/20', code: 'finsam-fordelning', file: `${A}/budget.yaml`, line: 16, column: 15 },
];

/** Cases that must give no diagnostic at all. */
const validCases: Record<string, string> = {
  'valid-minimal': 'Giltigt projekt: Finsam med kommun, region, Försäkringskassan och Arbetsförmedlingen; orgnr skrivna 212000-2627, "2120002841" och 212 000-2544.',
  'crlf-bom': 'valid-minimal med CRLF-radslut och byte-order mark i varje fil: ska godtas utan anmärkning.',
  'orgnr-utan-citattecken': 'orgnr: 2120002841 utan citattecken (YAML läser ett tal): godtas som siffrorna och normaliseras.',
};

/** Codes that no content can trigger, with why (every other code must be in the table). */
const notFromContent: Partial<Record<Code, string>> = {
  'extern-resurs': 'ges bara av build, när ett renderat dokument försöker hämta en extern resurs',
  'kunde-inte-behandlas': 'sista utvägen när ett internt fel ändå uppstår i en fil; inget känt innehåll ger det (tests/markdown-limits.test.ts)',
  'fil-for-stor': 'prövas nedan med en fil som skapas i en tillfällig kopia (ingen stor fil i förrådet)',
  // Follow-up (issue 13): each at file:line:col in tests/followup-model.test.ts on tests/fixtures/followup.
  ...Object.fromEntries(['utfall-okand-indikator', 'utfall-enhet', 'utfall-ar-dubblett', 'utfall-utanfor', 'arshjul-ogiltigt-datum', 'process-okand-part', 'process-okant-steg',
    'rapport-ogiltigt-ar', 'rapport-ange-overenskommelse', 'kalender-utan-beslutsfrist', 'part-utan-overenskommelse'].map((c) => [c, 'prövas i tests/followup-model.test.ts och tests/followup-render.test.ts'])),
  'kommando-fel': 'fel användning av kommandoraden med --format json; prövas i tests/cli.test.ts',
  // A build split across machines (issue 10): the command line and the shards' folders, not content.
  ...Object.fromEntries(['bygg-ogiltig-del', 'sammanfoga-ingen-del', 'sammanfoga-del-saknas', 'sammanfoga-del-dubblett', 'sammanfoga-olika-byggen', 'sammanfoga-del-ofullstandig', 'sammanfoga-fil-skadad']
    .map((c) => [c, 'prövas i tests/shards.test.ts'])),
};

const notesOf = (name: string) => {
  const what = validCases[name] ?? [...new Set(table.filter((t) => t.case === name).map((t) => t.what))].join('; ');
  return `# ${name}: ${what}\n`;
};
const formatAll = (list: readonly Diagnostic[]) => list.map((d) => `${formatDiagnostic(d)}\n`).join('');
const withoutNotes = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/^\n+/, '');

const names = caseNames();
const results = new Map<string, Diagnostic[]>();
async function diagnosticsOf(name: string): Promise<Diagnostic[]> {
  let r = results.get(name);
  if (!r) { r = await validateFolder(path.join(casesRoot, name)); results.set(name, r); }
  return r;
}

describe('validate: golden files', () => {
  it('has a case folder for every row of the table and a row for every bad case', () => {
    const inTable = new Set(table.map((t) => t.case));
    expect([...inTable].filter((c) => !names.includes(c))).toEqual([]);
    expect(names.filter((n) => !inTable.has(n) && !(n in validCases))).toEqual([]);
    expect(names.length).toBeGreaterThanOrEqual(37);
  });

  it('covers every code in the catalogue that content can trigger', () => {
    const covered = new Set<string>(table.map((t) => t.code));
    // Codes of the other commands (diff, revision, status, adopt, verify, ci, import) are about revisions,
    // input files and the environment, not content; each is tested with its command (init and
    // overens.config.yaml: tests/init.test.ts and tests/project-root.test.ts).
    const missing = Object.keys(catalogue).filter((c) => !covered.has(c) && !(c in notFromContent) && !/^(diff|revision|status|antagning|verifiera|ci|import|init|konfiguration)-/.test(c));
    expect(missing).toEqual([]);
  });

  it.each(names)('%s matches expected.txt', async (name) => {
    const actual = formatAll(await diagnosticsOf(name));
    const file = path.join(casesRoot, name, 'expected.txt');
    if (UPDATE) writeFileSync(file, `${notesOf(name)}${actual}`);
    const expected = withoutNotes(readFileSync(file, 'utf8'));
    expect(actual).toBe(expected);
  }, 30_000);
});

describe('validate: each mistake is reported at its place', () => {
  it.each(table.map((t) => [`${t.case} → ${t.code} ${t.file}:${t.line}${t.column ? `:${t.column}` : ''}`, t] as const))('%s', async (_label, t) => {
    const list = await diagnosticsOf(t.case);
    const hit = list.find((d) => d.code === t.code && d.file === t.file && d.line === t.line && (t.column === undefined || d.column === t.column));
    expect(hit, `found instead:\n${formatAll(list)}`).toBeDefined();
  });

  it.each(Object.keys(validCases))('%s gives no diagnostic', async (name) => {
    expect(formatAll(await diagnosticsOf(name))).toBe('');
  });

  it('ONE mistake gives errors only about that mistake (no cascades into unrelated files)', async () => {
    for (const name of new Set(table.map((t) => t.case))) {
      const list = await diagnosticsOf(name);
      const allowed = new Set(table.filter((t) => t.case === name).map((t) => `${t.code}|${t.file}|${t.line}`));
      const extra = list.filter((d) => !allowed.has(`${d.code}|${d.file}|${d.line}`));
      expect(extra.map(formatDiagnostic), name).toEqual([]);
    }
  });

  it('accepts the orgnr forms 212000-2627, 2120002627 and 212 000-2627', async () => {
    const text = readFileSync(path.join(casesRoot, 'valid-minimal', 'agreements', 'organisations.yaml'), 'utf8');
    expect(text).toContain('orgnr: 212000-2627');
    expect(text).toContain('orgnr: "2120002841"');
    expect(text).toContain('orgnr: 212 000-2544');
    expect(await diagnosticsOf('valid-minimal')).toEqual([]);
  });
});

describe('validate: a file larger than 1 MiB', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'overens-stor-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is reported as fil-for-stor at line 1 and not read', async () => {
    cpSync(path.join(casesRoot, 'valid-minimal'), tmp, { recursive: true });
    const big = `---\nid: mal\ntitle: Mål\n---\n\n${'Lång text om samverkan. '.repeat(Math.ceil((MAX_SOURCE_BYTES + 10) / 24))}\n`;
    writeFileSync(path.join(tmp, A, 'text', 'mal.md'), big);
    const list = await validateFolder(tmp);
    expect(list.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['fil-for-stor', `${A}/text/mal.md`, 1, 1]]);
    expect(list[0]?.message).toContain(`${MAX_SOURCE_BYTES} byte`);
  });
});

describe('validate: the real CLI', () => {
  const cli = path.join(repoRoot, 'bin', 'overens.js');
  const spawnCli = async (name: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, 'validate', ...args], { cwd: path.join(casesRoot, name) });
      return { stdout, stderr, code: 0 };
    } catch (err) {
      const e = err as { stdout: string; stderr: string; code: number };
      return { stdout: e.stdout, stderr: e.stderr, code: e.code };
    }
  };

  it.each([
    ['valid-minimal', 0],
    ['crlf-bom', 0],
    ['orgnr-kontrollsiffra', 1],
    ['yaml-tabb', 1],
    ['okand-fotnot', 1],
    ['underskrift-efter-start', 0],
    ['underskrift-del', 0],
  ] as const)('%s: prints the golden text and exits %i', async (name, exit) => {
    const r = await spawnCli(name);
    expect(r.code).toBe(exit);
    expect(r.stdout).toBe('');
    const list = await diagnosticsOf(name);
    const expected = withoutNotes(readFileSync(path.join(casesRoot, name, 'expected.txt'), 'utf8'));
    if (list.length === 0) expect(r.stderr).toBe('Kontrollerade 1 överenskommelse: inga fel.\n');
    else {
      const tail = exit === 0 ? 'Kontrollerade 1 överenskommelse: inga fel.\n' : '';
      expect(r.stderr).toBe(`${expected}\n${summarizeDiagnostics(list)}\n${tail}`);
    }
  }, 30_000);

  it.each(['valid-minimal', 'procent-utanfor', 'falt-okant-titel', 'underskrift-del'])('%s: --format json gives the same codes and places', async (name) => {
    const r = await spawnCli(name, '--format', 'json');
    const parsed = JSON.parse(r.stdout) as Diagnostic[];
    const list = await diagnosticsOf(name);
    expect(parsed.map((d) => [d.code, d.file, d.line, d.column, d.severity])).toEqual(list.map((d) => [d.code, d.file, d.line, d.column, d.severity]));
    expect(r.code).toBe(list.some((d) => d.severity === 'fel') ? 1 : 0);
  }, 30_000);

  it('validates an agreement folder and a single file named on the command line', async () => {
    const r = await spawnCli('okant-mal', `${A}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${A}/goals.yaml:28:13  fel  okant-mal`);
    const f = await spawnCli('valid-minimal', `${A}/text/mal.md`);
    expect(f.code).toBe(0);
  }, 30_000);
});
