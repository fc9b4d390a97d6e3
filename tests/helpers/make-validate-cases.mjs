#!/usr/bin/env node
/**
 * Creates the bad-input cases under tests/fixtures/validate/ as copies of valid-minimal with ONE
 * mistake each. The case folders are committed; this script documents how each was made and
 * rebuilds them when valid-minimal changes (node tests/helpers/make-validate-cases.mjs [case…]),
 * after which `UPDATE=1 npx vitest run tests/validate.test.ts` rewrites the golden files.
 * It overwrites the named case folders (all of them when none is named).
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'validate');
const base = path.join(root, 'valid-minimal');
const A = 'agreements/finsam-exempel/';

/** Replaces `find` (which must occur exactly once) by `repl` in one file. */
const replace = (file, find, repl) => ({ file, find, repl });
const write = (file, content) => ({ file, content });
const remove = (file) => ({ file, remove: true });
const link = (file, target) => ({ file, link: target });

const cases = {
  // ---- reading
  'yaml-syntax': [replace(`${A}agreement.yaml`, 'cluster: Exempelregionen', 'cluster: "Exempelregionen')],
  'yaml-dubblett-nyckel': [replace(`${A}agreement.yaml`, 'cluster: Exempelregionen\n', 'cluster: Exempelregionen\ncluster: Exempelregionen\n')],
  'yaml-tabb': [replace(`${A}goals.yaml`, '    label: Mål 1', '\tlabel: Mål 1')],
  'yaml-inget-objekt': [write(`${A}job-tracks.yaml`, '- id: jobbspar-vard\n  name: Jobbspår vård\n')],
  'fil-inte-utf8': [write(`${A}text/inledning.md`, Buffer.from('---\nid: inledning\ntitle: Inledning\n---\n\nÖverenskommelsen gäller parterna.\n', 'latin1'))],
  'fil-tom': [write(`${A}budget.yaml`, '')],
  'fil-binar': [write(`${A}bilaga-1/uppfoljning.md`, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x0a]))],
  // ---- schema
  'falt-saknas': [replace(`${A}agreement.yaml`, '    name: Bertil Berg\n', '')],
  'falt-okant-titel': [replace(`${A}text/mal.md`, 'title: Mål och åtaganden', 'titel: Mål och åtaganden')],
  'fel-typ': [replace(`${A}agreement.yaml`, 'revisedYearly: true', 'revisedYearly: ja')],
  // Valid: YAML reads an unquoted orgnr as a number, which is accepted as its digits.
  'orgnr-utan-citattecken': [replace('agreements/organisations.yaml', 'orgnr: "2120002841"', 'orgnr: 2120002841')],
  'fel-typ-procent-text': [replace(`${A}goals.yaml`, 'value: 40', 'value: 40%')],
  'ogiltigt-varde-kind': [replace('agreements/organisations.yaml', 'kind: samordningsforbund', 'kind: forbund')],
  'ogiltigt-id': [replace(`${A}agreement.yaml`, 'id: underskrift-region', 'id: underskrift-Region')],
  'ogiltigt-datum': [replace(`${A}agreement.yaml`, '  date: 2022-11-25\n  body:', '  date: 2023-02-30\n  body:')],
  // ---- organisation numbers and ids
  'orgnr-format': [replace('agreements/organisations.yaml', 'orgnr: 212000-2627', 'orgnr: 21200-2627')],
  'orgnr-kontrollsiffra': [replace('agreements/organisations.yaml', 'orgnr: 212000-2627', 'orgnr: 212000-2628')],
  'orgnr-dubblett': [replace('agreements/organisations.yaml', 'orgnr: 212 000-2544', 'orgnr: 212000–2627')],
  'id-dubblett': [replace(`${A}goals.yaml`, 'id: ind-2', 'id: ind-1')],
  'id-dubblett-register': [replace('agreements/organisations.yaml', 'id: vindelns-kommun', 'id: vannas-kommun')],
  'part-dubblett': [replace(`${A}agreement.yaml`, '  - organisation: samordningsforbundet\n', '  - organisation: umea-kommun\n  - organisation: samordningsforbundet\n')],
  // ---- references
  'okand-organisation': [replace(`${A}job-tracks.yaml`, 'municipality: umea-kommun', 'municipality: umea-komun')],
  'okand-part-underskrift': [replace(`${A}agreement.yaml`, '    party: forsakringskassan\n', '    party: forsakringskasan\n')],
  'okand-part-atagande': [replace(`${A}agreement.yaml`, '    party: umea-kommun\n    text:', '    party: vannas-kommun\n    text:')],
  'okant-omrade': [replace(`${A}goals.yaml`, '    area: arbete\n    parent:', '    area: arbte\n    parent:')],
  'okant-mal': [replace(`${A}goals.yaml`, 'parent: mal-1', 'parent: mal-2')],
  'procent-utanfor': [replace(`${A}goals.yaml`, 'value: 40', 'value: 120')],
  'bilaga-nummer': [replace(`${A}agreement.yaml`, 'number: 1', 'number: 2')],
  // ---- prose
  'okand-fotnot': [replace(`${A}text/mal.md`, 'Målgruppen är:', 'Målgruppen[^fn-malgrupp] är:')],
  'okand-fotnot-yaml': [replace(`${A}agreement.yaml`, 'erbjuder praktikplatser.', 'erbjuder praktikplatser[^fn-praktik].')],
  'fotnot-oanvand': [replace(`${A}text/inledning.md`, '[^fn-lag]: Lag', '[^fn-oanvand]: Används inte.\n\n[^fn-lag]: Lag')],
  'okant-direktiv': [replace(`${A}text/mal.md`, '::malgrupper', '::malgrupp')],
  'direktiv-attribut': [replace(`${A}text/organisering.md`, '::grupp{id=styrgrupp}', '::grupp{namn=styrgrupp}')],
  'okand-tabell': [replace(`${A}text/organisering.md`, '::tabell{id=motesplan}', '::tabell{id=motesplanen}')],
  'okand-grupp': [replace(`${A}text/organisering.md`, '::grupp{id=styrgrupp}', '::grupp{id=ledningsgrupp}')],
  'okand-process': [replace(`${A}text/organisering.md`, '::process{id=kartlaggning}', '::process{id=kartlagning}')],
  'okand-figur': [replace(`${A}text/organisering.md`, '::figur{id=samverkan}', '::figur{id=trappan}')],
  'okant-jobbspar': [replace(`${A}text/organisering.md`, '::jobbspar{kommun=umea-kommun}', '::jobbspar{id=jobbspar-bygg}')],
  'data-saknas-budget': [remove(`${A}budget.yaml`)],
  // ---- limits and what the sanitiser removes (issue 12)
  'for-djup-nastling': [replace(`${A}text/mal.md`, 'Målgruppen är:', `${'> '.repeat(40)}Målgruppen är:`)],
  'for-komplex-markdown': [replace(`${A}text/mal.md`, 'Målgruppen är:', `Målgruppen är ${'*'.repeat(40)}viktig${'*'.repeat(40)}:`)],
  'sanerat-bild': [replace(`${A}text/mal.md`, 'Målgruppen är:', 'Målgruppen är: ![Karta över målgruppen](karta.png)')],
  'sanerat-html': [replace(`${A}text/mal.md`, 'Målgruppen är:', 'Målgruppen är <span style="color:red">viktig</span>:')],
  'yaml-hanvisning': [replace(`${A}agreement.yaml`, 'cluster: Exempelregionen', 'cluster: *kluster')],
  'symbolisk-lank': [replace(`${A}agreement.yaml`, '    - text/underskrifter.md\n', '    - text/underskrifter.md\n    - text/lank.md\n'), link(`${A}text/lank.md`, 'inledning.md')],
  'malvarde-text-skiljer': [replace(`${A}goals.yaml`, 'text: Andel deltagare som går till arbete eller studier', 'text: Minst 45 % av deltagarna går till arbete eller studier')],
  'inte-part-jobbspar': [replace(`${A}job-tracks.yaml`, 'municipality: umea-kommun', 'municipality: vannas-kommun')],
  'frontmatter-saknas': [replace(`${A}bilaga-1/uppfoljning.md`, '---\nid: uppfoljning\ntitle: Uppföljning\n---\n\n', '# Uppföljning\n\n')],
  // ---- files and paths
  'fil-saknas-avsnitt': [replace(`${A}agreement.yaml`, '    - text/underskrifter.md\n', '    - text/underskrifter.md\n    - text/saknas.md\n')],
  'avsnitt-dubblett': [replace(`${A}agreement.yaml`, '      - bilaga-1/uppfoljning.md\n', '      - bilaga-1/uppfoljning.md\n      - text/mal.md\n')],
  'sokvag-utanfor-avsnitt': [replace(`${A}agreement.yaml`, '    - text/underskrifter.md\n', '    - text/underskrifter.md\n    - ../../../utanfor.md\n')],
  'sokvag-utanfor-figur-absolut': [replace(`${A}agreement.yaml`, 'file: figurer/samverkan.svg', 'file: /etc/passwd')],
  'sokvag-utanfor-figur-relativ': [replace(`${A}agreement.yaml`, 'file: figurer/samverkan.svg', 'file: ../../x.png'), write('x.png', 'inte en bild\n')],
  'fil-saknas-figur': [replace(`${A}agreement.yaml`, 'file: figurer/samverkan.svg', 'file: figurer/trappan.svg')],
  'avsnitt-oanvant': [write(`${A}text/utkast.md`, '---\nid: utkast\ntitle: Utkast\n---\n\nEtt utkast som inte ingår.\n')],
  'ingen-overenskommelse': [remove(`${A}`)],
  // ---- dates
  'datum-ordning': [replace(`${A}agreement.yaml`, 'to: 2023-12-31', 'to: 2022-12-31'), replace(`${A}agreement.yaml`, 'nextDecisionBy: 2023-11-30', 'nextDecisionBy: 2022-11-30')],
  'beslutsfrist-efter-slut': [replace(`${A}agreement.yaml`, 'nextDecisionBy: 2023-11-30', 'nextDecisionBy: 2024-01-15')],
  'beslut-efter-start': [replace(`${A}agreement.yaml`, '  date: 2022-11-25\n  body:', '  date: 2023-01-10\n  body:')],
  'underskrift-efter-start': [replace(`${A}agreement.yaml`, 'date: 2022-12-01', 'date: 2023-02-01')],
  // ---- titles (issue 11)
  'undertitel-upprepar': [replace(`${A}agreement.yaml`, 'subtitle: Samt verksamhetsplan för Samordningsförbundet Exempel 2023', 'subtitle: om samverkan för att påskynda etablering på arbetsmarknaden')],
  // ---- parties and Finsam
  'underskrift-saknas': [replace(`${A}agreement.yaml`, '  - id: underskrift-forsakringskassan\n    name: Bertil Berg\n    party: forsakringskassan\n', '')],
  'underskrift-del': [replace(`${A}agreement.yaml`, '    party: forsakringskassan\n', '    party: forsakringskassan\n    scope: För de delar som gäller sjukförsäkringen\n')],
  'finsam-medlem-saknas': [replace(`${A}agreement.yaml`, '  - organisation: region-vasterbotten\n    finsamMember: true', '  - organisation: region-vasterbotten\n    finsamMember: false')],
  'finsam-fordelning': [replace(`${A}budget.yaml`, '"2023": 250000\n  - party: umea-kommun', '"2023": 300000\n  - party: umea-kommun'), replace(`${A}budget.yaml`, '      "2023": 250000\n', '      "2023": 200000\n')],
};

