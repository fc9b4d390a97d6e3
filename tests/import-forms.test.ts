/**
 * `overens import` and the forms of issue 12: lists labelled A) B) C), a) b) and » in Word come in as
 * lines the build keeps as labelled lists (nested lists under their item), and "Beslutsdatum …" above
 * the signatures becomes decision: in agreement.yaml. The Word files are written here with the `docx`
 * package (as scripts/import-fixtures/edge-cases.ts writes kantfall.docx), so no word processor is needed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { parse } from 'yaml';
import { importDocx } from '../src/import/import-docx.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementHtml } from '../src/pipeline/render-html.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const dirs: string[] = [];
afterAll(() => { if (!process.env.KEEP) for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const p = (text: string) => new Paragraph({ text });
const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const cell = (children: Paragraph[]) => new TableCell({ children, width: { size: 4500, type: WidthType.DXA } });

/** A small agreement in Word with lettered and » lists and a decision line of the given words. */
async function wordFile(decisionLine: string): Promise<Buffer> {
  const doc = new Document({
    creator: 'overens',
    title: 'Lokal överenskommelse Norrköping',
    numbering: {
      config: [
        {
          reference: 'letters',
          levels: [
            { level: 0, format: LevelFormat.UPPER_LETTER, text: '%1)', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
          ],
        },
        { reference: 'guillemets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '»', alignment: AlignmentType.START }] },
      ],
    },
    sections: [{
      children: [
        new Paragraph({ text: 'Lokal överenskommelse Norrköping', heading: HeadingLevel.TITLE }),
        h1('1. Parter'),
        new Paragraph({ text: 'Norrköpings kommun, org.nr 212000-0456', bullet: { level: 0 } }),
        new Paragraph({ text: 'Arbetsförmedlingen, organisationsnummer 202100-2114', bullet: { level: 0 } }),
        h1('2. Syfte'),
        p('Överenskommelsen ska bidra till att:'),
        new Paragraph({ text: 'nyanlända snabbare kommer i arbete', numbering: { reference: 'letters', level: 0 } }),
        new Paragraph({ text: 'insatserna samordnas', numbering: { reference: 'letters', level: 0 } }),
        new Paragraph({ text: 'i kommunen', numbering: { reference: 'letters', level: 1 } }),
        new Paragraph({ text: 'i regionen', numbering: { reference: 'letters', level: 1 } }),
        new Paragraph({ text: 'resurserna används väl', numbering: { reference: 'letters', level: 0 } }),
        p('Arbetet bygger på:'),
        new Paragraph({ text: 'kunskap om målgruppen', numbering: { reference: 'guillemets', level: 0 } }),
        new Paragraph({ text: 'gemensamma mötesplatser', numbering: { reference: 'guillemets', level: 0 } }),
        h1('3. Giltighet'),
        p('Överenskommelsen gäller fr.o.m. 2018-03-01 t.o.m. 2019-02-28.'),
        h1('4. Underskrifter'),
        p(decisionLine),
        new Table({
          rows: [new TableRow({
            children: [
              cell([p('Norrköping den 15 februari 2018'), p('För Norrköpings kommun'), p('______________________'), p('Lars Stjernkvist'), p('Kommunstyrelsens ordförande')]),
              cell([p('Norrköping den 15 februari 2018'), p('För Arbetsförmedlingen'), p('______________________'), p('Anna Andersson'), p('Sektionschef')]),
            ],
          })],
        }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

async function importWith(decisionLine: string): Promise<{ dir: string; folder: string; errors: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'overens-import-forms-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'agreements'));
  cpSync(path.join(FIXTURES, 'organisations.yaml'), path.join(dir, 'agreements', 'organisations.yaml'));
  const file = path.join(dir, 'norrkoping.docx');
  writeFileSync(file, await wordFile(decisionLine));
  const r = await importDocx({ file, id: 'norrkoping', project: dir, base: dir });
  expect(r.exitCode, JSON.stringify(r.diagnostics)).toBe(0);
  return { dir, folder: path.join(dir, 'agreements', 'norrkoping'), errors: r.diagnostics.filter((d) => d.severity === 'fel').map((d) => d.message) };
}

describe('overens import: labelled lists and the decision date', () => {
  it('writes A) B) C) with a) b) under B) and » as lines the build keeps as labelled lists', async () => {
    const { dir, folder, errors } = await importWith('Beslutsdatum 2018-02-15, Delegationen för unga och nyanlända till arbete');
    expect(errors).toEqual([]);
    const md = readFileSync(path.join(folder, 'text', '02-syfte.md'), 'utf8');
    expect(md).toContain('A) nyanlända snabbare kommer i arbete\nB) insatserna samordnas\n   a) i kommunen\n   b) i regionen\nC) resurserna används väl\n');
    expect(md).toContain('» kunskap om målgruppen\n» gemensamma mötesplatser\n');
    expect(readFileSync(path.join(folder, 'IMPORT.md'), 'utf8')).not.toContain('etiketterna');

    const v = await validatePaths(['.'], { base: dir });
    const project = v.projects[0];
    const agreement = project?.agreements[0];
    if (!project || !agreement) throw new Error('ingen överenskommelse');
    const html = (await renderAgreementHtml(project, agreement, { sourceHash: 'e'.repeat(64), print: true })).html;
    expect(html).toMatch(/<ol type="A" class="label-upper-paren">\s*<li>nyanlända snabbare kommer i arbete<\/li>\s*<li>insatserna samordnas\s*<ol type="a" class="label-lower-paren">\s*<li>i kommunen<\/li>\s*<li>i regionen<\/li>\s*<\/ol>\s*<\/li>\s*<li>resurserna används väl<\/li>\s*<\/ol>/);
    expect(html).toMatch(/<ul class="label-guillemet">\s*<li>kunskap om målgruppen<\/li>\s*<li>gemensamma mötesplatser<\/li>\s*<\/ul>/);
  }, 60_000);

  it('writes the decision date and the body written beside it into decision:', async () => {
    const { folder } = await importWith('Beslutsdatum 2018-02-15, Delegationen för unga och nyanlända till arbete');
    const yaml = parse(readFileSync(path.join(folder, 'agreement.yaml'), 'utf8')) as { decision?: unknown };
    expect(yaml.decision).toEqual({ date: '2018-02-15', body: 'Delegationen för unga och nyanlända till arbete' });
    const report = readFileSync(path.join(folder, 'IMPORT.md'), 'utf8');
    expect(report).toMatch(/Beslutsdatum 2018-02-15, Delegationen för unga och nyanlända till arbete: står under decision: i agreement.yaml\. \*\(Word-filens stycke \d+, under rubriken "4\. Underskrifter"\)\*/);
    expect(report).not.toContain('decision.body är satt till');
    // ::underskrifter prints the decision; the prose does not repeat it.
    expect(readFileSync(path.join(folder, 'text', '04-underskrifter.md'), 'utf8')).toBe('---\nid: underskrifter\ntitle: Underskrifter\n---\n\n::underskrifter\n');
  }, 60_000);

  it('guesses the body when only the date is written, and says so', async () => {
    const { folder, errors } = await importWith('Beslutsdatum: 15 februari 2018');
    expect(errors).toEqual([]);
    const yaml = parse(readFileSync(path.join(folder, 'agreement.yaml'), 'utf8')) as { decision?: unknown };
    expect(yaml.decision).toEqual({ date: '2018-02-15', body: 'Parterna' });
    expect(readFileSync(path.join(folder, 'IMPORT.md'), 'utf8')).toMatch(/\*\*Gissning:\*\* Det beslutande organet står inte vid beslutsdatumet; decision\.body är satt till "Parterna"\./);
  }, 60_000);
});
