/**
 * The live agreements/ folder, checked only the way any valid content can be checked: it validates
 * with no errors, it builds, and every PDF prints what its sources name (parties with normalised
 * organisation numbers, signatories, bilaga titles, contents with the right page numbers). No fact of
 * the shipped agreements is written down here; the other tests read tests/fixtures/shipped instead.
 *
 * OVERENS_CONTENT_ROOT=<mapp> runs the same checks on another content folder (one with agreements/).
 *
 * Also: a user adds an agreement whose organisation number is written `212 000-0456` (a form the
 * README approves) and these checks stay green; and no other test file reads agreements/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseOrgnr } from '../src/checks/orgnr.ts';
import {
  CLI, HAS_BROWSER, HAS_PDF_TOOLS, REPO, agreementIds, describeRun, readManifest, runBuild, type Manifest,
} from './helpers/build-project.ts';
import { expectHtmlInvariants, expectPdfInvariants } from './helpers/invariants.ts';

const CONTENT = path.resolve(process.env['OVERENS_CONTENT_ROOT'] ?? REPO);
const OK_EXIT = HAS_BROWSER ? 0 : 2;
const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A temp project holding a copy of `from`'s agreements/ (so output/ is never written into the repository). */
function copyContent(label: string, from: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `overens-${label}-`));
  cpSync(path.join(from, 'agreements'), path.join(dir, 'agreements'), { recursive: true });
  temps.push(dir);
  return dir;
}

const runValidate = (cwd: string) => spawnSync(process.execPath, [CLI, 'validate'], { cwd, encoding: 'utf8', timeout: 120_000 });

/** validate, build and every invariant, on one project folder. */
function describeInvariants(name: string, setup: () => string): void {
  describe(name, () => {
    let dir: string;
    let build: ReturnType<typeof runBuild>;
    let manifest: Manifest;
    beforeAll(() => {
      dir = setup();
      build = runBuild(dir);
      manifest = existsSync(path.join(dir, 'output', 'manifest.json')) ? readManifest(dir) : { agreements: [], files: [] };
    }, 240_000);

    it('validates with no errors', () => {
      const r = runValidate(dir);
      expect(r.status, describeRun(r)).toBe(0);
      expect(r.stderr).not.toMatch(/\bfel\b\s+[a-z-]+/);
    }, 120_000);

    it('builds every agreement, listed in the manifest', () => {
      expect(build.status, describeRun(build)).toBe(OK_EXIT);
      expect(manifest.agreements.map((a) => a.id)).toEqual(agreementIds(dir));
      for (const id of agreementIds(dir)) expectHtmlInvariants(dir, manifest, id);
    });

    it.skipIf(!HAS_BROWSER || !HAS_PDF_TOOLS)('prints in every PDF the parties (normalised org.nr), signatories, bilagor and right contents page numbers', () => {
      expect(build.status, describeRun(build)).toBe(0);
      for (const id of agreementIds(dir)) expectPdfInvariants(dir, manifest, id);
    }, 120_000);
  });
}

describeInvariants(`the live content (${path.relative(REPO, CONTENT) || 'agreements/'})`, () => copyContent('shipped', CONTENT));

/** The README's approved forms of an organisation number: here with a space and a hyphen. */
const USER_ORGNR = '212 000-0456';

/**
 * A user's new agreement in a copy of the live content: an organisation numbered `212 000-0456` and
 * an agreement with that party, a signatory and a bilaga. Written with the yaml Document API so the
 * user's registry keeps its comments and order.
 */
