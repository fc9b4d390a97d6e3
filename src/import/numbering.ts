/**
 * List and heading labels as Word shows them ("a)", "A)", "»", "1.1"), which mammoth does not keep:
 * read from word/numbering.xml, word/styles.xml and word/document.xml with a small tag scanner
 * (Word's XML is machine-written and well-formed), one entry per body paragraph in document order.
 */

/** One body paragraph of document.xml: its text and, when numbered, the label Word shows. */
export interface ParagraphNumber {
  text: string;
  styleId?: string;
  label?: string;
  /** The number format of the level: decimal, lowerLetter, upperLetter, bullet, … */
  format?: string;
  level?: number;
}

interface Level {
  format: string;
  text: string;
  start: number;
}

interface Tag {
  name: string;
  close: boolean;
  selfClose: boolean;
  attrs: string;
  index: number;
  end: number;
}

function* tags(xml: string): Generator<Tag> {
  const re = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    yield { name: m[2] ?? '', close: m[1] === '/', selfClose: m[4] === '/', attrs: m[3] ?? '', index: m.index, end: re.lastIndex };
  }
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1] ?? '') : undefined;
}

/** Decodes the five XML entities and numeric character references. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

/** Reads numbering.xml: numId → levels (with the abstract numbering's levels and overrides). */
function readNumbering(xml: string): Map<string, Map<number, Level>> {
  const abstract = new Map<string, Map<number, Level>>();
  const numToAbstract = new Map<string, { abs: string; starts: Map<number, number> }>();
  let curAbs: Map<number, Level> | undefined;
  let curLvl: { ilvl: number; level: Level } | undefined;
  let curNum: { abs: string; starts: Map<number, number> } | undefined;
  let overrideLvl: number | undefined;
  for (const t of tags(xml)) {
    if (t.close) {
      if (t.name === 'w:abstractNum') curAbs = undefined;
      if (t.name === 'w:lvl' && curLvl && curAbs) { curAbs.set(curLvl.ilvl, curLvl.level); curLvl = undefined; }
      if (t.name === 'w:num') curNum = undefined;
      continue;
    }
    if (t.name === 'w:abstractNum') { curAbs = new Map(); abstract.set(attr(t.attrs, 'w:abstractNumId') ?? '', curAbs); }
    else if (t.name === 'w:lvl' && curAbs) curLvl = { ilvl: Number(attr(t.attrs, 'w:ilvl') ?? 0), level: { format: 'decimal', text: '', start: 1 } };
    else if (t.name === 'w:numFmt' && curLvl) curLvl.level.format = attr(t.attrs, 'w:val') ?? 'decimal';
    else if (t.name === 'w:lvlText' && curLvl) curLvl.level.text = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:start' && curLvl) curLvl.level.start = Number(attr(t.attrs, 'w:val') ?? 1);
    else if (t.name === 'w:num') { curNum = { abs: '', starts: new Map() }; numToAbstract.set(attr(t.attrs, 'w:numId') ?? '', curNum); }
    else if (t.name === 'w:abstractNumId' && curNum) curNum.abs = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:lvlOverride' && curNum) overrideLvl = Number(attr(t.attrs, 'w:ilvl') ?? 0);
    else if (t.name === 'w:startOverride' && curNum && overrideLvl !== undefined) curNum.starts.set(overrideLvl, Number(attr(t.attrs, 'w:val') ?? 1));
  }
  const out = new Map<string, Map<number, Level>>();
  for (const [numId, n] of numToAbstract) {
    const levels = new Map<number, Level>();
    for (const [i, l] of abstract.get(n.abs) ?? []) levels.set(i, { ...l, start: n.starts.get(i) ?? l.start });
    out.set(numId, levels);
  }
  return out;
}

