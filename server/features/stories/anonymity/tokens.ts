// Words of a text with their positions, found in one linear pass, for the finders that match words rather than characters.

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** A word is a maximal run of letters, marks, apostrophes and hyphens that starts with a letter. */
const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/** Words longer than this are no name or street anyone writes: they are skipped, which also caps the work per word. */
export const MAX_WORD = 60;

/** The words of the last text, which the address and the name finders both read. */
let last: { text: string; tokens: Token[] } = { text: '', tokens: [] };

export function tokenize(text: string): Token[] {
  if (last.text === text) return last.tokens;
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  last = { text, tokens };
  return tokens;
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Only white space (at least one character) between two words. */
export function spaceBetween(text: string, a: Token, b: Token): boolean {
  return b.start > a.end && /^\s+$/.test(text.slice(a.end, b.start));
}
