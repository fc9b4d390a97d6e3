/**
 * overens import on real .docx files (made by LibreOffice and by the docx package, see
 * scripts/make-import-fixtures.ts): the folder it writes is compared with golden files in
 * tests/fixtures/import/expected/ (UPDATE=1 rewrites them), and it validates with no errors.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocx } from '../src/import/import-docx.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

/** A temporary project with the test registry in agreements/organisations.yaml. */
function importProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-import-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURES, 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  return dir;
}

function textFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return textFiles(dir, p);
    return /\.(md|yaml)$/.test(e.name) ? [p] : [];
  }).sort();
}

const CASES = ['skelleftea-norsjo', 'umearegionen', 'kantfall'] as const;

describe.each(CASES)('overens import %s.docx', (name) => {
  const run = async () => {
    const project = importProject();
    const result = await importDocx({ file: path.join(FIXTURES, `${name}.docx`), project, base: project });
    return { project, result, folder: path.join(project, 'agreements', name) };
  };

  it('writes the folder of the golden files and validates it with no errors', async () => {
    const { project, result, folder } = await run();
    expect(result.diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
    expect(result.exitCode).toBe(0);
    const expectedDir = path.join(FIXTURES, 'expected', name);
    const files = textFiles(folder);
    const registry = readFileSync(path.join(project, 'agreements', 'organisations.yaml'), 'utf8');
    if (process.env.UPDATE) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const f of files) {
        mkdirSync(path.dirname(path.join(expectedDir, f)), { recursive: true });
        writeFileSync(path.join(expectedDir, f), readFileSync(path.join(folder, f)));
      }
      writeFileSync(path.join(expectedDir, 'organisations.yaml.expected'), registry);
    }
    expect(files).toEqual(textFiles(expectedDir).filter((f) => f !== 'organisations.yaml.expected'));
    for (const f of files) expect(readFileSync(path.join(folder, f), 'utf8'), f).toBe(readFileSync(path.join(expectedDir, f), 'utf8'));
    expect(registry).toBe(readFileSync(path.join(expectedDir, 'organisations.yaml.expected'), 'utf8'));
    // No temporary folder is left behind.
    expect(readdirSync(path.join(project, 'agreements')).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('prints a report that marks what it guessed and says where each fact came from', async () => {
    const { result, folder } = await run();
    const md = readFileSync(path.join(folder, 'IMPORT.md'), 'utf8');
    expect(md).toMatch(/^## Gissningar: kontrollera att de stämmer \([1-9]\d*\)$/m);
    expect(md).toContain('**Gissning:** Dokumentslaget är "overenskommelse"');
    for (const line of md.split('\n').filter((l) => l.startsWith('- '))) expect(line, line).toMatch(/\*\((Word-filens|hela Word-filen|parterna|agreement\.yaml)[^)]*\)\*$/);
    expect(result.report).toContain(`står i agreements/${name}/IMPORT.md`);
  }, 60_000);
});

describe('overens import: what is found in the Word files', () => {
  it('reads labels, footnotes, numbered headings and the contents table as the word processor wrote them', async () => {
    const project = importProject();
    await importDocx({ file: path.join(FIXTURES, 'skelleftea-norsjo.docx'), project, base: project });
    const dir = path.join(project, 'agreements', 'skelleftea-norsjo');
    const agreement = readFileSync(path.join(dir, 'agreement.yaml'), 'utf8');
    expect(agreement).toContain('numbering: 1');
    expect(readFileSync(path.join(dir, 'text', '05-organisering-av-samverkan.md'), 'utf8')).toContain('a) Samlokalisering');
    expect(readFileSync(path.join(dir, 'text', '03-malgrupp.md'), 'utf8')).toContain('[^fn-2]: Med ungdomar avses unga 16–24 år');
    expect(readFileSync(path.join(dir, 'IMPORT.md'), 'utf8')).toMatch(/Word-filens innehållsförteckning \(\d+ stycken\) togs bort/);
    for (const f of readdirSync(path.join(dir, 'text'))) expect(readFileSync(path.join(dir, 'text', f), 'utf8')).not.toMatch(/Innehåll|\t/);
  }, 60_000);

  it('adds an organisation that is not in the registry, with its orgnr normalised', async () => {
    const project = importProject();
    await importDocx({ file: path.join(FIXTURES, 'umearegionen.docx'), project, base: project });
    const registry = readFileSync(path.join(project, 'agreements', 'organisations.yaml'), 'utf8');
    expect(registry).toContain('  - id: lycksele-kommun\n    name: Lycksele kommun\n    orgnr: 212000-2569\n    kind: kommun\n');
    expect(registry.startsWith(readFileSync(path.join(FIXTURES, 'organisations.yaml'), 'utf8').trimEnd())).toBe(true);
  }, 60_000);

  it('uses --id and --kluster', async () => {
    const project = importProject();
    const r = await importDocx({ file: path.join(FIXTURES, 'kantfall.docx'), id: 'mitt-kluster', cluster: 'Mitt kluster', project, base: project });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(project, 'agreements', 'mitt-kluster', 'agreement.yaml'), 'utf8')).toMatch(/^id: mitt-kluster\n(.|\n)*^cluster: Mitt kluster$/m);
    expect(existsSync(path.join(project, 'agreements', 'mitt-kluster', 'figures', 'figur-1.png'))).toBe(true);
  }, 60_000);
});
