/**
 * Word tokenizer for Swedish agreement prose.
 *
 * Tokens are chosen so that a word-level diff reports whole, meaningful units:
 * amounts with thousand separators ("1 200 000"), percentages ("60 %"),
 * ranges ("16–24"), ISO dates, organisation numbers, section numbers and
 * words with inner hyphens or colons ("DUA:s", "e-tjänst", "arbetsmarknads-").
 * Whitespace runs and punctuation are separate tokens, and the tokens always
 * concatenate back to the input string exactly.
 */

/** Space characters allowed between digit groups of a number ("1 200 000"). */
const GROUP_SPACE = '[ \\u00A0\\u202F]';

/** A single number: either grouped thousands or plain digits, with an optional decimal comma. */
const NUMBER = `(?:\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?!\\d)|\\d+)(?:,\\d+)?`;

/** Characters that may continue a word or number; a number token must not be followed by them. */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

const PATTERNS: readonly string[] = [
  // Markdown link tail "](target)" and bare URLs stay whole, so a changed target is one token
  `\\]\\([^()\\s]*\\)`,
  `https?://[^\\s()<>\\[\\]]*[^\\s()<>\\[\\].,;:!?'"]`,
  // ISO date: 2023-01-01
  `\\d{4}-\\d{2}-\\d{2}(?!${WORD_CHAR})`,
  // Swedish organisation number: 212000-2627
  `\\d{6}-\\d{4}(?!${WORD_CHAR})`,
  // Section number or dotted number: 1.1.3, 10.00
  `\\d+(?:\\.\\d+)+(?!${WORD_CHAR})`,
  // Number, optional range (16–24, 2023–2025), optional percent sign (60 %, 12,5%)
  `${NUMBER}(?:[–—-]${NUMBER})?(?:${GROUP_SPACE}?%)?(?!${WORD_CHAR}|[-:]${WORD_CHAR}|-\\s)`,
  // Word with inner hyphens/colons/apostrophes, optionally a trailing hyphen before
  // whitespace ("arbetsmarknads- och", "2- och 3-partssamverkan")
  `${WORD_CHAR}+(?:[-:'’]${WORD_CHAR}+)*(?:-(?=\\s))?`,
  // Whitespace run
  `\\s+`,
  // Run of one repeated punctuation/symbol character ("...", "**", "|")
  `([^\\p{L}\\p{M}\\p{N}_\\s])\\1*`,
  // Anything else, one code point at a time (lone surrogates included)
  `[\\s\\S]`,
];

const TOKEN_RE = new RegExp(PATTERNS.join('|'), 'guy');

/** Splits text into word, number, whitespace and punctuation tokens whose concatenation equals the input. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < text.length) {
    const start = TOKEN_RE.lastIndex;
    const match = TOKEN_RE.exec(text);
    if (match === null || match[0].length === 0) {
      // Defensive: cannot happen because the last alternative matches any code point.
      tokens.push(text.slice(start));
      break;
    }
    tokens.push(match[0]);
  }
  return tokens;
}

/** Returns true when a token consists only of whitespace. */
export function isWhitespaceToken(token: string): boolean {
  return /^\s+$/u.test(token);
}

/** Returns true when a token carries letters or digits (a word, number, date, etc.). */
export function isWordToken(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

/** Returns true when text is a single number-like token (amount, percentage, date, range), ignoring surrounding whitespace. */
export function isNumberText(text: string): boolean {
  const tokens = tokenize(text.trim());
  return tokens.length === 1 && /^\d/.test(tokens[0] ?? '');
}

/** Returns true when text consists only of inline Markdown markup (emphasis marks, link brackets and targets, code ticks). */
export function isMarkupText(text: string): boolean {
  return tokenize(text).every((t) => /^(?:\s+|\*+|_+|~~|`+|!?\[|\]\(\S*\)|\])$/.test(t));
}
