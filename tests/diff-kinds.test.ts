/** One fixture per kind of change on a small project, and formatting-only pairs that must give no changes. */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runDiff } from '../src/diff/run.ts';
import { attr, elements, parseDocument as parseHtml, serializeDocument, type N } from '../src/diff/redline/dom.ts';
import { FIXTURES, REPO, SHIPPED, applyEdits, copyProject, golden, type Edit } from './fixtures/diff/helpers.ts';

const BASE = path.join(FIXTURES, 'base');
const A = 'agreements/finsam-exempel/';
const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

const CASES: Record<string, Edit[]> = {
  'indikator-malvarde': [{ file: `${A}goals.yaml`, find: 'value: 40', repl: 'value: 45' }],
  'antal-malvarde': [{ file: `${A}goals.yaml`, find: 'value: 10', repl: 'value: 12' }],
  'mal-tillagt': [{ file: `${A}goals.yaml`, find: 'followUp:', repl: '  - id: mal-2\n    level: strategiskt\n    area: arbete\n    text: Fler arbetsgivare ska erbjuda praktik.\nfollowUp:' }],
  'indikator-borttagen': [{ file: `${A}goals.yaml`, find: '      - id: ind-2\n        text: Antal deltagare\n        target:\n          type: comparison\n          direction: öka\n          baseline: föregående år\n', repl: '' }],
  'mal-omformulerat': [{ file: `${A}goals.yaml`, find: 'mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-1\n    text: Samverkan ska vara samordnad.', repl: 'mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-1\n    text: Samverkan ska vara samordnad och tydlig.' }],
  'mal-flyttat': [{ file: `${A}goals.yaml`, find: "  - id: mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-1\n    text: Samverkan ska vara samordnad.\n    indicators:\n      - id: ind-3\n        text: Antal gemensamma insatser\n        target:\n          type: number\n          value: 10\n          unit: insatser\n          operator: minst\n", repl: '' }, { file: `${A}goals.yaml`, find: 'goals:\n', repl: 'goals:\n' + "  - id: mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-1\n    text: Samverkan ska vara samordnad.\n    indicators:\n      - id: ind-3\n        text: Antal gemensamma insatser\n        target:\n          type: number\n          value: 10\n          unit: insatser\n          operator: minst\n" }],
  'budget-belopp': [{ file: `${A}budget.yaml`, find: '"2023": 800000', repl: '"2023": 900000' }],
  'undertecknare-byts': [{ file: `${A}agreement.yaml`, find: 'name: David Dahl\n    title: Kommunalråd', repl: 'name: Eva Ek\n    title: Kommunstyrelsens ordförande' }],
  'giltighet-forlangd': [{ file: `${A}agreement.yaml`, find: 'to: 2023-12-31', repl: 'to: 2024-12-31' }, { file: `${A}agreement.yaml`, find: 'nextDecisionBy: 2023-11-30', repl: 'nextDecisionBy: 2024-10-31' }],
  'malgrupp-tillagd': [{ file: `${A}agreement.yaml`, find: 'commitments:', repl: '  - id: sjukskrivna\n    name: Sjukskrivna som behöver samordnat stöd\ncommitments:' }],
  'ovrig-part-tillagd': [{ file: `${A}agreement.yaml`, find: '  - Folkhögskolorna\n', repl: '  - Folkhögskolorna\n  - Civilsamhället\n' }],
  'prosa-omformulerad': [{ file: `${A}text/inledning.md`, find: 'gäller finansiell samordning', repl: 'gäller den finansiella samordningen' }],
  'stycke-tillagt': [{ file: `${A}bilaga-1/uppfoljning.md`, find: 'Uppföljningen görs varje år.\n', repl: 'Uppföljningen görs varje år.\n\nResultaten redovisas för styrelsen i mars.\n' }],
  'avsnitt-flyttat': [{ file: `${A}agreement.yaml`, find: '    - text/mal.md\n    - text/organisering.md\n', repl: '    - text/organisering.md\n    - text/mal.md\n' }],
  'jobbspar-kurstid': [{ file: `${A}job-tracks.yaml`, find: 'courseWeeks: 20', repl: 'courseWeeks: 24' }],
  'grupp-medlem': [{ file: `${A}organisation.yaml`, find: '      - Chefer från parterna\n', repl: '      - Chefer från parterna\n      - Brukarrepresentant\n' }],
  'tabellcell': [{ file: `${A}organisation.yaml`, find: '          - September', repl: '          - Oktober' }],
  'bilaga-borttagen': [{ file: `${A}agreement.yaml`, find: 'bilagor:\n  - id: bilaga-uppfoljning\n    number: 1\n    title: Uppföljning\n    sections:\n      - bilaga-1/uppfoljning.md\n', repl: '' }],
  'budgetpost-borttagen': [{ file: `${A}budget.yaml`, find: '  - id: kansli\n    label: Kansli\n    amounts:\n      "2023": 200000\n', repl: '' }],
  'fotnot-omformulerad': [{ file: `${A}text/inledning.md`, find: '[^fn-lag]: Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser.', repl: '[^fn-lag]: Lag (2003:1210) om finansiell samordning av insatser för rehabilitering.' }],
  'mal-borttaget': [{ file: `${A}goals.yaml`, find: '  - id: mal-1-1\n    level: strategiskt\n    area: arbete\n    parent: mal-1\n    text: Samverkan ska vara samordnad.\n    indicators:\n      - id: ind-3\n        text: Antal gemensamma insatser\n        target:\n          type: number\n          value: 10\n          unit: insatser\n          operator: minst\n', repl: '' }],
  'atagande-borttaget': [{ file: `${A}agreement.yaml`, find: '  - id: umea-1\n    party: umea-kommun\n    text: Umeå kommun erbjuder praktikplatser.\n', repl: '' }],
  'rubrik-andrad': [{ file: `${A}text/mal.md`, find: 'title: Mål och åtaganden', repl: 'title: Mål, målgrupper och åtaganden' }],
  'underskrift-datum': [{ file: `${A}agreement.yaml`, find: '    place: Umeå\n    date: 2022-12-01', repl: '    place: Holmsund\n    date: 2022-12-05' }],
  'jobbspar-borttaget': [{ file: `${A}job-tracks.yaml`, find: '  - id: jobbspar-vard\n', repl: '  - id: jobbspar-vard-2\n' }],
  'stycke-borttaget': [{ file: `${A}bilaga-1/uppfoljning.md`, find: 'Uppföljningen görs varje år.\n', repl: '' }],
};