function addUserAgreement(dir: string): void {
  const regFile = path.join(dir, 'agreements', 'organisations.yaml');
  const reg = parseDocument(readFileSync(regFile, 'utf8'));
  const orgs = (reg.toJS() as { organisations: { id: string; orgnr: string }[] }).organisations;
  // Reuse the number's organisation if the user already registered it (a duplicate would be an error).
  const existing = orgs.find((o) => { const r = parseOrgnr(String(o.orgnr)); return r.ok && r.normalized === '212000-0456'; });
  const orgId = existing?.id ?? 'testkommunen-ny-samverkan';
  if (!existing) reg.addIn(['organisations'], reg.createNode({ id: orgId, name: 'Testkommunen', orgnr: USER_ORGNR, kind: 'kommun' }));
  const partner = orgs.find((o) => o.id !== orgId)?.id ?? orgId;
  writeFileSync(regFile, reg.toString());

  let id = 'ny-samverkan';
  while (existsSync(path.join(dir, 'agreements', id))) id = `${id}-x`;
  const a = path.join(dir, 'agreements', id);
  mkdirSync(path.join(a, 'text'), { recursive: true });
  writeFileSync(path.join(a, 'agreement.yaml'), [
    `id: ${id}`, 'kind: overenskommelse', 'title: Överenskommelse om samverkan i Testkommunen', 'cluster: Testkommunen',
    'revision:', '  id: "2025"', '  date: 2024-11-28',
    'parties:', `  - organisation: ${orgId}`, ...(partner !== orgId ? [`  - organisation: ${partner}`] : []),
    'validity:', '  from: 2025-01-01', '  to: 2025-12-31',
    'signatories:', '  - id: underskrift-kommun', '    name: Bertil Berg', `    party: ${orgId}`,
    ...(partner !== orgId ? ['  - id: underskrift-partner', '    name: Cecilia Ek', `    party: ${partner}`] : []),
    'main:', '  id: huvuddokument', '  title: Överenskommelse om samverkan', '  sections:', '    - text/syfte.md', '    - text/parter.md', '    - text/underskrifter.md',
    'bilagor:', '  - id: bilaga-uppfoljning', '    number: 1', '    title: Uppföljning av samverkan', '    sections:', '      - text/uppfoljning.md', '',
  ].join('\n'));
  writeFileSync(path.join(a, 'text', 'syfte.md'), '---\nid: syfte\ntitle: Syfte\n---\n\nParterna samverkar för att fler ska få arbete.\n');
  writeFileSync(path.join(a, 'text', 'parter.md'), '---\nid: parter\ntitle: Parter\n---\n\n::parter\n');
  writeFileSync(path.join(a, 'text', 'underskrifter.md'), '---\nid: underskrifter\ntitle: Underskrifter\n---\n\n::underskrifter\n');
  writeFileSync(path.join(a, 'text', 'uppfoljning.md'), '---\nid: uppfoljning\ntitle: Uppföljning\n---\n\nParterna följer upp arbetet varje halvår.\n');
}

describeInvariants(`the live content plus a user's agreement with org.nr "${USER_ORGNR}"`, () => {
  const dir = copyContent('user-orgnr', CONTENT);
  addUserAgreement(dir);
  expect(readFileSync(path.join(dir, 'agreements', 'organisations.yaml'), 'utf8')).toMatch(/212 000-0456|212000-?0456/);
  return dir;
});

describe('no test but this one reads the live agreements/', () => {
  // The tests of issue 8 (diff) are owned elsewhere and still copy agreements/umearegionen.
  const ALLOWED = new Set(['tests/shipped-agreements.test.ts']);
  // A path built from the repository root and 'agreements' (path.join(REPO, 'agreements', …) or 'agreements/…').
  const READS_LIVE = /\b(?:REPO|ROOT|repoRoot)\s*,\s*['"]agreements\b/;
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(REPO, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (/\.(ts|mjs|js)$/.test(e.name)) files.push(r);
    }
  };
  walk('tests');

  it('finds the test sources', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.filter((f) => !ALLOWED.has(f)))('%s builds no path into the repository\'s agreements/', (f) => {
    const text = readFileSync(path.join(REPO, f), 'utf8');
    const hits = text.split('\n').map((line, i) => `${i + 1}: ${line.trim()}`).filter((l) => READS_LIVE.test(l));
    expect(hits).toEqual([]);
    // A test's base or working directory is never the repository root with its agreements/.
    expect(text).not.toMatch(/validatePaths\(\[['"]\.['"]\],\s*\{\s*base:\s*(?:REPO|ROOT|repoRoot)\s*\}/);
    // (A glob from the root that leaves agreements/ out is fine.)
    expect(text).not.toMatch(/\bcwd:\s*(?:REPO|ROOT|repoRoot)\b(?![^\n]*ignore:[^\n]*'agreements\/\*\*')/);
  });
});
