/**
 * Parties from the "Parter" section: each line with a name and an organisation number in any of
 * Word's forms (212000-0456, 212 000-0456, 2120000456, en dash), matched to organisations.yaml by
 * number or name, or added to it; the list is then replaced by ::parter.
 */
import { parseOrgnr } from '../checks/orgnr.ts';
import type { OrganisationData } from '../model/schema.ts';
import { slugify, whereOf, type DraftBlock, type ImportDraft, type SectionDraft } from './draft.ts';

// Bounded spaces, so a long run of blanks after six digits cannot make the search quadratic.
const ORGNR = /(?<!\d)(\d{6}|\d{3}[\s\u00a0]\d{3})[\s\u00a0]{0,3}[-–—‑]?[\s\u00a0]{0,3}(\d{4})(?!\d)/;
const ORGNR_WORDS = /\(?\s*(?:org(?:anisations)?\.?\s*-?\s*nr\.?|organisationsnummer|orgnr)\s*:?\s*/gi;

/** Finds an organisation number in a line of text: the raw text and the rest of the line. */
export function findOrgnr(text: string): { raw: string; rest: string } | undefined {
  const m = ORGNR.exec(text);
  if (!m) return undefined;
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length))
    .replace(ORGNR_WORDS, ' ')
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s,:;.–-]+$/, '')
    .replace(/^[\s,:;–-]+/, '')
    .trim();
  return { raw: m[0], rest };
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The organisation of the registry that a name means: exact name or short name, or a name it begins with. */
export function matchByName(name: string, registry: readonly OrganisationData[]): OrganisationData | undefined {
  const n = norm(name);
  return registry.find((o) => norm(o.name) === n || (o.shortName && norm(o.shortName) === n))
    ?? [...registry].sort((a, b) => b.name.length - a.name.length).find((o) => n.startsWith(`${norm(o.name)} `));
}

/** Guesses an organisation's kind from its name and the legal-form digits of its number. */
export function guessKind(name: string, orgnr: string): OrganisationData['kind'] {
  if (/kommun$/i.test(name) || orgnr.startsWith('212')) return 'kommun';
  if (/^region\s|landsting/i.test(name) || orgnr.startsWith('232')) return 'region';
  if (/samordningsförbund/i.test(name) || orgnr.startsWith('222')) return 'samordningsforbund';
  if (orgnr.startsWith('202')) return 'statlig-myndighet';
  return 'annan';
}

