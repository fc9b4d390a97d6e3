/**
 * Signature blocks: "Ort datum", "För <organisation>", a line to sign on, the name, the title.
 * Read from a signature table (one block per cell) or from paragraphs under "Underskrifter";
 * each becomes a signatory, and the blocks are replaced by ::underskrifter.
 */
import type { Block } from './html-blocks.ts';
import { isoDate } from './detect-validity.ts';
import { resolveParty, matchByName } from './detect-parties.ts';
import { slugify, uniqueIds, whereOf, type DraftBlock, type ImportDraft, type SectionDraft } from './draft.ts';

const FOR = /^för\s+(?!de\s+delar|den\s+del)(.+?)\s*:?$/i;
const SCOPE = /^(för\s+(?:de\s+delar|den\s+del)\s+.+?)\s*:?$/i;
const PLACE_DATE = /^([\p{Lu}][\p{L} .-]*?)[,\s]+(?:den\s+)?(\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{4})$/u;
const SEPARATOR = /^(?:(?:_{3,}|\.{3,}|-{3,}|…+)\s*)+$/;
const IGNORE = /^(ort\s*(och|,)\s*datum|underskrift|namnförtydligande|namnteckning|datum|ort)$/i;
/** "Beslutsdatum 2022-11-25" above the signatures is the decision, not a place and date. */
const DECISION = /^beslut(?:s)?datum\s*:?\s*(.+)$/i;
const PERSON = /^(?![Ff]ör\s)[\p{Lu}][\p{L}'’.-]*(\s+[\p{Lu}][\p{L}'’.-]*){1,3}$/u;

interface SignatureBlock {
  lines: string[];
  para: number;
}

/** One parsed signature: who, for whom (the "För …" line, or the line under the name), where and when. */
export interface ParsedSignature {
  org: string;
  name: string;
  title?: string;
  scope?: string;
  place?: string;
  date?: string;
  /** True when the organisation is the line under the name rather than a "För …" line. */
  orgFromLine: boolean;
}

/** Parses the lines of one signature block; undefined when it has no name and organisation. */
export function parseSignature(lines: string[]): ParsedSignature | undefined {
  let org: string | undefined;
  let place: string | undefined;
  let date: string | undefined;
  let scope: string | undefined;
  const rest: string[] = [];
  for (const raw of lines) {
    const l = raw.trim();
    // A signature line is short; long prose in the section is never one (and keeps the patterns linear).
    if (!l || l.length > 200 || SEPARATOR.test(l) || IGNORE.test(l) || DECISION.test(l)) continue;
    const sc = SCOPE.exec(l);
    if (sc && !scope) { scope = sc[1]; continue; }
    const f = FOR.exec(l);
    if (f && !org) { org = f[1]; continue; }
    const pd = PLACE_DATE.exec(l);
    if (pd && !date && isoDate(pd[2] ?? '')) { place = pd[1]?.trim(); date = isoDate(pd[2] ?? ''); continue; }
    const d = isoDate(l);
    if (d && !date) { date = d; continue; }
    rest.push(l);
  }
  const nameAt = rest.findIndex((l) => PERSON.test(l));
  const name = rest[nameAt];
  if (!name) return undefined;
  const after = rest.slice(nameAt + 1);
  const orgFromLine = !org;
  const orgName = org ?? after.pop();
  if (!orgName) return undefined;
  return {
    org: orgName,
    name,
    ...(after[0] ? { title: after[0] } : {}),
    ...(scope ? { scope: scope.replace(/^./, (c) => c.toUpperCase()) } : {}),
    ...(place ? { place } : {}),
    ...(date ? { date } : {}),
    orgFromLine,
  };
}

function cellLines(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? b.plain.split('\u2028') : b.type === 'list' ? b.items.map((i) => i.plain) : []));
}

