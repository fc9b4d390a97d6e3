/**
 * Målgrupper from the section of that name (its first list → targetGroups, replaced by
 * ::malgrupper), and goals with indicators from sections about mål: "Mål 1" then the goal's text,
 * then "Indikator(er)" and a list; targets read from "minst 60 %", "ska uppgå till 50 procent",
 * "ska minska jämfört med föregående år". The goal blocks are replaced by ::mal{niva=…}.
 */
import type { GoalData, IndicatorData, TargetData } from '../model/schema.ts';
import { replaceWithDirective } from './detect-parties.ts';
import { slugify, uniqueIds, whereOf, type DraftBlock, type ImportDraft, type SectionDraft } from './draft.ts';

/** Reads a target from an indicator's or goal's text; undefined when it states none. */
export function parseTarget(text: string): TargetData | undefined {
  const t = text.replace(/\u00a0/g, ' ');
  const num = (s: string) => Number(s.replace(',', '.'));
  const pct = /(minst|högst|som mest|upp till|uppgå till|vara|nå|öka till|minska till)?\s*(\d+(?:,\d+)?)\s*(?:%|procent)/i.exec(t);
  if (pct) {
    const word = (pct[1] ?? '').toLowerCase();
    const operator = word === 'minst' ? 'minst' : word === 'högst' || word === 'som mest' ? 'högst' : undefined;
    return { type: 'percent', value: num(pct[2] ?? '0'), ...(operator ? { operator } : {}) };
  }
  const count = /(minst|högst)\s+(\d+)\s+([\p{L}-]+)/iu.exec(t);
  if (count) return { type: 'number', value: Number(count[2]), unit: count[3] ?? '', operator: (count[1] ?? '').toLowerCase() === 'högst' ? 'högst' : 'minst' };
  const cmp = /(?<!\p{L})(öka|minska)\s+jämfört\s+med\s+([^.;]+)/iu.exec(t) ?? /(?<!\p{L})ska\s+(öka|minska)(?!\p{L})/iu.exec(t);
  if (cmp) {
    const direction = (cmp[1] ?? '').toLowerCase() === 'öka' ? 'öka' : 'minska';
    const baseline = cmp[2]?.trim();
    return { type: 'comparison', direction, ...(baseline ? { baseline } : {}) };
  }
  return undefined;
}

/** Describes a target in the report's words. */
function describe(t: TargetData): string {
  if (t.type === 'percent') return `${t.operator ? `${t.operator} ` : ''}${t.value} %`;
  if (t.type === 'number') return `${t.operator ? `${t.operator} ` : ''}${t.value}${t.unit ? ` ${t.unit}` : ''}`;
  return `${t.direction}${t.baseline ? ` jämfört med ${t.baseline}` : ''}`;
}

/** Detects the target groups of the section "Målgrupp(er)". */
export function detectTargetGroups(draft: ImportDraft): void {
  const section = draft.sections.find((s) => /^(prioriterade\s+)?målgrupp(er|en|erna)?$/i.test(s.title.trim()));
  if (!section) return;
  const index = section.blocks.findIndex((b) => b.type === 'list');
  const list = section.blocks[index];
  if (!list || list.type !== 'list') return;
  const unique = uniqueIds();
  for (const [k, item] of list.items.entries()) {
    const name = item.md.replace(/\u2028/g, ' ');
    draft.targetGroups.push({ id: unique(slugify(item.plain)), name });
    draft.report.push({ kind: 'fakta', text: `Målgrupp: ${item.plain}.`, where: whereOf(section, list.para + k) });
  }
  replaceWithDirective(section, [index], '::malgrupper', list.para);
}

const GOAL_LABEL = /^((?:del|effekt|individ|strategiskt\s+|övergripande\s+|lokalt\s+)?mål)\s*(\d+[a-z]?)\s*[:.]?\s*(.*)$/i;
const INDICATOR_HEAD = /^indikator(?:er)?\s*:?\s*(.*)$/i;

function levelOf(title: string): { level: GoalData['level']; guessed: boolean } {
  const t = title.toLowerCase();
  if (/övergripande/.test(t)) return { level: 'overgripande', guessed: false };
  if (/effektmål/.test(t)) return { level: 'effektmal', guessed: false };
  if (/strategisk/.test(t)) return { level: 'strategiskt', guessed: false };
  if (/individmål/.test(t)) return { level: 'individmal', guessed: false };
  return { level: 'lokalt', guessed: !/lokal/.test(t) };
}

