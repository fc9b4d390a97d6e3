/**
 * `overens adopt` in a real git repository in a temporary folder: the register entry names HEAD and
 * the manifest's PDF sha256, uncommitted sources are refused, `overens diff` compares against the last
 * adopted commit by default, the register stays out of the source hash (but not out of the cache key),
 * and the rendered documents show the revision history.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adopt } from '../src/cycle/adopt.ts';
import { writeRegisterEntry } from '../src/cycle/register.ts';
import { runDiff } from '../src/diff/run.ts';
import { build, type BuildEvent } from '../src/pipeline/build.ts';
import { agreementSourceHash, buildCacheKey, renderedExtras } from '../src/pipeline/hash.ts';
import { renderAgreementHtml } from '../src/pipeline/render-html.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import type { RegisterFileData } from '../src/model/schema.ts';
import { HAS_BROWSER, REPO } from './helpers/build-project.ts';
import { git, makeUmeaRepo } from './helpers/git-repo.ts';

if (!HAS_BROWSER) console.warn('Hoppar över PDF-delarna av antagningstesterna: ingen Chromium (installera med `apt-get install chromium`).');


const readRegisterFile = (repo: string): RegisterFileData => parse(readFileSync(path.join(repo, 'agreements/umearegionen/register.yaml'), 'utf8')) as RegisterFileData;

async function loadUmea(repo: string) {
  const r = await validatePaths([path.join(repo, 'agreements/umearegionen')], { base: repo });
  const project = r.projects[0];
  const agreement = project?.agreements[0];
  if (!project || !agreement) throw new Error('kunde inte läsa umearegionen');
  return { project, agreement, errors: r.diagnostics.filter((d) => d.severity === 'fel') };
}

let repo: string;
beforeAll(() => {
  repo = makeUmeaRepo('adopt');
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('overens adopt', () => {
  it('diff without --from and without an adopted revision says so (diff-ingen-antagen, exit 2)', async () => {
    const run = await runDiff({ agreement: 'umearegionen', cwd: repo });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['diff-ingen-antagen']);
  });

  it('refuses to adopt when the agreement has uncommitted changes (antagning-ej-incheckad)', async () => {
    const file = path.join(repo, 'agreements/umearegionen/text/syfte.md');
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '\nEn ändring som inte är incheckad.\n');
    try {
      const r = await adopt({ agreement: 'umearegionen', date: '2022-11-25', cwd: repo });
      expect(r.exitCode).toBe(1);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['antagning-ej-incheckad']);
      expect(r.diagnostics[0]?.message).toContain('agreements/umearegionen/text/syfte.md');
      expect(() => readFileSync(path.join(repo, 'agreements/umearegionen/register.yaml'))).toThrow();
    } finally {
      writeFileSync(file, before);
    }
  });

  it('refuses a date that is not a date, and a repository-less folder', async () => {
    expect((await adopt({ agreement: 'umearegionen', date: '2022-02-30', cwd: repo })).diagnostics.map((d) => d.code)).toEqual(['antagning-ogiltigt-datum']);
    const plain = mkdtempSync(path.join(tmpdir(), 'overens-adopt-nogit-'));
    try {
      cpSync(path.join(repo, 'agreements'), path.join(plain, 'agreements'), { recursive: true });
      const r = await adopt({ agreement: 'umearegionen', date: '2022-11-25', cwd: plain });
      expect(r.exitCode).toBe(2);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['antagning-inte-git']);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('records revision, date, body, HEAD, the source hash and the built PDF\'s sha256 in register.yaml', async () => {
    const { project, agreement } = await loadUmea(repo);
    const sourceHash = await agreementSourceHash(project, agreement);
    if (!HAS_BROWSER) {
      // Without a browser there is no PDF to decide on: adopt says so, and the later tests get a hand-written entry.
      const r = await adopt({ agreement: 'umearegionen', date: '2022-11-25', cwd: repo });
      expect(r.exitCode).toBe(2);
      expect(r.diagnostics.map((d) => d.code)).toContain('antagning-pdf-saknas');
      await writeRegisterEntry(agreement.dir, { revision: '2023', date: '2022-11-25', body: 'Samordningsförbundets styrelse', commit: git(repo, 'rev-parse', 'HEAD'), sourceHash, pdfSha256: '0'.repeat(64) }, false);
      return;
    }
    const r = await adopt({ agreement: 'umearegionen', date: '2022-11-25', cwd: repo });
    expect(r.diagnostics.filter((d) => d.severity === 'fel')).toEqual([]);
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(repo, 'output/manifest.json'), 'utf8')) as { files: { agreement: string; format: string; sha256: string; path: string; sourceHash: string }[] };
    const pdf = manifest.files.find((f) => f.agreement === 'umearegionen' && f.format === 'pdf');
    const register = readRegisterFile(repo);
    expect(register.adopted).toEqual([{
      revision: '2023',
      date: '2022-11-25',
      body: 'Samordningsförbundets styrelse',
      commit: git(repo, 'rev-parse', 'HEAD'),
      sourceHash,
      pdfSha256: pdf?.sha256,
      pdfFile: 'umearegionen/umearegionen-2023.pdf',
    }]);
    expect(pdf?.sourceHash).toBe(sourceHash);
    // The register is the only file written: the sources are untouched.
    expect(git(repo, 'status', '--porcelain')).toBe('?? agreements/umearegionen/register.yaml');
    // The file validates with the rest of the agreement.
    expect((await loadUmea(repo)).errors).toEqual([]);
  }, 180_000);

  it('keeps register.yaml out of the source hash but in the cache key; the next build gives the adopted bytes, then is cached', async () => {
    const { project, agreement } = await loadUmea(repo);
    const entry = readRegisterFile(repo).adopted[0];
    expect(agreement.register?.adopted).toHaveLength(1);
    expect(await agreementSourceHash(project, agreement)).toBe(entry?.sourceHash);
    expect(await buildCacheKey(entry?.sourceHash ?? '', renderedExtras(agreement))).not.toBe(await buildCacheKey(entry?.sourceHash ?? ''));
    if (!HAS_BROWSER) return;
    const events: BuildEvent[] = [];
    const first = await build({ targets: ['umearegionen'], base: repo, onEvent: (e) => events.push(e) });
    expect(first.ok).toBe(true);
    expect(events.filter((e) => e.type === 'document').every((e) => e.type === 'document' && !e.cached)).toBe(true);
    const pdf = first.manifest?.files.find((f) => f.format === 'pdf');
    // A document never lists its own revision in its history, so adopting did not change its bytes.
    expect(pdf?.sha256).toBe(entry?.pdfSha256);
    const again: BuildEvent[] = [];
    await build({ targets: ['umearegionen'], base: repo, onEvent: (e) => again.push(e) });
    // Every document carried over (the start and progress events say nothing about the cache).
    const docs = again.filter((e) => e.type === 'document');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((e) => e.type === 'document' && e.cached)).toBe(true);
  }, 180_000);

  it('refuses to adopt the same revision twice (antagning-finns-redan), unless --replace', async () => {
    const r = await adopt({ agreement: 'umearegionen', date: '2022-11-26', cwd: repo });
    expect(r.exitCode).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['antagning-finns-redan']);
    if (!HAS_BROWSER) return;
    const replaced = await adopt({ agreement: 'umearegionen', date: '2022-11-25', body: 'Samordningsförbundets styrelse', replace: true, cwd: repo });
    expect(replaced.exitCode).toBe(0);
    expect(replaced.replaced).toBe(true);
    expect(readRegisterFile(repo).adopted).toHaveLength(1);
  }, 180_000);

  it('diff without --from compares against the last adopted commit and reports an edit', async () => {
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'Antagen 2023');
    const file = path.join(repo, 'agreements/umearegionen/text/ataganden.md');
    appendFileSync(file, '\nEtt nytt stycke om samverkan.\n');
    const run = await runDiff({ agreement: 'umearegionen', cwd: repo, format: 'json' });
    expect(run.diagnostics).toEqual([]);
    expect(run.exitCode).toBe(0);
    const commit = readRegisterFile(repo).adopted[0]?.commit ?? '';
    expect(run.changeSet?.from).toBe(`antagen 2023 (${commit.slice(0, 12)})`);
    expect(run.changeSet?.changes.some((c) => c.section?.id === 'ataganden' && JSON.stringify(c).includes('Ett nytt stycke om samverkan.'))).toBe(true);
    const md = await runDiff({ agreement: 'umearegionen', cwd: repo });
    expect(md.stdout).toContain('antagen 2023');
  }, 60_000);

  it('shows the earlier adopted revisions as a revision history, not the current one', async () => {
    const { project, agreement } = await loadUmea(repo);
    const entry = readRegisterFile(repo).adopted[0];
    const now = await renderAgreementHtml(project, agreement, { sourceHash: 'x', print: false });
    expect(now.html).not.toContain('Revisionshistorik');
    // Next year's proposal: revision 2024 shows 2023 in its history.
    const yaml = path.join(repo, 'agreements/umearegionen/agreement.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('id: "2023"', 'id: "2024"'));
    const next = await loadUmea(repo);
    expect(next.agreement.agreement.revision.id).toBe('2024');
    const html = (await renderAgreementHtml(next.project, next.agreement, { sourceHash: 'x', print: false })).html;
    expect(html).toContain('<h2 id="revisionshistorik">Revisionshistorik</h2>');
    expect(html).toContain(`<tr><th scope="row">2023</th><td>2022-11-25</td><td>Samordningsförbundets styrelse</td><td><code>${entry?.sourceHash.slice(0, 12)}</code></td></tr>`);
  });

  it('renders the history in the HTML fixture (so the accessibility checks of render-html.test.ts cover it)', async () => {
    const r = await validatePaths([path.join(REPO, 'tests/fixtures/render-html/project/agreements/provavtal')], { base: REPO });
    const project = r.projects[0];
    const agreement = project?.agreements[0];
    if (!project || !agreement) throw new Error('kunde inte läsa fixturen');
    const html = (await renderAgreementHtml(project, agreement, { sourceHash: 'x', print: true })).html;
    expect(html).toContain('<section class="revision-history" aria-labelledby="revisionshistorik">');
    expect(html).toContain('<th scope="row">2023</th>');
    expect(html).not.toContain('<th scope="row">2024</th>');
  });
});