/** The signature blocks of a section: table cells, or runs of paragraphs split at "För …". */
function signatureBlocks(section: SectionDraft, names: readonly string[] = []): { blocks: SignatureBlock[]; used: Set<number> } {
  const out: SignatureBlock[] = [];
  const used = new Set<number>();
  section.blocks.forEach((b, i) => {
    if (b.type !== 'table') return;
    const cells = b.rows.flat().map((c) => cellLines(c.blocks)).filter((l) => parseSignature(l) !== undefined);
    if (cells.length === 0) return;
    used.add(i);
    cells.forEach((lines, k) => out.push({ lines, para: b.para + k }));
  });
  if (out.length > 0) return { blocks: out, used };
  // Paragraphs: a block ends at a signing line, a "För …" line or a place-and-date line that
  // comes after a name.
  let cur: SignatureBlock | undefined;
  const hasName = (x: SignatureBlock | undefined) => Boolean(x?.lines.some((l) => PERSON.test(l) && !FOR.test(l)));
  section.blocks.forEach((b, i) => {
    if (b.type !== 'paragraph') return;
    for (const line of b.plain.split('\u2028').flatMap((x) => splitNameAndOrg(x.trim(), names))) {
      const l = line.trim().slice(0, 300);
      const opens = FOR.test(l) || PLACE_DATE.test(l) || SEPARATOR.test(l) || SCOPE.test(l);
      // Names side by side in Word come as name, organisation, name, organisation.
      const firstName = cur ? cur.lines.findIndex((x) => PERSON.test(x) && !FOR.test(x)) : -1;
      const nameAfterOrg = PERSON.test(l) && cur !== undefined && firstName >= 0 && firstName < cur.lines.length - 1 && !cur.lines.some((x) => FOR.test(x));
      const startsNew = nameAfterOrg || (opens && (!cur || hasName(cur)));
      if (startsNew) {
        cur = { lines: [], para: b.para };
        out.push(cur);
      }
      if (cur) { cur.lines.push(l); used.add(i); }
    }
  });
  // A run of signing lines before the names ("….." "…..", then two names) yields blocks without
  // names; they carry nothing and are dropped.
  for (let k = out.length - 1; k >= 0; k--) if (!hasName(out[k])) out.splice(k, 1);
  return { blocks: out, used };
}

/** Every organisation name a signature line may end with, longest first. */
function orgNames(draft: ImportDraft): string[] {
  const orgs = [...draft.registry, ...draft.newOrganisations];
  return orgs.map((o) => o.name).concat(draft.parties.flatMap((p) => (p.unit ? [p.unit] : []))).sort((a, b) => b.length - a.length);
}

/** "Peter Vigren Umeå kommun" on one line → the name and the organisation as two lines. */
export function splitNameAndOrg(line: string, names: readonly string[]): string[] {
  if (line.length > 200) return [line];
  for (const n of names) {
    if (line.length > n.length && line.toLowerCase().endsWith(n.toLowerCase())) {
      const before = line.slice(0, line.length - n.length).replace(/[\s,]+$/, '');
      if (PERSON.test(before)) return [before, line.slice(line.length - n.length)];
    }
  }
  return [line];
}

const DECISION_DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{4})(?:\s*[,;:–—-]\s*|\s+|$)(.*)$/u;

/**
 * "Beslutsdatum 2022-11-25, Samordningsförbundets styrelse" → decision: date and body. Without a
 * body after the date, the body is a guess (the samordningsförbund's board among the parties, else
 * "parterna"), marked as such in the report.
 */
function detectDecision(draft: ImportDraft, rest: string, where: string): boolean {
  const m = DECISION_DATE.exec(rest.trim());
  const date = m ? isoDate(m[1] ?? '') : undefined;
  if (!m || !date) return false;
  const written = (m[2] ?? '').replace(/[.\s]+$/, '').trim();
  const forbund = draft.parties
    .map((p) => [...draft.registry, ...draft.newOrganisations].find((o) => o.id === p.organisation))
    .find((o) => o?.kind === 'samordningsforbund');
  const body = written || (forbund ? `Styrelsen för ${forbund.name}` : 'Parterna');
  draft.decision = { date, body };
  draft.report.push({ kind: 'fakta', text: `Beslutsdatum ${date}${written ? `, ${written}` : ''}: står under decision: i agreement.yaml.`, where });
  if (!written) {
    draft.report.push({ kind: 'gissning', text: `Det beslutande organet står inte vid beslutsdatumet; decision.body är satt till "${body}". Rätta det, och ange vid behov decision.party; är ett beslutande organ part utan underskrift, ange role: beslutande.`, where });
  }
  return true;
}