/** Detects goals and indicators in each section about mål. */
export function detectGoals(draft: ImportDraft): void {
  const goalIds = uniqueIds();
  const withGoals: { section: SectionDraft; goals: GoalData[] }[] = [];
  for (const section of draft.sections) {
    if (!/mål/i.test(section.title) || /målgrupp/i.test(section.title)) continue;
    const before = draft.goals.length;
    detectInSection(draft, section, goalIds);
    if (draft.goals.length > before) withGoals.push({ section, goals: draft.goals.slice(before) });
  }
  // Goals from several sections: each section gets an area, so its directive shows only its own.
  if (withGoals.length < 2) return;
  const areaIds = uniqueIds();
  for (const { section, goals } of withGoals) {
    const area = areaIds(slugify(section.title, 40));
    draft.areas.push({ id: area, title: section.title });
    for (const g of goals) g.area = area;
    section.blocks = section.blocks.map((b) => (b.type === 'directive' && b.line.startsWith('::mal{') ? { ...b, line: b.line.replace('}', ` omrade=${area}}`) } : b));
  }
}

function detectInSection(draft: ImportDraft, section: SectionDraft, goalIds: (base: string) => string): void {
  const { level, guessed } = levelOf(section.title);
  const found: GoalData[] = [];
  const used = new Set<number>();
  let goal: GoalData | undefined;
  let awaitingText = false;
  const indIds = uniqueIds();
  const addIndicator = (text: string, para: number) => {
    if (!goal) return;
    const target = parseTarget(text);
    const ind: IndicatorData = { id: indIds(`${goal.id.slice(0, 40).replace(/-$/, '')}-${slugify(text, 30)}`), text, ...(target ? { target } : {}) };
    (goal.indicators ??= []).push(ind);
    draft.report.push({
      kind: target ? 'gissning' : 'kontrollera',
      text: target ? `Indikator under ${goal.label}: målvärde ${describe(target)} (tolkat ur texten "${text}").` : `Indikator under ${goal.label} utan tolkat målvärde: "${text}". Lägg till target: om texten anger ett.`,
      where: whereOf(section, para),
    });
  };
  section.blocks.forEach((b, i) => {
    if (b.type === 'paragraph' || (b.type === 'heading' && GOAL_LABEL.test(b.plain))) {
      const m = GOAL_LABEL.exec(b.plain);
      if (m && (m[3] ?? '').length < 300) {
        const label = `${(m[1] ?? 'Mål').replace(/\s+/g, ' ')} ${m[2]}`.replace(/^./, (c) => c.toUpperCase());
        goal = { id: m[3] ? goalIds(`mal-${slugify(`${m[2]} ${m[3]}`, 50)}`) : '', level, label, text: m[3] ?? '' };
        found.push(goal);
        used.add(i);
        awaitingText = !m[3];
        return;
      }
      if (!goal) return;
      const ind = INDICATOR_HEAD.exec(b.type === 'paragraph' ? b.plain : '');
      if (ind) { used.add(i); if (ind[1]) addIndicator(ind[1], b.para); awaitingText = false; return; }
      if (awaitingText && b.type === 'paragraph') {
        goal.text = b.md.replace(/\u2028/g, ' ');
        goal.id = goalIds(`mal-${slugify(`${goal.label?.replace(/^mål\s*/i, '') ?? ''} ${b.plain}`, 50)}`);
        used.add(i);
        awaitingText = false;
        return;
      }
      goal = undefined;
      return;
    }
    if (b.type === 'list' && goal && !awaitingText) {
      for (const [k, item] of b.items.entries()) addIndicator(item.md.replace(/\u2028/g, ' '), b.para + k);
      used.add(i);
      return;
    }
    goal = undefined;
  });
  const complete = found.filter((g) => g.text);
  for (const g of complete) {
    if (!g.id) g.id = goalIds(`mal-${slugify(`${g.label?.replace(/^mål\s*/i, '') ?? ''} ${g.text}`, 50)}`);
    draft.report.push({ kind: 'fakta', text: `${g.label}: ${g.text} (${g.indicators?.length ?? 0} indikatorer).`, where: whereOf(section, section.para) });
  }
  if (complete.length === 0) return;
  if (guessed) draft.report.push({ kind: 'gissning', text: `Målen i "${section.title}" fick nivån "lokalt" (rubriken säger inte vilken nivå); ändra level: i goals.yaml om det är fel.`, where: whereOf(section, section.para) });
  if (complete.length !== found.length) {
    draft.report.push({ kind: 'kontrollera', text: `Några mål i "${section.title}" saknar måltext, så avsnittets mål står kvar som text. Skriv in dem i goals.yaml.`, where: whereOf(section, section.para) });
    return;
  }
  draft.goals.push(...complete);
  const out: DraftBlock[] = [];
  let placed = false;
  section.blocks.forEach((b, i) => {
    if (!used.has(i)) { out.push(b); return; }
    if (!placed) out.push({ type: 'directive', line: `::mal{niva=${level}}`, para: b.para });
    placed = true;
  });
  section.blocks = out;
}
