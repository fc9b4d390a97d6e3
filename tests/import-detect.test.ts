/** The import's detectors on single lines: organisation numbers, targets, dates, signature blocks, labels. */
import { describe, expect, it } from 'vitest';
import { findOrgnr, guessKind, resolveParty, splitPartySentence } from '../src/import/detect-parties.ts';
import { parseTarget } from '../src/import/detect-goals.ts';
import { isoDate } from '../src/import/detect-validity.ts';
import { parseSignature, splitNameAndOrg } from '../src/import/detect-signatures.ts';
import { formatCounter } from '../src/import/numbering.ts';
import { gridOf } from '../src/import/to-markdown.ts';
import type { ImportDraft } from '../src/import/draft.ts';

describe('organisation numbers in Word text', () => {
  it.each([
    ['Norsjö kommun 212000-2858', 'Norsjö kommun', '212000-2858'],
    ['Norsjö kommun 212 000-2858', 'Norsjö kommun', '212 000-2858'],
    ['Norsjö kommun, org.nr 2120002858', 'Norsjö kommun', '2120002858'],
    ['Norsjö kommun (212000–2858)', 'Norsjö kommun', '212000–2858'],
    ['Norsjö kommun, organisationsnummer: 212000-2858.', 'Norsjö kommun', '212000-2858'],
  ])('%s', (text, name, raw) => {
    expect(findOrgnr(text)).toEqual({ raw, rest: name });
  });

  it('splits a sentence naming several parties', () => {
    expect(splitPartySentence('Parterna är Arbetsförmedlingen (202100–2114), Umeå (212000–2627) och Samordningsförbundet – Umeåregionen (222000–1834).'))
      .toEqual(['Arbetsförmedlingen 202100–2114', 'Umeå 212000–2627', 'Samordningsförbundet – Umeåregionen 222000–1834']);
  });

  it('adds an unknown organisation, and reports a wrong check digit for a person to fix', () => {
    const draft = { registry: [], newOrganisations: [], parties: [], report: [] } as unknown as ImportDraft;
    expect(resolveParty(draft, 'Lycksele kommun', '212000-2560', 'stycke 3')).toBe('lycksele-kommun');
    expect(draft.newOrganisations).toEqual([{ id: 'lycksele-kommun', name: 'Lycksele kommun', orgnr: '212000-2560', kind: 'kommun' }]);
    expect(draft.report.map((r) => r.kind)).toEqual(['kontrollera', 'gissning', 'fakta']);
    expect(draft.report[0]!.text).toContain('fel kontrollsiffra (ska sluta på 9)');
    expect(resolveParty(draft, 'Okänd förening', undefined, 'stycke 4')).toBeUndefined();
  });

  it('guesses the kind from the name and the legal-form digits', () => {
    expect([guessKind('Lycksele kommun', '212000-2569'), guessKind('Region Norrbotten', '232100-0230'), guessKind('Samordningsförbundet X', '222000-0000'), guessKind('Skolverket', '202100-4474'), guessKind('Föreningen', '802000-0000')])
      .toEqual(['kommun', 'region', 'samordningsforbund', 'statlig-myndighet', 'annan']);
  });
});

describe('targets in indicator text', () => {
  it.each([
    ['Minst 60 % av deltagarna går vidare.', { type: 'percent', value: 60, operator: 'minst' }],
    ['Andelen ska uppgå till 50 procent.', { type: 'percent', value: 50 }],
    ['Högst 5,5 % avbryter.', { type: 'percent', value: 5.5, operator: 'högst' }],
    ['Minst 12 jobbspår är i gång.', { type: 'number', value: 12, unit: 'jobbspår', operator: 'minst' }],
    ['Arbetslösheten ska minska jämfört med föregående år.', { type: 'comparison', direction: 'minska', baseline: 'föregående år' }],
    ['Omsättningen ska öka.', { type: 'comparison', direction: 'öka' }],
  ])('%s', (text, target) => {
    expect(parseTarget(text)).toEqual(target);
  });

  it('finds none where the text states none', () => {
    expect(parseTarget('Samverkan följs upp två gånger per år.')).toBeUndefined();
  });
});

