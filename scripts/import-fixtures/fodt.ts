/**
 * A small text format → LibreOffice flat ODT (.fodt), so the import fixtures are written as text
 * and turned into real .docx files by LibreOffice itself (see make-import-fixtures.ts).
 *
 *   %title T / %subtitle S / %toc / %numbering N (heading levels with outline numbers)
 *   # Heading, ## Sub-heading
 *   - bullet, a) lettered, A) upper lettered, » guillemet, 1. decimal; two spaces per nesting level
 *   | a | b |   table rows (the first is the header); in a cell "<br>" starts a new paragraph and
 *               "- x - y" makes a bullet list
 *   text ^[footnote text] **bold** *italic*, a tab as \t
 *   %image alt text   an embedded PNG with that description (its alternative text in Word)
 */
import { deflateSync, crc32 } from 'node:zlib';

/** A small PNG: a blue bar on white, enough to be a real image in the document. */
export function smallPng(): Buffer {
  const w = 40; const h = 20;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const bar = y > 6 && y < 14;
      raw[o] = bar ? 30 : 255; raw[o + 1] = bar ? 80 : 255; raw[o + 2] = bar ? 160 : 255;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text: string, notes: { n: number }): string {
  let out = '';
  const re = /\^\[([^\]]*)\]|\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += esc(text.slice(last, m.index));
    if (m[1] !== undefined) {
      notes.n += 1;
      out += `<text:note text:id="ftn${notes.n}" text:note-class="footnote"><text:note-citation>${notes.n}</text:note-citation><text:note-body><text:p text:style-name="Footnote">${esc(m[1])}</text:p></text:note-body></text:note>`;
    } else if (m[2] !== undefined) out += `<text:span text:style-name="Tbold">${esc(m[2])}</text:span>`;
    else out += `<text:span text:style-name="Titalic">${esc(m[3] ?? '')}</text:span>`;
    last = re.lastIndex;
  }
  return (out + esc(text.slice(last))).replace(/\\t/g, '<text:tab/>');
}

const LIST_KINDS: { re: RegExp; style: string }[] = [
  { re: /^- /, style: 'Lbullet' },
  { re: /^[a-z]\) /, style: 'Lalpha' },
  { re: /^[A-Z]\) /, style: 'LAlpha' },
  { re: /^» /, style: 'Lguillemet' },
  { re: /^\d+\. /, style: 'Ldecimal' },
];

function listKind(line: string): { style: string; text: string } | undefined {
  for (const k of LIST_KINDS) {
    const m = k.re.exec(line);
    if (m) return { style: k.style, text: line.slice(m[0].length) };
  }
  return undefined;
}

function list(lines: string[], notes: { n: number }): string {
  // lines: "<indent><marker> text"; nesting by two spaces.
  const parse = (i: number, depth: number): [string, number] => {
    const first = lines[i] ?? '';
    const style = listKind(first.trimStart())?.style ?? 'Lbullet';
    // A nested list continues the outer list's style at the next level, as in a word processor.
    let out = depth === 0 ? `<text:list text:style-name="${style}">` : '<text:list>';
    while (i < lines.length) {
      const line = lines[i] ?? '';
      const d = (line.length - line.trimStart().length) / 2;
      if (d < depth) break;
      const k = listKind(line.trimStart());
      out += `<text:list-item><text:p text:style-name="Plist">${inline(k?.text ?? line.trim(), notes)}</text:p>`;
      i += 1;
      const next = lines[i];
      if (next !== undefined && (next.length - next.trimStart().length) / 2 > depth) {
        const [inner, j] = parse(i, depth + 1);
        out += inner;
        i = j;
      }
      out += '</text:list-item>';
    }
    return [`${out}</text:list>`, i];
  };
  return parse(0, 0)[0];
}

function cell(text: string, notes: { n: number }): string {
  const t = text.trim();
  if (t.startsWith('- ')) {
    const items = t.slice(2).split(/ - /);
    return `<text:list text:style-name="Lbullet">${items.map((x) => `<text:list-item><text:p text:style-name="Plist">${inline(x, notes)}</text:p></text:list-item>`).join('')}</text:list>`;
  }
  return t.split('<br>').map((p) => `<text:p text:style-name="Table_20_Contents">${inline(p.trim(), notes)}</text:p>`).join('');
}

function table(lines: string[], notes: { n: number }, n: number): string {
  const rows = lines.filter((l) => !/^\|[\s|:-]+\|$/.test(l)).map((l) => l.replace(/^\||\|$/g, '').split('|'));
  const cols = Math.max(...rows.map((r) => r.length));
  let out = `<table:table table:name="Tabell${n}" table:style-name="Tab"><table:table-column table:number-columns-repeated="${cols}"/>`;
  rows.forEach((r, i) => {
    const cells = r.map((c) => `<table:table-cell office:value-type="string">${cell(c, notes)}</table:table-cell>`).join('');
    out += i === 0 ? `<table:table-header-rows><table:table-row>${cells}</table:table-row></table:table-header-rows>` : `<table:table-row>${cells}</table:table-row>`;
  });
  return `${out}</table:table>`;
}

function toc(headings: { level: number; text: string }[]): string {
  const entries = headings.map((h, i) => `<text:p text:style-name="Contents_20_${h.level}">${esc(h.text)}<text:tab/>${i + 2}</text:p>`).join('');
  return `<text:table-of-content text:name="Innehållsförteckning1"><text:table-of-content-source text:outline-level="2"><text:index-title-template text:style-name="Contents_20_Heading">Innehåll</text:index-title-template></text:table-of-content-source><text:index-body><text:index-title text:name="Innehållsförteckning1_Head"><text:p text:style-name="Contents_20_Heading">Innehåll</text:p></text:index-title>${entries}</text:index-body></text:table-of-content>`;
}

