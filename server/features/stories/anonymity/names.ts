// People's names: a known first name ("Yassine", "Fatima El Moussaoui"), a title with a surname ("mevrouw Peeters",
// "Mr Smith"), or any capitalised word after a family word ("mama van Zineb"). Word by word, so linear in the text;
// names that are also ordinary words, months or places need a context that makes them a person.
import { isStreetWord } from './addresses.js';
import type { Finding } from './finding.js';
import { foldName } from './fold.js';
import { ADDED_FIRST_NAMES } from './name-additions.js';
import {
  ACQUAINTANCES,
  ALSO_WORDS,
  ARTICLES,
  BEFORE_NO_NAME,
  BEFORE_PLACE,
  DOTTED_TITLES,
  MORE_PLACES,
  NAMES_EVEN_FIRST,
  NAMING,
  NOT_NAMES,
  OF,
  PARTICLES,
  RELATIONS,
  TITLES,
} from './name-context.js';
import { BELGIAN_PLACES, COMMON_WORD_NAMES, FIRST_NAMES } from './name-lists.js';
import { MAX_WORD, tokenize } from './tokens.js';

const FIRST = new Set([...FIRST_NAMES.split(' '), ...ADDED_FIRST_NAMES]);
const COMMON = new Set([...COMMON_WORD_NAMES.split(' ').filter((name) => !NAMES_EVEN_FIRST.has(name)), ...ALSO_WORDS]);
const PLACES = new Set([...BELGIAN_PLACES.split(' '), ...MORE_PLACES]);

/** A surname has at most this many particles and words: "Van den Broeck", "Dos Santos Silva". */
const MAX_PARTICLES = 3;
const MAX_SURNAME_WORDS = 2;

/** What stands between a word and the one before it. */
type Gap = 'space' | 'dot' | 'none' | 'other';

interface Word {
  start: number;
  end: number;
  key: string;
  /** Starts with a capital and is not an acronym ("OCMW", "VDAB"). */
  capitalised: boolean;
  /** Starts a sentence, a line, a quotation or a list item: a capital says nothing there. */
  initial: boolean;
  /** "space": spaces on one line, so it can continue a name ("El Moussaoui"); "dot": after "Dr." or "M."; "none": after "d'". */
  gap: Gap;
}