function apply(dir, op) {
  const file = path.join(dir, op.file);
  if (op.remove) { rmSync(file, { recursive: true }); return; }
  if (op.link) { symlinkSync(op.link, file); return; }
  if (op.content !== undefined) { writeFileSync(file, op.content); return; }
  const text = readFileSync(file, 'utf8');
  const n = text.split(op.find).length - 1;
  if (n !== 1) throw new Error(`${op.file}: "${op.find}" occurs ${n} times`);
  writeFileSync(file, text.replace(op.find, op.repl));
}

const only = process.argv.slice(2);
for (const [name, ops] of Object.entries(cases)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = path.join(root, name);
  const expected = path.join(dir, 'expected.txt');
  const keep = existsSync(expected) ? readFileSync(expected) : undefined;
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, dir, { recursive: true, filter: (src) => path.basename(src) !== 'expected.txt' });
  for (const op of ops) apply(dir, op);
  if (keep) writeFileSync(expected, keep);
}

// CRLF line endings and a byte-order mark in every text file: must be accepted without a diagnostic.
if (only.length === 0 || only.includes('crlf-bom')) {
  const dir = path.join(root, 'crlf-bom');
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, dir, { recursive: true, filter: (src) => path.basename(src) !== 'expected.txt' });
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|md)$/.test(e.name)) writeFileSync(p, `\uFEFF${readFileSync(p, 'utf8').replace(/\n/g, '\r\n')}`);
    }
  };
  walk(dir);
}
