/**
 * The content root (nearest folder upward with agreements/, or overens.config.yaml naming it), a
 * project's own templates/ overriding the package's file by file, and finding a system Chromium.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findContentRoot } from '../src/pipeline/project-root.ts';
import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementHtml, renderIndexHtml } from '../src/pipeline/render-html.ts';
import { agreementFiles, agreementSourceHash } from '../src/pipeline/hash.ts';
import { findSystemChromium } from '../src/pipeline/find-chromium.ts';
import { REPO } from './helpers/build-project.ts';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });
const temp = (): string => { const d = mkdtempSync(path.join(tmpdir(), 'overens-root-')); temps.push(d); return d; };
/** A temporary project holding the init example (a small valid agreement) in `sub`/agreements. */
function project(sub = '.'): string {
  const dir = temp();
  cpSync(path.join(REPO, 'init-template', 'agreements'), path.join(dir, sub, 'agreements'), { recursive: true });
  return dir;
}

describe('content root', { timeout: 60_000 }, () => {
  it('is found from a folder below the project, with paths shown from where the command runs', async () => {
    const root = project();
    const deep = path.join(root, 'dokument', 'anteckningar');
    mkdirSync(deep, { recursive: true });
    expect(await findContentRoot(deep)).toEqual({ root, diagnostics: [] });
    const { projects, diagnostics } = await validatePaths([], { base: deep });
    expect(diagnostics).toEqual([]);
    expect(projects.map((p) => p.root)).toEqual([root]);
    // A folder the user names explicitly is not widened to the project above it.
    const named = await validatePaths(['dokument'], { base: root });
    expect(named.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['ingen-overenskommelse', 'dokument', 1]]);
  });

  it('is the folder overens.config.yaml names, relative to the file', async () => {
    const repo = project('innehall/avtal');
    writeFileSync(path.join(repo, 'overens.config.yaml'), '# Överenskommelserna ligger i en undermapp.\ncontent: innehall/avtal\n');
    const { projects, diagnostics } = await validatePaths([], { base: repo });
    expect(diagnostics).toEqual([]);
    expect(projects.map((p) => p.root)).toEqual([path.join(repo, 'innehall', 'avtal')]);
    // The configuration wins over an agreements/ folder beside it, and is found from below too.
    mkdirSync(path.join(repo, 'agreements'));
    mkdirSync(path.join(repo, 'docs'));
    expect((await findContentRoot(path.join(repo, 'docs')))?.root).toBe(path.join(repo, 'innehall', 'avtal'));
  });

  it.each([
    ['an unknown key', 'content: avtal\nmallar: x\n', 2, 'nyckeln "mallar" finns inte (tillåten: content)'],
    ['a folder outside', 'content: ../annat\n', 1, 'mappen "../annat" ligger utanför .'],
    ['a folder without agreements/', 'content: saknas\n', 1, 'mappen "saknas" har ingen agreements/'],
  ])('overens.config.yaml with %s is one diagnostic with file and line', async (_what, text, line, detail) => {
    const repo = project('avtal');
    writeFileSync(path.join(repo, 'overens.config.yaml'), text);
    const { projects, diagnostics } = await validatePaths([], { base: repo });
    expect(projects).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['konfiguration-ogiltig', 'overens.config.yaml', line]]);
    expect(diagnostics[0]?.message).toBe(`overens.config.yaml går inte att använda: ${detail}.`);
  });

  it.each([
    ['content: [avtal\n', 'yaml-syntax', 2],
    ['- avtal\n', 'yaml-inget-objekt', 1],
  ])('overens.config.yaml that is not a map of keys (%j) is the YAML diagnostic of that file', async (text, code, line) => {
    const repo = project();
    writeFileSync(path.join(repo, 'overens.config.yaml'), text);
    const { diagnostics } = await validatePaths([], { base: repo });
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([[code, 'overens.config.yaml', line]]);
  });
});

describe('a project\'s templates/ overrides the package\'s, file by file', { timeout: 60_000 }, () => {
  it('replaces a label (the others stay), the stylesheet and a partial, and counts as a source', async () => {
    const root = project();
    const before = await validatePaths([], { base: root });
    const p0 = before.projects[0];
    const a0 = p0?.agreements[0];
    if (!p0 || !a0) throw new Error('the example did not load');
    const hashBefore = await agreementSourceHash(p0, a0);
    mkdirSync(path.join(root, 'templates'));
    writeFileSync(path.join(root, 'templates', 'labels.sv.yaml'), 'contents: Innehållsförteckning\nindex:\n  title: Våra avtal\n');
    writeFileSync(path.join(root, 'templates', 'style.css'), 'body { color: #123456; }\n');
    mkdirSync(path.join(root, 'templates', 'partials'));
    writeFileSync(path.join(root, 'templates', 'partials', 'parties.hbs'), '<p class="egen-partial">Egna parter</p>');
    const html = (await renderAgreementHtml(p0, a0, { sourceHash: 'x', print: false })).html;
    expect(html).toContain('Innehållsförteckning');
    expect(html).toContain('Hoppa till innehållet');
    expect(html).toContain('color: #123456');
    expect(html).toContain('<p class="egen-partial">');
    expect(renderIndexHtml([], { projectRoot: root })).toContain('Våra avtal');
    expect(await agreementFiles(p0, a0)).toEqual(expect.arrayContaining(['templates/labels.sv.yaml', 'templates/style.css']));
    expect(await agreementSourceHash(p0, a0)).not.toBe(hashBefore);
  });

  it('this repository\'s own templates/ is the package\'s, not an override', async () => {
    const html = renderIndexHtml([], { projectRoot: REPO });
    expect(html).toBe(renderIndexHtml([]));
  });
});

describe('system Chromium', () => {
  it('PUPPETEER_EXECUTABLE_PATH wins; else chromium, chromium-browser, google-chrome on PATH, in that order', () => {
    expect(findSystemChromium({ PUPPETEER_EXECUTABLE_PATH: '/opt/min/chrome', PATH: '' }, [], [])).toBe('/opt/min/chrome');
    const a = temp();
    const b = temp();
    const exe = (dir: string, name: string): string => { const f = path.join(dir, name); writeFileSync(f, '#!/bin/sh\n'); chmodSync(f, 0o755); return f; };
    expect(findSystemChromium({ PATH: `${a}${path.delimiter}${b}` }, [], [])).toBeUndefined();
    const chrome = exe(a, 'google-chrome');
    expect(findSystemChromium({ PATH: `${a}${path.delimiter}${b}` }, [], [])).toBe(chrome);
    const browser = exe(b, 'chromium-browser');
    expect(findSystemChromium({ PATH: `${a}${path.delimiter}${b}` }, [], [])).toBe(browser);
    // Not executable: not a browser.
    writeFileSync(path.join(a, 'chromium'), '');
    expect(findSystemChromium({ PATH: `${a}${path.delimiter}${b}` }, [], [])).toBe(browser);
    expect(findSystemChromium({ PATH: '' }, [b], [])).toBe(browser);
  });
});
