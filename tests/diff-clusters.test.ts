/** Two clusters compared: items matched across the agreements by content, one table per area, against a golden file. */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiff } from '../src/diff/run.ts';
import { contentSimilarity, MATCH_THRESHOLD } from '../src/diff/compare-clusters.ts';
import { FIXTURES, applyEdits, copyProject, golden } from './fixtures/diff/helpers.ts';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A second cluster: the fixture agreement copied under another id, with goals and målgrupper reworded. */
function twoClusters(): string {
  const dir = copyProject(path.join(FIXTURES, 'base'));
  temps.push(dir);
  cpSync(path.join(dir, 'agreements', 'finsam-exempel'), path.join(dir, 'agreements', 'annat-kluster'), { recursive: true });
  const A = 'agreements/annat-kluster/';
  applyEdits(dir, [
    { file: `${A}agreement.yaml`, find: 'id: finsam-exempel\n', repl: 'id: annat-kluster\n' },
    { file: `${A}agreement.yaml`, find: 'cluster: Exempelregionen', repl: 'cluster: Annat kluster' },
    { file: `${A}agreement.yaml`, find: '  - id: unga\n    name: Unga som varken arbetar eller studerar', repl: '  - id: unga-vuxna\n    name: Unga vuxna som varken arbetar eller studerar' },
    { file: `${A}goals.yaml`, find: '  - id: mal-1\n', repl: '  - id: mal-a\n' },
    { file: `${A}goals.yaml`, find: 'parent: mal-1\n', repl: 'parent: mal-a\n' },
    { file: `${A}goals.yaml`, find: 'text: Fler individer ska nå egen försörjning.', repl: 'text: Fler individer i kommunen ska nå egen försörjning.' },
    { file: `${A}goals.yaml`, find: 'value: 40', repl: 'value: 45' },
    { file: `${A}goals.yaml`, find: '  - id: mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-a\n    text: Samverkan ska vara samordnad.', repl: '  - id: mal-b\n    level: strategiskt\n    area: arbete\n    parent: mal-a\n    text: Arbetsgivarna ska erbjuda fler praktikplatser.' },
  ]);
  return dir;
}

describe('diff --from <kluster> --to <kluster>', () => {
  it('matches goals, indicators and målgrupper by content and prints one table per area (golden)', async () => {
    const dir = twoClusters();
    const run = await runDiff({ from: 'finsam-exempel', to: 'annat-kluster', cwd: dir });
    expect(run.diagnostics).toEqual([]);
    golden(path.join(FIXTURES, 'clusters', 'finsam-exempel-annat-kluster.md'), run.stdout);
    expect(run.stdout).toMatch(/\| I båda \(\d+ % lika\) \| Fler individer ska nå egen försörjning\. \(övergripande mål\) \| Fler individer i kommunen ska nå egen försörjning\./);
    expect(run.stdout).toContain('| Bara i A | Samverkan ska vara samordnad. (strategiskt mål) | |');
    expect(run.stdout.replace(/\u00a0/g, ' ')).toContain('| I båda | Andel deltagare som går till arbete eller studier (målvärde minst 40 %) | samma lydelse (målvärde minst 45 %) |');
    expect(run.stdout).not.toMatch(/::[a-z]|utgår|tillkommer/);
    const json = JSON.parse((await runDiff({ from: 'finsam-exempel', to: 'annat-kluster', cwd: dir, format: 'json' })).stdout);
    expect(json.areas.map((a: { title: string }) => a.title)).toEqual(['Mål', 'Indikatorer', 'Målgrupper', 'Åtaganden']);
  }, 60_000);

  it('the similarity ignores function words and target phrasing', () => {
    expect(contentSimilarity('Andelen utrikesfödda arbetslösa ska minska jämfört med föregående år.', 'Arbetslösheten bland unga ska minska jämfört med föregående år.')).toBeLessThan(MATCH_THRESHOLD);
    expect(contentSimilarity('Unga som har en funktionsnedsättning', 'Arbetslösa med funktionsnedsättning')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
});
