/**
 * Helpers of the end-to-end build tests: temporary copies of the shipped project, running the real
 * CLI in them, hashing output/ and reading what the agreements' sources say the documents must show.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseOrgnr } from '../../src/checks/orgnr.ts';

/** The repository root (this file is tests/helpers/build-project.ts). */
export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(REPO, 'bin', 'overens.js');
/** The tests' own snapshot of the example agreements (a project folder with agreements/). */
export const FIXTURE_PROJECT = path.join(REPO, 'tests', 'fixtures', 'shipped');

/** The agreement folders of a project (default: the fixture snapshot), in folder order. */
export const agreementIds = (project: string = FIXTURE_PROJECT): string[] => readdirSync(path.join(project, 'agreements'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(project, 'agreements', d.name, 'agreement.yaml')))
  .map((d) => d.name)
  .sort();

/** The fixture snapshot's agreements, in folder order. */
export const AGREEMENT_IDS = agreementIds();

/** Whether a Chromium can be found the way src/pipeline/render-pdf.ts looks for one. */
export const HAS_BROWSER = Boolean(process.env.PUPPETEER_EXECUTABLE_PATH) || existsSync('/usr/bin/chromium');

const hasTool = (cmd: string, arg: string): boolean => !spawnSync(cmd, [arg], { encoding: 'utf8' }).error;
/** Whether poppler's pdfinfo/pdffonts/pdftotext and qpdf are installed. */
export const HAS_PDF_TOOLS = hasTool('pdfinfo', '-v') && hasTool('pdffonts', '-v') && hasTool('pdftotext', '-v') && hasTool('qpdf', '--version');

/** A new temporary project folder holding a copy of the fixture snapshot's agreements/ (or of another project, output/ included). */
export function makeProject(label: string, from?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `overens-build-${label}-`));
  if (from) cpSync(from, dir, { recursive: true });
  else cpSync(path.join(FIXTURE_PROJECT, 'agreements'), path.join(dir, 'agreements'), { recursive: true });
  return dir;
}

/** Runs `node bin/overens.js build …args` with the given working directory. */
export function runBuild(cwd: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const res = spawnSync(process.execPath, [CLI, 'build', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: 120_000,
  });
  if (res.error) throw res.error;
  return res;
}

/** A readable summary of a CLI run, for assertion messages. */
export const describeRun = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
export const sha256File = (file: string): string => sha256(readFileSync(file));

/** Every file under `dir` (relative path → sha256), to compare a folder byte for byte. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs).split(path.sep).join('/')] = sha256File(abs);
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Leftover staging folders beside output/. */
export const stagingLeftovers = (project: string): string[] => readdirSync(project).filter((n) => n.startsWith('.output.tmp-'));

export const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

// ---------------------------------------------------------------- what the sources say

export interface ManifestFile { path: string; format: 'html' | 'pdf'; sha256: string; bytes: number; agreement: string; document: string; revision: string; sourceHash: string }
export interface ManifestAgreement { id: string; title: string; revision: string; sourceHash: string; cacheKey: string; files: ManifestFile[] }
export interface Manifest { agreements: ManifestAgreement[]; files: ManifestFile[] }

export const readManifest = (project: string): Manifest => JSON.parse(readFileSync(path.join(project, 'output', 'manifest.json'), 'utf8')) as Manifest;

const readYaml = (file: string): any => parse(readFileSync(file, 'utf8'));

/** Text as it is printed: no `[^…]` footnote marks, no Markdown emphasis, whitespace collapsed. */
export function plainText(md: string): string {
  return normaliseSpace(
    md
      .replace(/\[\^[^\]]*\]/g, ' ')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(?<![\p{L}\p{N}])([*_])(.+?)\1(?![\p{L}\p{N}])/gu, '$2'),
  );
}

/**
 * The pieces of a source text that must stand in the PDF: split at footnote marks (the PDF prints a
 * superscript number there), emphasis removed, whitespace collapsed.
 */
export const textPieces = (md: string): string[] => md.split(/\[\^[^\]]*\]/).map(plainText).filter((s) => s.length > 0);

export const normaliseSpace = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** What an agreement's PDF must show, read from its sources. */
export interface Expected {
  id: string;
  title: string;
  revision: string;
  parties: { name: string; unit?: string; orgnr: string }[];
  indicators: string[];
  signatories: string[];
}

export function expectedFacts(project: string, id: string): Expected {
  const dir = path.join(project, 'agreements', id);
  const a = readYaml(path.join(dir, 'agreement.yaml'));
  const registry = readYaml(path.join(project, 'agreements', 'organisations.yaml')).organisations as { id: string; name: string; orgnr: string }[];
  const parties = (a.parties as { organisation: string; unit?: string }[]).map((p) => {
    const org = registry.find((o) => o.id === p.organisation);
    if (!org) throw new Error(`${id}: organisation ${p.organisation} finns inte i organisations.yaml`);
    // The PDF prints the normalised number (212000-0456), whichever approved form the YAML uses.
    const parsed = parseOrgnr(String(org.orgnr));
    return { name: org.name, orgnr: parsed.ok ? parsed.normalized : String(org.orgnr), ...(p.unit ? { unit: p.unit } : {}) };
  });
  const indicators: string[] = [];
  const goalsFile = path.join(dir, 'goals.yaml');
  if (existsSync(goalsFile)) {
    const goals = readYaml(goalsFile);
    for (const g of goals.goals ?? []) for (const i of g.indicators ?? []) indicators.push(i.text);
    for (const item of goals.followUp?.items ?? []) if (item.kind === 'indikator') indicators.push(item.text);
  }
  return {
    id,
    title: a.title,
    revision: String(a.revision.id),
    parties,
    indicators,
    signatories: (a.signatories ?? []).map((s: { name: string }) => s.name),
  };
}