/** Reads styles.xml: paragraph style id → numbering (numId, ilvl) it carries, following basedOn. */
function readStyleNumbering(xml: string): Map<string, { numId: string; ilvl: number }> {
  const own = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  let cur: { numId?: string; ilvl?: number; basedOn?: string } | undefined;
  for (const t of tags(xml)) {
    if (t.close) { if (t.name === 'w:style') cur = undefined; continue; }
    if (t.name === 'w:style') { cur = {}; own.set(attr(t.attrs, 'w:styleId') ?? '', cur); }
    else if (cur && t.name === 'w:basedOn') cur.basedOn = attr(t.attrs, 'w:val') ?? '';
    else if (cur && t.name === 'w:numId') cur.numId = attr(t.attrs, 'w:val') ?? '';
    else if (cur && t.name === 'w:ilvl') cur.ilvl = Number(attr(t.attrs, 'w:val') ?? 0);
  }
  const out = new Map<string, { numId: string; ilvl: number }>();
  for (const id of own.keys()) {
    let s = own.get(id);
    for (let depth = 0; s && depth < 10; depth++) {
      if (s.numId !== undefined) { out.set(id, { numId: s.numId, ilvl: s.ilvl ?? 0 }); break; }
      s = s.basedOn ? own.get(s.basedOn) : undefined;
    }
  }
  return out;
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

/** Formats a counter in a Word number format. */
export function formatCounter(n: number, format: string): string {
  const letters = (k: number) => {
    let s = '';
    for (let x = k; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(97 + ((x - 1) % 26)) + s;
    return s;
  };
  const roman = (k: number) => ROMAN.reduce((acc, [v, r]) => { while (k >= v) { acc += r; k -= v; } return acc; }, '');
  switch (format) {
    case 'lowerLetter': return letters(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'none': return '';
    default: return String(n);
  }
}

/** Every body paragraph of document.xml in order, with the label Word would print before it. */
export function readParagraphNumbers(documentXml: string, numberingXml: string | undefined, stylesXml: string | undefined): ParagraphNumber[] {
  const nums = numberingXml ? readNumbering(numberingXml) : new Map<string, Map<number, Level>>();
  const styleNums = stylesXml ? readStyleNumbering(stylesXml) : new Map<string, { numId: string; ilvl: number }>();
  const counters = new Map<string, number[]>();
  const out: ParagraphNumber[] = [];
  const stack: { text: string; styleId?: string; numId?: string; ilvl?: number; inText: boolean }[] = [];
  let textStart = -1;
  for (const t of tags(documentXml)) {
    const cur = stack[stack.length - 1];
    if (t.name === 'w:p' && !t.close) {
      if (t.selfClose) out.push({ text: '' });
      else stack.push({ text: '', inText: false });
      continue;
    }
    if (!cur) continue;
    if (t.name === 'w:t' || t.name === 'w:delText') {
      if (t.close && textStart >= 0 && t.name === 'w:t') cur.text += decodeXml(documentXml.slice(textStart, t.index));
      textStart = !t.close && !t.selfClose ? t.end : -1;
      continue;
    }
    if (t.close && t.name === 'w:p') {
      stack.pop();
      out.push(label(cur, nums, styleNums, counters));
      continue;
    }
    if (t.name === 'w:tab' && !t.close) cur.text += '\t';
    else if (t.name === 'w:pStyle') cur.styleId = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:numId') cur.numId = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:ilvl') cur.ilvl = Number(attr(t.attrs, 'w:val') ?? 0);
  }
  return out;
}

function label(
  p: { text: string; styleId?: string; numId?: string; ilvl?: number },
  nums: Map<string, Map<number, Level>>,
  styleNums: Map<string, { numId: string; ilvl: number }>,
  counters: Map<string, number[]>,
): ParagraphNumber {
  const base: ParagraphNumber = { text: p.text, ...(p.styleId ? { styleId: p.styleId } : {}) };
  const fromStyle = p.styleId ? styleNums.get(p.styleId) : undefined;
  const numId = p.numId ?? fromStyle?.numId;
  const ilvl = p.ilvl ?? fromStyle?.ilvl ?? 0;
  if (!numId || numId === '0') return base;
  const levels = nums.get(numId);
  const level = levels?.get(ilvl);
  if (!levels || !level) return base;
  const c = counters.get(numId) ?? [];
  for (let i = 0; i <= ilvl; i++) if (c[i] === undefined) c[i] = (levels.get(i)?.start ?? 1) - (i === ilvl ? 1 : 0);
  c[ilvl] = (c[ilvl] ?? 0) + 1;
  c.length = ilvl + 1;
  counters.set(numId, c);
  const text = level.format === 'bullet'
    ? level.text
    : level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatCounter(c[i] ?? 1, levels.get(i)?.format ?? 'decimal');
    });
  return { ...base, label: text, format: level.format, level: ilvl };
}