describe('dates and signature blocks', () => {
  it('reads ISO dates and Swedish month names, and refuses days that do not exist', () => {
    expect([isoDate('2018-03-01'), isoDate('1 mars 2024'), isoDate('28 februari 2025'), isoDate('2023-02-30'), isoDate('31 april 2024')])
      .toEqual(['2018-03-01', '2024-03-01', '2025-02-28', undefined, undefined]);
  });

  it('reads a block with place, date, "För …", a signing line, name and title', () => {
    expect(parseSignature(['Skellefteå den 15 februari 2024', 'För Skellefteå kommun', '______', 'Namnförtydligande', 'Kristina Sundin Jonsson', 'Kommundirektör']))
      .toEqual({ org: 'Skellefteå kommun', name: 'Kristina Sundin Jonsson', title: 'Kommundirektör', place: 'Skellefteå', date: '2024-02-15', orgFromLine: false });
  });

  it('reads a scoped block whose organisation stands under the name', () => {
    expect(parseSignature(['För de delar som gäller kriminalvården', '.....', 'Annika Jonsson', 'Kriminalvården']))
      .toEqual({ org: 'Kriminalvården', name: 'Annika Jonsson', scope: 'För de delar som gäller kriminalvården', orgFromLine: true });
  });

  it('splits "Name Organisation" on one line at a known organisation name', () => {
    expect(splitNameAndOrg('Peter Vigren Umeå kommun', ['Arbetsförmedlingen', 'Umeå kommun'])).toEqual(['Peter Vigren', 'Umeå kommun']);
    expect(splitNameAndOrg('Styrelsen för Umeå kommun', ['Umeå kommun'])).toEqual(['Styrelsen för Umeå kommun']);
  });

  it('reads "Beslutsdatum" as no place', () => {
    expect(parseSignature(['Beslutsdatum 2022-11-25', '.....', 'Peter Vigren', 'Umeå kommun'])).toEqual({ org: 'Umeå kommun', name: 'Peter Vigren', orgFromLine: true });
  });

  it('gives up on a block without a name', () => {
    expect(parseSignature(['För Skellefteå kommun', '______'])).toBeUndefined();
  });
});

describe('Word labels and merged cells', () => {
  it('formats counters as Word does', () => {
    expect([formatCounter(1, 'lowerLetter'), formatCounter(28, 'upperLetter'), formatCounter(4, 'lowerRoman'), formatCounter(9, 'upperRoman'), formatCounter(3, 'decimal')])
      .toEqual(['a', 'AB', 'iv', 'IX', '3']);
  });

  it('spreads merged cells into a full grid', () => {
    const c = (t: string, colspan = 1, rowspan = 1) => ({ blocks: [{ type: 'paragraph' as const, md: t, plain: t, para: 1 }], colspan, rowspan });
    const grid = gridOf([[c('a'), c('b'), c('c')], [c('wide', 2), c('x')], [c('tall', 1, 2), c('y'), c('z')], [c('p'), c('q')]]);
    const text = grid.map((r) => r.map((x) => (x?.blocks[0] as { plain?: string } | undefined)?.plain ?? ''));
    expect(text).toEqual([['a', 'b', 'c'], ['wide', '', 'x'], ['tall', 'y', 'z'], ['', 'p', 'q']]);
  });
});

describe('long or odd text does not hang the detectors', () => {
  it('finishes on long runs of blanks, digits and capitals', () => {
    const blanks = `123456${' '.repeat(50_000)}x`;
    expect(findOrgnr(blanks)).toBeUndefined();
    expect(splitPartySentence(`${'Ab '.repeat(20_000)}(212000-2643) och ${'Cd '.repeat(20_000)}(212000-2858)`)).toHaveLength(2);
    expect(parseSignature([`För ${'A'.repeat(100_000)}`, `${'Ö '.repeat(50_000)}2024-01-01`])).toBeUndefined();
    expect(parseTarget(`${'minst '.repeat(30_000)}x`)).toBeUndefined();
  }, 20_000);
});