/** The outermost marked elements of a redline (below the summary), each with the change ids it carries. */
function markedFragments(html: string): { html: string; ids: string[] }[] {
  const doc = parseHtml(html);
  const out: { html: string; ids: string[] }[] = [];
  const inner = (n: N): string[] => [n, ...elements(n)].flatMap((e) => (attr(e, 'data-change') ?? '').split(' ').filter(Boolean));
  for (const e of elements(doc)) {
    if (attr(e, 'data-change') === undefined) continue;
    let p = e.parentNode;
    while (p && (p.tagName === undefined || attr(p, 'data-change') === undefined)) p = p.parentNode;
    if (p) continue;
    const wrap: N = { nodeName: '#document-fragment', childNodes: [e] };
    out.push({ html: serializeDocument(wrap).replace(/\s*\n\s*/g, '\n'), ids: [...new Set(inner(e))] });
  }
  return out;
}

describe('one fixture per kind of change', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const after = copyProject(BASE);
    temps.push(after);
    applyEdits(after, CASES[name] ?? []);
    const md = await runDiff({ from: BASE, to: after, cwd: tmpdir() });
    expect(md.diagnostics).toEqual([]);
    expect(md.changeSet?.changes.length).toBeGreaterThan(0);
    const fix = (s: string) => s.replaceAll(BASE, 'fore').replaceAll(after, 'efter');
    golden(path.join(FIXTURES, 'kinds', name, 'summary.md'), fix(md.stdout));
    const f = await runDiff({ from: BASE, to: after, cwd: tmpdir(), format: 'forteckning' });
    golden(path.join(FIXTURES, 'kinds', name, 'forteckning.txt'), fix(f.stdout));
    // The redline: every entry and part marked in the body, none only in a note box; the marked elements as a golden fragment.
    const out = path.join(after, 'redline.html');
    const h = await runDiff({ from: BASE, to: after, cwd: tmpdir(), format: 'html', out });
    expect(h.diagnostics).toEqual([]);
    const html = readFileSync(out, 'utf8');
    const ids = (h.changeSet?.changes ?? []).flatMap((c) => [c.id, ...(c.parts ?? []).map((p) => p.id)]);
    const marks = markedFragments(html);
    const marked = new Set(marks.flatMap((m) => m.ids));
    expect(ids.filter((id) => !marked.has(id ?? ''))).toEqual([]);
    expect(html).not.toContain('rl-fallback');
    golden(path.join(FIXTURES, 'kinds', name, 'redline.html'), `${marks.map((m) => m.html).join('\n\n')}\n`);
  }, 60_000);
});