const SENTENCE_MARK = /[.!?:;…"“”«»„‘'([{•*>\-–—]/;
const ELISION = /^[dlnjmstc]['’](?=\p{L})/u;

/** Most words need no folding: plain ASCII letters are looked up in lower case straight away. */
const PLAIN_WORD = /^[A-Za-z'-]+$/;

/** "OCMW", "VDAB", "CPAS": capitals only, more than one letter. */
function isAcronym(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word.toLowerCase() !== word.toUpperCase();
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 160;

function gapBetween(text: string, from: number, to: number): Gap {
  if (from === to) return 'none';
  if (to - from > 4) return 'other';
  const dot = text.charCodeAt(from) === 46;
  if (dot && to - from === 1) return 'other';
  for (let i = dot ? from + 1 : from; i < to; i += 1) if (!isSpace(text.charCodeAt(i))) return 'other';
  return dot ? 'dot' : 'space';
}

/** Whether the word at `start` opens a sentence, line, quotation or list item: look back over white space only. */
function opensSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i -= 1;
  }
  return i < 0 || SENTENCE_MARK.test(text[i]!);
}

/** The words of the text with what is known about each from the characters around it; each character is looked at a
 * bounded number of times (the look back in opensSentence crosses only the white space before one word). */
function words(text: string): Word[] {
  const out: Word[] = [];
  const push = (start: number, raw: string, key?: string) => {
    // "Yassine's", "Sara’s" and a trailing hyphen or apostrophe are the name alone.
    const bare = key ? raw : raw.replace(/['’]s$/u, '').replace(/['’-]+$/u, '');
    if (!bare) return;
    const capitalised = !key && bare.length <= MAX_WORD && /^\p{Lu}/u.test(bare) && !isAcronym(bare);
    const previous = out[out.length - 1];
    out.push({
      start,
      end: start + bare.length,
      key: key ?? (bare.length > MAX_WORD ? '' : PLAIN_WORD.test(bare) ? bare.toLowerCase() : foldName(bare)),
      capitalised,
      initial: capitalised && opensSentence(text, start),
      gap: previous ? gapBetween(text, previous.end, start) : 'other',
    });
  };
  for (const token of tokenize(text)) {
    if (ELISION.test(token.text)) {
      // French elision: "d'Ahmed" is the word "d'" and the name.
      push(token.start, token.text.slice(0, 2), `${token.text[0]!.toLowerCase()}'`);
      push(token.start + 2, token.text.slice(2));
    } else push(token.start, token.text);
  }
  return out;
}

/** After the word before it without a full stop or line break in between. */
const joined = (word: Word | undefined) => !!word && (word.gap === 'space' || word.gap === 'none');

function isFirstName(key: string): boolean {
  if (FIRST.has(key)) return true;
  const parts = key.split('-');
  return parts.length > 1 && parts.every((part) => part.length > 1 && FIRST.has(part));
}

/** A capitalised word that can be (part of) a surname. */
function isSurname(word: Word | undefined): boolean {
  return (
    !!word &&
    joined(word) &&
    word.capitalised &&
    word.key.length > 1 &&
    !NOT_NAMES.has(word.key) &&
    !BEFORE_NO_NAME.has(word.key) &&
    !PLACES.has(word.key) &&
    !isStreetWord(word.key)
  );
}

/** The last word of the name that starts at `first`: its surname's particles and words, if any follow. */
function surnameEnd(list: Word[], first: number): number {
  let end = first;
  for (let surnames = 0; surnames < MAX_SURNAME_WORDS; surnames += 1) {
    let k = end + 1;
    while (k - end <= MAX_PARTICLES && joined(list[k]) && PARTICLES.has(list[k]!.key)) k += 1;
    if (!isSurname(list[k])) break;
    end = k;
  }
  return end;
}

/** A name in a street's name: "de Jan Palfijnstraat", "Jan Van Rijswijcklaan", "Hope Street". */
function inStreetName(list: Word[], first: number): boolean {
  let k = first + 1;
  while (k - first <= MAX_PARTICLES + MAX_SURNAME_WORDS && joined(list[k])) {
    if (list[k]!.capitalised && isStreetWord(list[k]!.key)) return true;
    if (!PARTICLES.has(list[k]!.key) && !list[k]!.capitalised) return false;
    k += 1;
  }
  return false;
}

type Context = 'title' | 'relation' | 'naming' | 'blocked' | 'article' | 'place' | null;

/** How the words before a capitalised word make it a person, or not. */
function context(list: Word[], i: number): Context {
  const word = list[i]!;
  const prev = list[i - 1];
  if (!prev) return null;
  if (word.gap === 'dot') return DOTTED_TITLES.has(prev.key) || TITLES.has(prev.key) ? 'title' : null;
  if (!joined(word)) return null;
  if (TITLES.has(prev.key)) return 'title';
  if (RELATIONS.has(prev.key)) return 'relation';
  if (OF.has(prev.key) && joined(prev) && RELATIONS.has(list[i - 2]?.key ?? '')) return 'relation';
  if (NAMING.has(prev.key) || ACQUAINTANCES.has(prev.key)) return 'naming';
  if (OF.has(prev.key) && joined(prev) && ACQUAINTANCES.has(list[i - 2]?.key ?? '')) return 'naming';
  // "AZ Maria", "Sint Jan", "Christmas Eve", "Queen Elisabeth".
  if (BEFORE_NO_NAME.has(prev.key) || (prev.capitalised && NOT_NAMES.has(prev.key))) return 'blocked';
  if (ARTICLES.has(prev.key)) return 'article';
  if (BEFORE_PLACE.has(prev.key)) return 'place';
  return null;
}

/** Finds people's names in the text; each finding is the name with its title, if any. */
export function findNames(text: string, into: Finding[]): void {
  const list = words(text);
  for (let i = 0; i < list.length; i += 1) {
    const word = list[i]!;
    // A single letter ("I", "A") is no name.
    if (!word.capitalised || word.key.length < 2 || NOT_NAMES.has(word.key) || BEFORE_NO_NAME.has(word.key)) continue;
    const known = isFirstName(word.key);
    const around = context(list, i);
    let start = word.start;
    let person: boolean;
    if (around === 'title') {
      start = list[i - 1]!.start;
      person = true;
    } else if (around === 'relation') person = true;
    else if (around === 'naming') person = known;
    else if (!known || around === 'blocked') person = false;
    else {
      // A known first name: sure, unless it is also a word at the start of a sentence, a thing after an article or a
      // place after a preposition; then only a surname after it makes it a person ("Rose Dubois").
      const ambiguous =
        (COMMON.has(word.key) && word.initial) ||
        (around === 'article' && (COMMON.has(word.key) || PLACES.has(word.key))) ||
        (PLACES.has(word.key) && (around === 'place' || word.initial));
      person = !ambiguous || surnameEnd(list, i) > i;
    }
    if (!person || inStreetName(list, i)) continue;
    const last = surnameEnd(list, i);
    const end = list[last]!.end;
    into.push({ kind: 'person_name', excerpt: text.slice(start, end), start, end });
    i = last;
  }
}
