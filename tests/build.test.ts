/**
 * End to end: the real CLI (`node bin/overens.js build`) on temporary copies of the shipped project.
 * The project is built once in beforeAll and reused; the other builds run in copies of it (output/
 * included, so the cache keeps them short) or, where the test is about a full build, in fresh copies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGREEMENT_IDS, HAS_BROWSER, HAS_PDF_TOOLS, REPO, describeRun, expectedFacts, hashTree, makeProject, normaliseSpace,
  readManifest, runBuild, sha256File, stagingLeftovers, textPieces, type Manifest,
} from './helpers/build-project.ts';
import { contentsEntries, pdfFonts, pdfInfo, pdfPages, pdfText, qpdfCheck } from './helpers/build-pdf.ts';

if (!HAS_BROWSER) {
  console.warn('Hoppar över PDF-delarna av byggtesterna: varken /usr/bin/chromium eller PUPPETEER_EXECUTABLE_PATH finns (installera med `apt-get install chromium`).');
}
if (HAS_BROWSER && !HAS_PDF_TOOLS) {
  console.warn('Hoppar över PDF-granskningen i byggtesterna: pdfinfo, pdffonts, pdftotext (poppler-utils) eller qpdf saknas.');
}

/** Exit code of a successful build: 2 when no browser could print the PDFs. */
const OK_EXIT = HAS_BROWSER ? 0 : 2;
const temps: string[] = [];
const project = (label: string, from?: string): string => {
  const dir = makeProject(label, from);
  temps.push(dir);
  return dir;
};

/** A snapshot of the shipped agreements/, taken once, so every copy builds the very same sources. */
let source: string;
let first: string;
let firstManifest: Manifest;
let firstRun: ReturnType<typeof runBuild>;

beforeAll(() => {
  source = project('source');
  first = project('first', source);
  firstRun = runBuild(first);
  firstManifest = existsSync(path.join(first, 'output', 'manifest.json')) ? readManifest(first) : { agreements: [], files: [] };
}, 180_000);

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const out = (dir: string, rel = ''): string => path.join(dir, 'output', rel);
const filesOf = (m: Manifest, id: string, format: 'html' | 'pdf') => m.files.filter((f) => f.agreement === id && f.format === format);
const pdfOf = (m: Manifest, id: string): string => {
  const f = filesOf(m, id, 'pdf')[0];
  if (!f) throw new Error(`ingen PDF för ${id} i manifestet`);
  return f.path;
};