const ORGNR_ALL = new RegExp(ORGNR.source, 'g');
/** The name just before an organisation number in running text: "… och Bjurholms kommun (212000–2833)". */
const NAME_BEFORE = /(\p{Lu}[\p{L}-]*(?:\s+(?:–\s+)?(?:\p{Lu}[\p{L}-]*|kommun|region|i\s+\p{Lu}[\p{L}-]*))*)[\s,:(]*(?:org(?:anisations)?\.?\s*-?\s*nr\.?|organisationsnummer)?[\s:(]*$/u;

/** Splits a sentence that names several parties, each followed by its number, into one line each. */
export function splitPartySentence(text: string): string[] {
  const matches = [...text.matchAll(ORGNR_ALL)];
  if (matches.length < 2) return [text];
  const out: string[] = [];
  let last = 0;
  for (const m of matches) {
    const before = text.slice(last, m.index);
    const name = NAME_BEFORE.exec(before.slice(-200))?.[1];
    out.push(`${name ?? before.trim()} ${m[0]}`);
    last = (m.index ?? 0) + m[0].length;
  }
  return out;
}

function partyLines(blocks: DraftBlock[]): { text: string; para: number; listIndex?: number }[] {
  const out: { text: string; para: number; listIndex?: number }[] = [];
  blocks.forEach((b, i) => {
    if (b.type === 'list') b.items.forEach((it, k) => out.push({ text: it.plain, para: b.para + k, listIndex: i }));
    else if (b.type === 'paragraph' && findOrgnr(b.plain)) for (const t of splitPartySentence(b.plain)) out.push({ text: t, para: b.para });
  });
  return out;
}

/** Resolves one party by name and number, adding it to the draft; false when it cannot be placed. */
export function resolveParty(draft: ImportDraft, name: string, raw: string | undefined, where: string): string | undefined {
  const all = [...draft.registry, ...draft.newOrganisations];
  let org: OrganisationData | undefined;
  let normalized: string | undefined;
  if (raw) {
    const r = parseOrgnr(raw);
    normalized = r.ok ? r.normalized : r.problem === 'checksum' ? r.normalized : undefined;
    if (!r.ok && r.problem === 'checksum') {
      draft.report.push({ kind: 'kontrollera', text: `Organisationsnumret ${r.normalized} för ${name} har fel kontrollsiffra (ska sluta på ${r.expected}). Rätta det i agreements/organisations.yaml.`, where });
    }
    org = normalized ? all.find((o) => parseOrgnr(o.orgnr).ok && (parseOrgnr(o.orgnr) as { normalized: string }).normalized === normalized) : undefined;
  }
  const byName = matchByName(name, all);
  if (!org && byName) {
    org = byName;
    if (normalized && byName.orgnr !== normalized) {
      draft.report.push({ kind: 'kontrollera', text: `${name} har organisationsnumret ${normalized} i Word-filen men ${byName.orgnr} i registret. Kontrollera vilket som är rätt.`, where });
    }
  }
  if (!org) {
    if (!normalized) {
      draft.report.push({ kind: 'kontrollera', text: `Parten "${name}" finns inte i registret och har inget organisationsnummer i texten. Lägg till den i agreements/organisations.yaml och under parties:.`, where });
      return undefined;
    }
    const base = slugify(name);
    let id = base;
    for (let n = 2; all.some((o) => o.id === id); n++) id = `${base}-${n}`;
    const kind = guessKind(name, normalized);
    org = { id, name, orgnr: normalized, kind };
    draft.newOrganisations.push(org);
    draft.report.push({ kind: 'gissning', text: `Ny organisation ${name} (${normalized}) läggs till i registret som id "${id}", slag "${kind}" (gissat av namnet och organisationsnumret).`, where });
  }
  if (draft.parties.some((p) => p.organisation === org.id)) return org.id;
  // A longer name that begins with the organisation's ("Arbetsförmedlingen Skellefteå") is the unit.
  const unit = norm(name).startsWith(`${norm(org.name)} `) ? name : undefined;
  if (!unit && norm(name) !== norm(org.name) && !(org.shortName && norm(org.shortName) === norm(name))) {
    draft.report.push({ kind: 'gissning', text: `"${name}" i Word-filen tolkades som ${org.name} (${org.orgnr}) i registret.`, where });
  }
  draft.parties.push({ organisation: org.id, ...(unit ? { unit } : {}) });
  draft.report.push({ kind: 'fakta', text: `Part: ${org.name}${unit ? ` (${unit})` : ''}, ${org.orgnr}, id "${org.id}"${raw ? '' : ' (utan organisationsnummer i texten, hittad i registret efter namnet)'}.`, where });
  return org.id;
}

/** Detects the parties in the section named "Parter" and puts ::parter in place of their list. */
export function detectParties(draft: ImportDraft): void {
  const section = draft.sections.find((s) => /^(överenskommelsens |avtalets )?parter(na)?$/i.test(s.title.trim()))
    // Without such a heading: the section with a paragraph that names two or more parties by number.
    ?? draft.sections.find((s) => s.blocks.some((b) => b.type === 'paragraph' && splitPartySentence(b.plain).length > 1 && /parter/i.test(b.plain)));
  if (!section) return;
  const lines = partyLines(section.blocks);
  let placedAll = lines.length > 0;
  for (const l of lines) {
    const found = findOrgnr(l.text);
    const name = (found ? found.rest : l.text).replace(/[.,:;]$/, '').trim();
    if (!name || !resolveParty(draft, name, found?.raw, whereOf(section, l.para))) placedAll = false;
  }
  if (placedAll) replaceWithDirective(section, lines.map((l) => l.listIndex), '::parter', lines[0]?.para ?? section.para, (b) => b.type === 'paragraph' && findOrgnr(b.plain) !== undefined);
}

/** Replaces the lists at the given indexes (and blocks matching `also`) with one directive paragraph. */
export function replaceWithDirective(section: SectionDraft, listIndexes: (number | undefined)[], line: string, para: number, also: (b: DraftBlock) => boolean = () => false): void {
  const drop = new Set(listIndexes.filter((i): i is number => i !== undefined));
  const out: DraftBlock[] = [];
  let placed = false;
  section.blocks.forEach((b, i) => {
    if (drop.has(i) || also(b)) {
      if (!placed) out.push({ type: 'directive', line, para });
      placed = true;
      return;
    }
    out.push(b);
  });
  if (!placed) out.push({ type: 'directive', line, para });
  section.blocks = out;
}
