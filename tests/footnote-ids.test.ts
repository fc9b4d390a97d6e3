/**
 * Footnote and heading ids whatever the letters of the label or heading (issue 12): `[^fn-ö]` and
 * `[^fn-å]` used to both become id="fn--", so both references jumped to the first note.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePaths } from '../src/pipeline/validate.ts';
import { renderAgreementVariants } from '../src/pipeline/render-html.ts';
import { casesRoot } from './helpers/validate-cases.ts';

const A = 'agreements/finsam-exempel';
const dir = mkdtempSync(path.join(tmpdir(), 'overens-fnids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function html(): Promise<string> {
  const { projects, diagnostics } = await validatePaths(['.'], { base: dir });
  expect(diagnostics.filter((d) => d.severity !== 'notering')).toEqual([]);
  const p = projects[0];
  const a = p?.agreements[0];
  if (!p || !a) throw new Error('fixture did not load');
  return (await renderAgreementVariants(p, a, 'hash')).web.html;
}

describe('footnote and heading ids', () => {
  it('[^fn-ö], [^fn-å] and [^fn-ä] get three different ids, each reference pointing at its own note', async () => {
    cpSync(path.join(casesRoot, 'valid-minimal'), dir, { recursive: true });
    const file = path.join(dir, A, 'text', 'inledning.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('mellan parterna.', 'mellan parterna[^fn-ö][^fn-å][^fn-ä].\n\n## Öåä\n\n## Åäö\n')
      + '\n[^fn-ö]: Not ö.\n\n[^fn-å]: Not å.\n\n[^fn-ä]: Not ä.\n');
    const h = await html();
    const all = [...h.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(all.length).toBe(new Set(all).size);
    const refs = [...h.matchAll(/<a href="#(fn-[^"]+)" id="(fnref-[^"]+)"[^>]*class="fnref">(\d+)<\/a>/g)].map((m) => [m[1], m[2], m[3]]).filter((r) => r[0] !== 'fn-lag');
    expect(refs).toEqual([['fn-o', 'fnref-o', '2'], ['fn-a', 'fnref-a', '3'], ['fn-a-2', 'fnref-a-2', '4']]);
    for (const [id, n] of [['fn-o', 'ö'], ['fn-a', 'å'], ['fn-a-2', 'ä']]) expect(h).toMatch(new RegExp(`<li id="${id}">[\\s\\S]*?Not ${n}\\.`));
    // Two headings whose letters slug alike still get two ids.
    const headings = [...h.matchAll(/<h\d id="([^"]+)"[^>]*>(?:<span class="num">[^<]*<\/span> )?(Öåä|Åäö)<\/h\d>/g)].map((m) => m[1]);
    expect(headings).toHaveLength(2);
    expect(new Set(headings).size).toBe(2);
  }, 30_000);
});
