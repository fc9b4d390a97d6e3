/**
 * The imported folders build: `overens import` of each Word fixture into one temporary project,
 * then `overens build` (HTML and PDF), and the PDF's text (pdftotext) holds every party with its
 * organisation number, every signatory, the validity dates, each footnote and each target of the
 * Word file. The expected facts are read off the fixtures' sources, not off the import's output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, HAS_BROWSER, HAS_PDF_TOOLS, describeRun, normaliseSpace, runBuild } from './helpers/build-project.ts';
import { pdfText } from './helpers/build-pdf.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');

interface Facts { parties: string[]; signatories: string[]; dates: string[]; footnotes: string[]; targets: string[] }

/** What each Word file says (see tests/fixtures/import/sources and scripts/import-fixtures/edge-cases.ts). */
const SOURCE_FACTS: Record<string, Facts> = {
  'skelleftea-norsjo': {
    parties: ['Skellefteå kommun, Organisationsnummer 212000-2643', 'Norsjö kommun, Organisationsnummer 212000-2858', 'Arbetsförmedlingen Skellefteå, Organisationsnummer 202100-2114'],
    signatories: ['Lorents Burman', 'Mikael Lindfors', 'Anders Eriksson', 'Arbetsförmedlingschef'],
    dates: ['2020-11-01', 'tills vidare', 'revideras årligen'],
    footnotes: ['Med funktionsnedsättning avses i hela överenskommelsen en funktionsnedsättning som medför nedsatt arbetsförmåga', 'Med ungdomar avses unga 16–24 år', 'Med arbetsmarknadsanställningar avses tidsbegränsade anställningar inom ramen för kollektivavtalet BEA.'],
    targets: ['minst 60 %', '50 %', 'ska minska jämfört med föregående år', 'ska öka jämfört med samma period föregående år'],
  },
  umearegionen: {
    parties: ['Arbetsförmedlingen, Organisationsnummer 202100-2114', 'Umeå kommun, Organisationsnummer 212000-2627', 'Vännäs kommun, Organisationsnummer 212000-2841', 'Samordningsförbundet Umeåregionen, Organisationsnummer 222000-1834', 'Kriminalvården, Organisationsnummer 202100-0225', 'Lycksele kommun, Organisationsnummer 212000-2569'],
    signatories: ['Peter Vigren', 'Anna Frej', 'Jessica Norman', 'Kenneth Lindkvist', 'Eva Lindberg', 'Annika Jonsson', 'För de delar som gäller kriminalvården'],
    dates: ['2023-01-01', '2023-12-31', '2023-11-30'],
    footnotes: ['Samordningsförbundet bildades enligt lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser.'],
    targets: ['minst 12 jobbspår', 'minst 60 %', '50 %'],
  },
  kantfall: {
    parties: ['Skellefteå kommun, Organisationsnummer 212000-2643', 'Arbetsförmedlingen, Organisationsnummer 202100-2114'],
    signatories: ['Kristina Sundin Jonsson', 'Kommundirektör', 'Bo Ek', 'Sektionschef'],
    dates: ['2024-03-01', '2025-02-28'],
    footnotes: ['Med deltagare avses personer som är inskrivna i insatsen.', 'Siffran avser helår.'],
    targets: ['högst 5 %', 'ska minska jämfört med föregående år'],
  },
};

let project: string;
let build: ReturnType<typeof runBuild>;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'overens-import-build-'));
  mkdirSync(path.join(project, 'agreements'));
  cpSync(path.join(FIXTURES, 'organisations.yaml'), path.join(project, 'agreements', 'organisations.yaml'));
  for (const name of Object.keys(SOURCE_FACTS)) {
    const r = spawnSync(process.execPath, [CLI, 'import', path.join(FIXTURES, `${name}.docx`)], { cwd: project, encoding: 'utf8', timeout: 90_000 });
    if (r.status !== 0) throw new Error(`import ${name}: ${describeRun(r)}`);
  }
  build = runBuild(project);
}, 300_000);

afterAll(() => { rmSync(project, { recursive: true, force: true }); });

describe('imported agreements build', () => {
  it('build HTML (and PDF when a browser is installed) for every imported agreement', () => {
    expect(build.status, describeRun(build)).toBe(HAS_BROWSER ? 0 : 2);
    for (const name of Object.keys(SOURCE_FACTS)) expect(existsSync(path.join(project, 'output', name)), name).toBe(true);
  });

  describe.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('the PDF holds the facts of the Word file', () => {
    it.each(Object.entries(SOURCE_FACTS))('%s', (name, facts) => {
      const year = { 'skelleftea-norsjo': '2020', umearegionen: '2023', kantfall: '2024' }[name];
      const text = normaliseSpace(pdfText(path.join(project, 'output', name, `${name}-${year}.pdf`)).replace(/↩/g, ''));
      for (const want of [...facts.parties, ...facts.signatories, ...facts.dates, ...facts.footnotes, ...facts.targets]) {
        expect(text, want).toContain(normaliseSpace(want));
      }
    });
  });
});