function styles(numbering: number): string {
  const outline = [1, 2, 3].map((l) => `<text:outline-level-style text:level="${l}" style:num-format="${l <= numbering ? '1' : ''}" ${l <= numbering ? `style:num-suffix="." text:display-levels="${l}"` : ''}><style:list-level-properties/></text:outline-level-style>`).join('');
  const level = (kind: 'num' | 'bullet', l: number, attrs: string) => {
    const tag = kind === 'num' ? 'text:list-level-style-number' : 'text:list-level-style-bullet';
    const indent = (0.635 * l).toFixed(3);
    return `<${tag} text:level="${l}" ${attrs}><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${indent}cm" fo:text-indent="-0.635cm" fo:margin-left="${indent}cm"/></style:list-level-properties></${tag}>`;
  };
  const listStyle = (name: string, f: (l: number) => string) => `<text:list-style style:name="${name}">${[1, 2, 3].map(f).join('')}</text:list-style>`;
  return `<office:styles>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Title" style:display-name="Title" style:family="paragraph" style:parent-style-name="Heading"><style:text-properties fo:font-size="24pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Subtitle" style:display-name="Subtitle" style:family="paragraph" style:parent-style-name="Heading"><style:text-properties fo:font-size="16pt"/></style:style>
${[1, 2, 3].map((l) => `<style:style style:name="Heading_20_${l}" style:display-name="Heading ${l}" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="${l}"><style:text-properties fo:font-size="${18 - 2 * l}pt" fo:font-weight="bold"/></style:style>`).join('\n')}
<style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" style:family="paragraph" style:parent-style-name="Heading"/>
${[1, 2].map((l) => `<style:style style:name="Contents_20_${l}" style:display-name="Contents ${l}" style:family="paragraph" style:parent-style-name="Standard"/>`).join('')}
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>
<text:outline-style style:name="Outline">${outline}</text:outline-style>
${listStyle('Lbullet', (l) => level('bullet', l, `text:bullet-char="${l === 1 ? '•' : '–'}"`))}
${listStyle('Lguillemet', (l) => level('bullet', l, 'text:bullet-char="»"'))}
${listStyle('Lalpha', (l) => level('num', l, `style:num-format="${l === 1 ? 'a' : 'i'}" style:num-suffix=")"`))}
${listStyle('LAlpha', (l) => level('num', l, `style:num-format="${l === 1 ? 'A' : 'a'}" style:num-suffix=")"`))}
${listStyle('Ldecimal', (l) => level('num', l, 'style:num-format="1" style:num-suffix="."'))}
</office:styles>
<office:automatic-styles>
<style:style style:name="Tbold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Titalic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Plist" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Tab" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
</office:automatic-styles>`;
}

/** Converts the text format to a flat ODT document. */
export function toFodt(source: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const notes = { n: 0 };
  let numbering = 0;
  const headings: { level: number; text: string }[] = [];
  for (const l of lines) {
    const n = /^%numbering (\d)/.exec(l);
    if (n) numbering = Number(n[1]);
    const h = /^(#{1,3}) (.*)$/.exec(l);
    if (h) headings.push({ level: h[1]!.length, text: h[2]! });
  }
  const counters = [0, 0, 0];
  const tocHeadings = headings.filter((h) => h.level <= 2).map((h) => {
    counters[h.level - 1]! += 1;
    for (let i = h.level; i < 3; i++) counters[i] = 0;
    return { level: h.level, text: h.level <= numbering ? `${counters.slice(0, h.level).join('.')}. ${h.text}` : h.text };
  });
  let body = '';
  let tables = 0;
  for (let i = 0; i < lines.length;) {
    const l = lines[i] ?? '';
    if (!l.trim() || l.startsWith('%numbering')) { i += 1; continue; }
    const group = (pred: (x: string) => boolean) => {
      const out: string[] = [];
      while (i < lines.length && pred(lines[i] ?? '')) out.push(lines[i++] ?? '');
      return out;
    };
    if (l.startsWith('%title ')) { body += `<text:p text:style-name="Title">${inline(l.slice(7), notes)}</text:p>`; i += 1; }
    else if (l.startsWith('%subtitle ')) { body += `<text:p text:style-name="Subtitle">${inline(l.slice(10), notes)}</text:p>`; i += 1; }
    else if (l === '%toc') { body += toc(tocHeadings); i += 1; }
    else if (l.startsWith('%image ')) {
      const alt = esc(l.slice(7));
      body += `<text:p text:style-name="Standard"><draw:frame draw:name="Bild${i}" text:anchor-type="as-char" svg:width="8cm" svg:height="4cm"><draw:image><office:binary-data>${smallPng().toString('base64')}</office:binary-data></draw:image><svg:title>${alt}</svg:title><svg:desc>${alt}</svg:desc></draw:frame></text:p>`;
      i += 1;
    }
    else if (/^#{1,3} /.test(l)) {
      const m = /^(#{1,3}) (.*)$/.exec(l)!;
      body += `<text:h text:style-name="Heading_20_${m[1]!.length}" text:outline-level="${m[1]!.length}">${inline(m[2]!, notes)}</text:h>`;
      i += 1;
    } else if (l.startsWith('|')) body += table(group((x) => x.startsWith('|')), notes, ++tables);
    else if (listKind(l)) body += list(group((x) => listKind(x.trimStart()) !== undefined && x.trim() !== ''), notes);
    else body += `<text:p text:style-name="Standard">${inline(group((x) => x.trim() !== '' && !/^(#|\||%)/.test(x) && !listKind(x)).join(' '), notes)}</text:p>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
${styles(numbering)}
<office:body><office:text>${body}</office:text></office:body></office:document>
`;
}
