/**
 * The edge-case fixture for `overens import`, written with the `docx` package rather than a word
 * processor: typed heading numbers, nested lists in three formats, merged table cells, a list in a
 * merged cell, footnotes in a table, an image without alternative text, dates with month names.
 */
import {
  AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { smallPng } from './fodt.ts';

const p = (text: string) => new Paragraph({ text });
const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const cell = (children: Paragraph[], extra: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children, width: { size: 3000, type: WidthType.DXA }, ...extra });

/** Builds the edge-case .docx. */
export async function edgeCasesDocx(): Promise<Buffer> {
  const doc = new Document({
    creator: 'overens',
    title: 'Lokal överenskommelse Kantfall',
    numbering: {
      config: [
        {
          reference: 'decimal-nested',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', alignment: AlignmentType.START },
            { level: 2, format: LevelFormat.BULLET, text: '»', alignment: AlignmentType.START },
          ],
        },
        {
          reference: 'roman',
          levels: [
            { level: 0, format: LevelFormat.LOWER_ROMAN, text: '%1)', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.UPPER_LETTER, text: '%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes: {
      1: { children: [p('Med deltagare avses personer som är inskrivna i insatsen.')] },
      2: { children: [p('Siffran avser helår.')] },
    },
    sections: [{
      children: [
        new Paragraph({ text: 'Lokal överenskommelse Kantfall', heading: HeadingLevel.TITLE }),
        h1('1. Parter'),
        new Paragraph({ text: 'Skellefteå kommun, org.nr 2120002643', bullet: { level: 0 } }),
        new Paragraph({ text: 'Arbetsförmedlingen, organisationsnummer 202100-2114', bullet: { level: 0 } }),
        h1('2. Lokala mål'),
        p('Mål 1'),
        p('Färre unga ska vara arbetslösa'),
        p('Indikatorer'),
        new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Arbetslösheten bland unga deltagare'), new FootnoteReferenceRun(1), new TextRun(' ska minska jämfört med föregående år.')] }),
        new Paragraph({ text: 'Högst 5 % av deltagarna avbryter insatsen.', bullet: { level: 0 } }),
        h1('3. Arbetssätt'),
        p('Arbetet sker i tre steg:'),
        new Paragraph({ text: 'Kartläggning', numbering: { reference: 'decimal-nested', level: 0 } }),
        new Paragraph({ text: 'Samtal med individen', numbering: { reference: 'decimal-nested', level: 1 } }),
        new Paragraph({ text: 'Underlag från handläggaren', numbering: { reference: 'decimal-nested', level: 2 } }),
        new Paragraph({ text: 'Insats', numbering: { reference: 'decimal-nested', level: 0 } }),
        p('Parterna ansvarar för:'),
        new Paragraph({ text: 'arbetsgivarkontakter', numbering: { reference: 'roman', level: 0 } }),
        new Paragraph({ text: 'uppföljning', numbering: { reference: 'roman', level: 0 } }),
        new Paragraph({ text: 'Månadsvis', numbering: { reference: 'roman', level: 1 } }),
        new Paragraph({ children: [new ImageRun({ type: 'png', data: smallPng(), transformation: { width: 160, height: 80 } })] }),
        h1('4. Ansvar'),
        new Table({
          rows: [
            new TableRow({ children: [cell([p('Område')]), cell([p('Ansvarig')]), cell([p('Antal')])] }),
            new TableRow({ children: [cell([p('Gemensamt för alla parter')], { columnSpan: 2 }), cell([new Paragraph({ children: [new TextRun('40'), new FootnoteReferenceRun(2)] })])] }),
            new TableRow({ children: [cell([p('Uppföljning')], { rowSpan: 2 }), cell([p('Styrgruppen')]), cell([p('2')])] }),
            new TableRow({ children: [cell([p('Arbetsgruppen')]), cell([p('4')])] }),
          ],
        }),
        p('Kontaktvägar:'),
        new Table({
          rows: [
            new TableRow({ children: [cell([p('Part')]), cell([p('Kanaler')])] }),
            new TableRow({ children: [cell([p('Kommunen')]), cell([new Paragraph({ text: 'Telefon', bullet: { level: 0 } }), new Paragraph({ text: 'E-post', bullet: { level: 0 } })], { rowSpan: 2 })] }),
            new TableRow({ children: [cell([p('Arbetsförmedlingen')])] }),
          ],
        }),
        h1('5. Giltighet'),
        p('Överenskommelsen gäller fr.o.m. 1 mars 2024 t.o.m. 28 februari 2025.'),
        h1('6. Underskrifter'),
        new Table({
          rows: [new TableRow({
            children: [
              cell([p('Skellefteå den 15 februari 2024'), p('För Skellefteå kommun'), p('______________________'), p('Namnförtydligande'), p('Kristina Sundin Jonsson'), p('Kommundirektör')]),
              cell([p('Skellefteå den 16 februari 2024'), p('För Arbetsförmedlingen'), p('______________________'), p('Namnförtydligande'), p('Bo Ek'), p('Sektionschef')]),
            ],
          })],
        }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