/** Detects signatories in the "Underskrifter" section (or any section with a signature table). */
export function detectSignatures(draft: ImportDraft): void {
  const section = draft.sections.find((s) => /underskrift|undertecknande|signatur/i.test(s.title))
    ?? draft.sections.find((s) => s.blocks.some((b) => b.type === 'table' && b.rows.flat().some((c) => cellLines(c.blocks).some((l) => FOR.test(l.trim())))));
  if (!section) {
    draft.report.push({ kind: 'kontrollera', text: 'Hittade inga underskriftsblock ("För <organisation>" följt av namn och titel). Lägg till undertecknarna under signatories: i agreement.yaml.', where: 'hela Word-filen' });
    return;
  }
  const { blocks, used } = signatureBlocks(section, orgNames(draft));
  // The decision line moves into decision:, which ::underskrifter prints, so the prose does not repeat it.
  let decisionBlock = -1;
  section.blocks.forEach((b, i) => {
    const d = b.type === 'paragraph' ? DECISION.exec(b.plain) : null;
    if (d && !draft.decision && detectDecision(draft, d[1] ?? '', whereOf(section, b.para))) decisionBlock = i;
  });
  const unique = uniqueIds();
  let all = blocks.length > 0;
  for (const sb of blocks) {
    const where = whereOf(section, sb.para);
    const sig = parseSignature(sb.lines);
    if (!sig) {
      all = false;
      draft.report.push({ kind: 'kontrollera', text: `Ett underskriftsblock kunde inte läsas ("${sb.lines.filter((l) => l.trim()).join(' / ').slice(0, 120)}"); det står kvar som text.`, where });
      continue;
    }
    const party = partyFor(draft, sig.org, where);
    if (!party) { all = false; continue; }
    draft.signatories.push({
      id: unique(slugify(sig.name)),
      name: sig.name,
      ...(sig.title ? { title: sig.title } : {}),
      party,
      ...(sig.scope ? { scope: sig.scope } : {}),
      ...(sig.place ? { place: sig.place } : {}),
      ...(sig.date ? { date: sig.date } : {}),
    });
    draft.report.push({ kind: 'fakta', text: `Undertecknare: ${sig.name}${sig.title ? `, ${sig.title}` : ''}, för ${sig.org}${sig.place || sig.date ? ` (${[sig.place, sig.date].filter(Boolean).join(' ')})` : ''}.`, where });
  }
  if (all && blocks.length > 0) {
    const out: DraftBlock[] = [];
    let placed = false;
    section.blocks.forEach((b, i) => {
      if (i === decisionBlock) return;
      if (!used.has(i)) { out.push(b); return; }
      if (!placed) out.push({ type: 'directive', line: '::underskrifter', para: b.para });
      placed = true;
    });
    section.blocks = out;
  }
}

/** The party a "För …" line means, matched among the parties or the registry. */
function partyFor(draft: ImportDraft, orgText: string, where: string): string | undefined {
  const orgs = [...draft.registry, ...draft.newOrganisations];
  const name = orgText.replace(/[:.]$/, '').trim();
  const inParties = draft.parties.find((p) => {
    const o = orgs.find((x) => x.id === p.organisation);
    const n = name.toLowerCase();
    return o && (o.name.toLowerCase() === n || o.shortName?.toLowerCase() === n || p.unit?.toLowerCase() === n || n.startsWith(`${o.name.toLowerCase()} `));
  });
  if (inParties) return inParties.organisation;
  // "Kriminalvården/Frivården": the organisation before the slash, the whole as its unit.
  const main = name.split(/\s*[/,]\s*/)[0] ?? name;
  if (main !== name) {
    const viaMain = draft.parties.find((p) => orgs.find((x) => x.id === p.organisation)?.name.toLowerCase() === main.toLowerCase());
    if (viaMain) return viaMain.organisation;
  }
  const known = matchByName(name, orgs);
  if (known) {
    draft.report.push({ kind: 'gissning', text: `${name} skriver under men stod inte bland parterna; lades till som part.`, where });
    return resolveParty(draft, name, undefined, where);
  }
  draft.report.push({ kind: 'kontrollera', text: `Undertecknaren för "${name}" hör inte till någon känd part. Lägg till organisationen och undertecknaren för hand.`, where });
  return undefined;
}