describe('overens build (hela projektet)', () => {
  it('builds every agreement into output/ with index.html and a manifest that matches the files', () => {
    expect(firstRun.status, describeRun(firstRun)).toBe(OK_EXIT);
    expect(AGREEMENT_IDS.length).toBeGreaterThanOrEqual(3);
    const index = readFileSync(out(first, 'index.html'), 'utf8');
    expect(firstManifest.agreements.map((a) => a.id)).toEqual(AGREEMENT_IDS);
    for (const id of AGREEMENT_IDS) {
      const { revision, title } = expectedFacts(first, id);
      const stem = `${id}/${id}-${revision}`;
      const formats = HAS_BROWSER ? (['html', 'pdf'] as const) : (['html'] as const);
      for (const format of formats) {
        const rel = `${stem}.${format}`;
        expect(existsSync(out(first, rel)), rel).toBe(true);
        expect(index, `index.html länkar ${rel}`).toContain(`href="${rel}"`);
      }
      const entry = firstManifest.agreements.find((a) => a.id === id);
      expect(entry?.title).toBe(title);
      expect(entry?.revision).toBe(revision);
      expect(entry?.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    }
    // Every manifest entry describes a file on disk, byte for byte, and says where it came from.
    expect(firstManifest.files.length).toBe(AGREEMENT_IDS.length * (HAS_BROWSER ? 2 : 1));
    for (const f of firstManifest.files) {
      const abs = out(first, f.path);
      expect(sha256File(abs), f.path).toBe(f.sha256);
      expect(readFileSync(abs).byteLength, f.path).toBe(f.bytes);
      const a = firstManifest.agreements.find((x) => x.id === f.agreement);
      expect(a, f.path).toBeDefined();
      expect(f.document, f.path).toMatch(/\S/);
      expect(f.revision, f.path).toBe(a?.revision);
      expect(f.sourceHash, f.path).toBe(a?.sourceHash);
    }
    // Nothing else in output/ but the listed files, the index and the manifest.
    expect(Object.keys(hashTree(out(first))).sort()).toEqual([...firstManifest.files.map((f) => f.path), 'index.html', 'manifest.json'].sort());
    expect(stagingLeftovers(first)).toEqual([]);
  });

  describe.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('every built PDF (poppler, qpdf)', () => {
    for (const id of AGREEMENT_IDS) {
      describe(id, () => {
        const file = () => out(first, pdfOf(firstManifest, id));

        it('is tagged, A4, without JavaScript or encryption, with title, author, subject and keywords', () => {
          const info = pdfInfo(file());
          const { title } = expectedFacts(first, id);
          expect(info.Tagged).toBe('yes');
          expect(info.Title).toBe(title);
          expect(info.Author).toMatch(/\S/);
          expect(info.Subject).toMatch(/\S/);
          expect(info.Keywords).toMatch(/\S/);
          expect(info.JavaScript).toBe('no');
          expect(info.Encrypted).toBe('no');
          expect(info['Page size']).toMatch(/\(A4\)$/);
        });

        it('embeds every font, none of them Type 3, and passes qpdf --check', () => {
          const rows = pdfFonts(file());
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) {
            expect(row).not.toContain('Type 3');
            // name type encoding emb sub uni object ID
            expect(row, row).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
            // The build's own faces only: a face the printer failed to serve falls back to the system's.
            expect(row, row).toMatch(/^[A-Z]{6}\+(SourceSerif4|Inter)-/);
          }
          const check = qpdfCheck(file());
          expect(check.status, check.output).toBe(0);
          expect(check.output).toContain('No syntax or stream encoding errors');
        });

        it('prints every party with organisationsnummer, every indicator and every signatory', () => {
          const facts = expectedFacts(first, id);
          const text = normaliseSpace(pdfText(file()));
          for (const p of facts.parties) {
            expect(text, `part ${p.name}`).toContain(normaliseSpace(p.name));
            if (p.unit) expect(text, `enhet ${p.unit}`).toContain(normaliseSpace(p.unit));
            expect(text, `org.nr ${p.orgnr} (${p.name})`).toContain(p.orgnr);
          }
          for (const indicator of facts.indicators) {
            for (const piece of textPieces(indicator)) expect(text, `indikator: ${indicator}`).toContain(piece);
          }
          for (const name of facts.signatories) expect(text, `undertecknare ${name}`).toContain(name);
        });

        it('numbers the pages "Sida n av N" and prints the short source hash on every page', () => {
          const pages = pdfPages(file());
          const n = Number(pdfInfo(file()).Pages);
          expect(pages.length).toBe(n);
          expect(pages[0]).toMatch(new RegExp(`Sida 1 av ${n}\\b`));
          const short = (firstManifest.agreements.find((a) => a.id === id)?.sourceHash ?? '').slice(0, 12);
          expect(short).toMatch(/^[0-9a-f]{12}$/);
          pages.forEach((page, i) => {
            expect(page, `sida ${i + 1}`).toContain(short);
            expect(page, `sida ${i + 1}`).toMatch(new RegExp(`Sida ${i + 1} av ${n}\\b`));
          });
        });

        it('lists each heading in the contents with the page it stands on', () => {
          const pages = pdfPages(file());
          const { entries, contentsPages } = contentsEntries(pages);
          // As many entries as the HTML's table of contents has links.
          const html = readFileSync(out(first, filesOf(firstManifest, id, 'html')[0]?.path ?? ''), 'utf8');
          const links = html.match(/class="toc-link"/g)?.length ?? 0;
          expect(links).toBeGreaterThan(0);
          expect(entries.map((e) => e.text)).toHaveLength(links);
          const lastContentsPage = Math.max(...contentsPages);
          for (const e of entries) {
            expect(e.page, e.text).toBeGreaterThan(lastContentsPage);
            expect(e.page, e.text).toBeLessThanOrEqual(pages.length);
            // Compared without case: headings may be set in capitals by CSS (text-transform).
            const page = normaliseSpace(pdfText(file(), { first: e.page, last: e.page })).toLocaleLowerCase('sv');
            expect(page, `"${e.text}" på sidan ${e.page}`).toContain(e.text.replace(/ ?\(ingår inte\)/g, '').toLocaleLowerCase('sv'));
          }
        });
      });
    }
  });

  it('builds byte-identical HTML and PDF from the same sources in another folder (--force)', () => {
    const second = project('second', source);
    const r = runBuild(second, ['--force']);
    expect(r.status, describeRun(r)).toBe(OK_EXIT);
    const again = readManifest(second);
    expect(again.files.map((f) => f.path)).toEqual(firstManifest.files.map((f) => f.path));
    for (const f of firstManifest.files) {
      expect(sha256File(out(second, f.path)), f.path).toBe(sha256File(out(first, f.path)));
    }
    expect(readFileSync(out(second, 'manifest.json'), 'utf8')).toBe(readFileSync(out(first, 'manifest.json'), 'utf8'));
    expect(readFileSync(out(second, 'index.html'), 'utf8')).toBe(readFileSync(out(first, 'index.html'), 'utf8'));
  }, 180_000);

  it.skipIf(!HAS_BROWSER)('carries unchanged agreements over and rebuilds only the one whose section changed', () => {
    const before = hashTree(out(first));
    const r = runBuild(first);
    expect(r.status, describeRun(r)).toBe(0);
    for (const f of firstManifest.files) expect(r.stderr).toMatch(new RegExp(`oförändrad\\s+${f.path}`));
    expect(r.stderr).not.toMatch(/\bbyggd\b/);
    expect(hashTree(out(first))).toEqual(before);

    // Edit one section of one agreement, in a copy so `first` stays as built.
    const edited = project('edited', first);
    const [changed, ...others] = AGREEMENT_IDS as [string, ...string[]];
    const sectionDir = path.join(edited, 'agreements', changed, 'text');
    const section = path.join(sectionDir, readdirSync(sectionDir).filter((f) => f.endsWith('.md')).sort()[0] ?? '');
    appendFileSync(section, '\nEn mening som lades till i testet av cachen.\n');
    const r2 = runBuild(edited);
    expect(r2.status, describeRun(r2)).toBe(0);
    const m2 = readManifest(edited);
    const after = hashTree(out(edited));
    for (const f of filesOf(firstManifest, changed, 'html').concat(filesOf(firstManifest, changed, 'pdf'))) {
      expect(r2.stderr, f.path).toMatch(new RegExp(`byggd\\s+${f.path}`));
      expect(after[f.path], f.path).not.toBe(before[f.path]);
    }
    expect(m2.agreements.find((a) => a.id === changed)?.sourceHash).not.toBe(firstManifest.agreements.find((a) => a.id === changed)?.sourceHash);
    expect(readFileSync(out(edited, filesOf(m2, changed, 'html')[0]?.path ?? ''), 'utf8')).toContain('En mening som lades till i testet av cachen.');
    for (const id of others) {
      for (const f of firstManifest.files.filter((x) => x.agreement === id)) {
        expect(r2.stderr, f.path).toMatch(new RegExp(`oförändrad\\s+${f.path}`));
        expect(after[f.path], f.path).toBe(before[f.path]);
      }
      expect(m2.agreements.find((a) => a.id === id)).toEqual(firstManifest.agreements.find((a) => a.id === id));
    }
  }, 180_000);

  it('fails atomically on a broken agreement: exit 1, yaml-syntax with file:line, output/ untouched', () => {
    const broken = project('broken', first);
    const before = hashTree(out(broken));
    const id = AGREEMENT_IDS[0] ?? '';
    const file = path.join(broken, 'agreements', id, 'agreement.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: ['));
    const r = runBuild(broken, ['--force']);
    expect(r.status, describeRun(r)).toBe(1);
    expect(r.stderr).toContain('yaml-syntax');
    expect(r.stderr).toMatch(new RegExp(`agreements/${id}/agreement\\.yaml:\\d+(:\\d+)?\\s+fel\\s+yaml-syntax`));
    expect(hashTree(out(broken))).toEqual(before);
    expect(readFileSync(out(broken, 'manifest.json'), 'utf8')).toBe(readFileSync(out(first, 'manifest.json'), 'utf8'));
    if (HAS_BROWSER) {
      const pdf = pdfOf(firstManifest, id);
      expect(sha256File(out(broken, pdf))).toBe(firstManifest.files.find((f) => f.path === pdf)?.sha256);
    }
    expect(stagingLeftovers(broken)).toEqual([]);
  }, 60_000);

  it('without a browser writes HTML and the index, no PDF, exits 2 and says how to get Chromium', () => {
    const fresh = project('nobrowser', source);
    const r = runBuild(fresh, ['--force'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(r.status, describeRun(r)).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
    const m = readManifest(fresh);
    expect(m.files.every((f) => f.format === 'html')).toBe(true);
    const index = readFileSync(out(fresh, 'index.html'), 'utf8');
    for (const id of AGREEMENT_IDS) {
      const { revision } = expectedFacts(fresh, id);
      expect(existsSync(out(fresh, `${id}/${id}-${revision}.html`))).toBe(true);
      expect(existsSync(out(fresh, `${id}/${id}-${revision}.pdf`))).toBe(false);
      expect(index).toContain(`href="${id}/${id}-${revision}.html"`);
      expect(index).not.toContain(`href="${id}/${id}-${revision}.pdf"`);
    }
    expect(Object.keys(hashTree(out(fresh))).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(stagingLeftovers(fresh)).toEqual([]);
  }, 120_000);

  describe.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('untrusted content end to end', () => {
    let server: Server;
    let hits = 0;
    let port = 0;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits++;
        res.end('x');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sanitises scripts, file:// and remote resources in Markdown, and refuses them in a template override', () => {
      const dir = project('untrusted', first);
      const id = AGREEMENT_IDS.includes('skelleftea-norsjo') ? 'skelleftea-norsjo' : (AGREEMENT_IDS[0] ?? '');
      const textDir = path.join(dir, 'agreements', id, 'text');
      const sections = readdirSync(textDir).filter((f) => f.endsWith('.md')).sort();
      const sectionFile = path.join(textDir, sections.find((f) => f.includes('uppfoljning')) ?? sections[0] ?? '');
      const original = readFileSync(sectionFile, 'utf8');
      const body = original.replace(/^---\n[\s\S]*?\n---\n/, '');
      const after = 'Efter de otillåtna elementen står den här meningen kvar.';
      appendFileSync(
        sectionFile,
        [
          '',
          "<script>document.body.innerHTML='HACKED'</script>",
          '',
          '<img src="file:///etc/passwd">',
          '',
          `<img src="http://127.0.0.1:${port}/x.png">`,
          '',
          `<iframe src="http://127.0.0.1:${port}/"></iframe>`,
          '',
          after,
          '',
        ].join('\n'),
      );
      const r = runBuild(dir);
      expect(r.status, describeRun(r)).toBe(0);
      expect(hits).toBe(0);
      const m = readManifest(dir);
      const html = readFileSync(out(dir, filesOf(m, id, 'html')[0]?.path ?? ''), 'utf8');
      const pdf = out(dir, pdfOf(m, id));
      const text = normaliseSpace(pdfText(pdf));
      expect(html).not.toContain('HACKED');
      expect(text).not.toContain('HACKED');
      expect(html).not.toContain('/etc/passwd');
      expect(html).not.toContain(`127.0.0.1:${port}`);
      for (const para of body.split(/\n\s*\n/).filter((p) => p.trim() && !p.trim().startsWith('#'))) {
        for (const piece of textPieces(para)) expect(text).toContain(piece);
      }
      expect(text).toContain(after);

      // A template override that asks for a remote image: the build refuses it and keeps output/.
      const before = hashTree(out(dir));
      const partials = path.join(dir, 'agreements', id, 'templates', 'partials');
      mkdirSync(partials, { recursive: true });
      // The title page partial is used by every agreement (templates/layout.hbs); keep it and add the image.
      const partial = 'title-page';
      expect(readFileSync(path.join(REPO, 'templates', 'layout.hbs'), 'utf8')).toContain(`{{> ${partial}`);
      writeFileSync(
        path.join(partials, `${partial}.hbs`),
        `${readFileSync(path.join(REPO, 'templates', 'partials', `${partial}.hbs`), 'utf8')}\n<img src="http://127.0.0.1:${port}/y.png">\n`,
      );
      const r2 = runBuild(dir);
      expect(r2.status, describeRun(r2)).toBe(1);
      expect(r2.stderr).toMatch(new RegExp(`agreements/${id}/templates\\S*\\s+fel\\s+extern-resurs`));
      expect(r2.stderr).toContain(`http://127.0.0.1:${port}/y.png`);
      expect(hashTree(out(dir))).toEqual(before);
      expect(stagingLeftovers(dir)).toEqual([]);
      expect(hits).toBe(0);
    }, 180_000);
  });
});