// ---------------------------------------------------------------- formatting only

const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));

/** Re-wraps plain paragraph lines at about 40 columns. */
function rewrap(body: string): string {
  return body.split('\n\n').map((para) => {
    if (/^(#|::|\||-|\*|\d+\.|\[\^|>|```)/.test(para) || para.includes('\n')) return para;
    const words = para.split(' ');
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      if (line && line.length + w.length > 40 && !/^([-*+#>|=]|\d+[.)])/.test(w)) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
    }
    return [...lines, line].join('\n');
  }).join('\n\n');
}

/** Every formatting-only edit at once: re-wrapping, list markers, emphasis syntax, YAML key order and quoting, trailing spaces, CRLF. */
function reformat(root: string): void {
  for (const file of walk(path.join(root, 'agreements'))) {
    let text = readFileSync(file, 'utf8');
    if (file.endsWith('.md')) {
      const [, front = '', body = text] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(text) ?? [];
      text = front + rewrap(body).replace(/^- /gm, '* ').replace(/_([^_\n]+)_/g, '*$1*').replace(/\n/g, ' \n').replace(/ \n$/, '\n');
    } else if (file.endsWith('.yaml')) {
      const doc = parseDocument(text);
      const reorder = (v: unknown): unknown => Array.isArray(v) ? v.map(reorder) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v;
      const data = reorder(doc.toJS());
      text = new (doc.constructor as typeof import('yaml').Document)(data).toString({ defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 50 });
    } else continue;
    writeFileSync(file, text.replace(/\n/g, '\r\n'));
  }
}

describe('formatting-only pairs give an empty change set', () => {
  it.each([['base', BASE], ['umearegionen', REPO]])('%s', async (_name, from) => {
    const after = copyProject(from === REPO ? path.join(FIXTURES, 'base') : from);
    temps.push(after);
    if (from === REPO) {
      rmSync(path.join(after, 'agreements'), { recursive: true, force: true });
      for (const f of ['organisations.yaml', 'umearegionen']) {
        const { cpSync } = await import('node:fs');
        cpSync(path.join(SHIPPED, 'agreements', f), path.join(after, 'agreements', f), { recursive: true });
      }
    }
    const before = copyProject(after);
    temps.push(before);
    reformat(after);
    const agreement = from === REPO ? 'umearegionen' : 'finsam-exempel';
    const run = await runDiff({ agreement, from: before, to: after, cwd: tmpdir(), format: 'json' });
    expect(run.diagnostics).toEqual([]);
    expect(run.changeSet?.changes).toEqual([]);
  });
});
