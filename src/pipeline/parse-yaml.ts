/** Parsing YAML text into a document with exact positions, turning parser errors into diagnostics. */
import { LineCounter, parseDocument, isAlias, isCollection, isMap, isNode, visit } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { placeAtOffset, type YamlSource } from '../diagnostics/locate.ts';

/** A parsed YAML file: its source (for locating) and its plain data, when it parsed. */
export interface ParsedYaml {
  source: YamlSource;
  data: unknown;
  diagnostics: Diagnostic[];
}

/** Parses YAML; `lineOffset` is the number of lines before the YAML in its file. */
export function parseYaml(text: string, file: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const source: YamlSource = { file, doc, lineCounter, lineOffset };
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const at = placeAtOffset(source, err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      // err.pos covers only the key's first character: read the key up to its colon.
      const rest = text.slice(err.pos[0]).split('\n')[0] ?? '';
      const key = (rest.split(/:(?:\s|$)/)[0] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
      diagnostics.push(diagnostic('yaml-dubblett-nyckel', at, { key }));
    } else if (err.code === 'TAB_AS_INDENT' || (err.code === 'UNEXPECTED_TOKEN' && /\t/.test(lineAt(text, err.pos[0])))) {
      diagnostics.push(diagnostic('yaml-tabb', at));
    } else {
      diagnostics.push(diagnostic('yaml-syntax', at, { detail: swedishDetail(err.code, err.message) }));
    }
  }
  // `[a]: x` or `{a: 1}: x` is valid YAML but has no place in a plain JSON-like file (toJS would
  // turn the key into a string and print a warning).
  visit(doc, {
    Pair: (_key, pair) => {
      if (isCollection(pair.key)) {
        diagnostics.push(diagnostic('yaml-syntax', placeAtOffset(source, pair.key.range?.[0] ?? 0), { detail: 'en nyckel är en lista eller ett objekt; sätt texten inom citattecken' }));
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (diagnostics.length > 0) return { source, data: undefined, diagnostics: dropCascades(diagnostics) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias (*name) without its anchor (&name) before it, or aliases that expand too far, only
    // fail here: point at the first alias whose anchor is not defined above it.
    void err;
    const anchors = new Set<string>();
    let first: { at: number; name: string } | undefined;
    let missing: { at: number; name: string } | undefined;
    visit(doc, (_key, node) => {
      if (isAlias(node)) {
        const here = { at: node.range?.[0] ?? 0, name: node.source };
        first ??= here;
        if (!anchors.has(node.source)) { missing = here; return visit.BREAK; }
      } else if (isNode(node) && node.anchor) anchors.add(node.anchor);
      return undefined;
    });
    const hit = missing ?? first ?? { at: 0, name: '' };
    return { source, data: undefined, diagnostics: [diagnostic('yaml-hanvisning', placeAtOffset(source, hit.at), { name: hit.name, missing: missing ? 1 : 0 })] };
  }
  if (!isMap(doc.contents)) {
    return { source, data: undefined, diagnostics: [diagnostic('yaml-inget-objekt', placeAtOffset(source, doc.contents?.range?.[0] ?? 0))] };
  }
  return { source, data, diagnostics };
}

/**
 * After the first syntax error (or tab indentation) the parser's further complaints are mostly
 * consequences of it; keep the first, and duplicate keys (which are independent of it).
 */
function dropCascades(list: Diagnostic[]): Diagnostic[] {
  const firstBreak = list.find((d) => d.code === 'yaml-syntax' || d.code === 'yaml-tabb');
  return list.filter((d) => d.code === 'yaml-dubblett-nyckel' || d === firstBreak);
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}

const details: Record<string, string> = {
  BAD_INDENT: 'indraget stämmer inte med raderna ovanför',
  MISSING_CHAR: 'ett tecken saknas (t.ex. ett avslutande citattecken eller hakparentes)',
  BLOCK_AS_IMPLICIT_KEY: 'en nyckel spänner över flera rader',
  MULTILINE_IMPLICIT_KEY: 'en nyckel spänner över flera rader (saknas ett kolon?)',
  UNEXPECTED_TOKEN: 'oväntat tecken',
  MULTIPLE_DOCS: 'filen innehåller flera YAML-dokument (---)',
  BAD_ALIAS: 'felaktig hänvisning (*) till ett ankare (&) som inte finns',
  BAD_SCALAR_START: 'ett värde kan inte börja med det tecknet; sätt texten inom citattecken',
  BAD_DIRECTIVE: 'felaktigt direktiv',
  IMPOSSIBLE: 'strukturen går inte att tolka',
  KEY_OVER_1024_CHARS: 'en nyckel är längre än 1024 tecken',
  BAD_DQ_ESCAPE: 'felaktig escape-sekvens i text inom dubbla citattecken',
  DUPLICATE_KEY: 'nyckeln förekommer två gånger',
};

function swedishDetail(code: string, message: string): string {
  return details[code] ?? `kunde inte tolkas (${message.split('\n')[0] ?? code})`;
}
