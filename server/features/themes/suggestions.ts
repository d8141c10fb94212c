// Suggested themes for unassigned elements: the words (stemmed) an element shares with the elements already assigned to
// each theme, weighed by how few themes use them. A suggestion only; the facilitator confirms it, and weak evidence
// gives none. Pure: no database, so the scoring is tested on its own (suggestions.unit.test.ts).
import { stemWords, type StemLanguage, type Stemmed } from '../../lib/stems.js';

export interface SuggestionText {
  text: string;
  language: StemLanguage;
}

export interface ThemeEvidence {
  theme_id: string;
  /** The elements assigned to the theme (and its name, as the facilitator's own label). */
  texts: SuggestionText[];
}

export interface Suggestion {
  theme_id: string;
  /** 0..1: the share of the element's (weighted) words found in the theme. */
  score: number;
  /** The element's words that the theme's elements share, as written in the element. */
  words: string[];
}

/** Below this share of its (weighted) words, an element gets no suggestion. */
export const MIN_SCORE = 0.3;
/** The next theme may reach at most this part of the best one's score: a near tie is evidence for neither. */
export const MAX_RUNNER_UP = 0.7;
/** A stem that begins another one ("parent", "parental"; "gezin", "gezinnen") counts this much, if it is this long. */
const PREFIX_WEIGHT = 0.8;
const PREFIX_MIN_LENGTH = 5;
const UNMATCHED_WEIGHT = 0.5;

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= PREFIX_MIN_LENGTH && long.startsWith(short) ? PREFIX_WEIGHT : 0;
}

/** The stems of every theme, and for any stem the best similarity to each theme (cached per stem). */
class ThemeIndex {
  private readonly stems = new Map<string, Set<string>>();
  private readonly cache = new Map<string, Map<string, number>>();
  readonly themeCount: number;

  constructor(themes: ThemeEvidence[]) {
    for (const theme of themes) {
      for (const t of theme.texts) {
        for (const { stem } of stemWords(t.text, t.language)) {
          let owners = this.stems.get(stem);
          if (!owners) this.stems.set(stem, (owners = new Set()));
          owners.add(theme.theme_id);
        }
      }
    }
    this.themeCount = new Set(themes.filter((t) => t.texts.length).map((t) => t.theme_id)).size;
  }

  /** theme id -> how well the theme's words match `stem` (the best of its stems). */
  matches(stem: string): Map<string, number> {
    const hit = this.cache.get(stem);
    if (hit) return hit;
    const out = new Map<string, number>();
    for (const [other, owners] of this.stems) {
      const sim = similarity(stem, other);
      if (sim === 0) continue;
      for (const theme of owners) out.set(theme, Math.max(out.get(theme) ?? 0, sim));
    }
    this.cache.set(stem, out);
    return out;
  }
}

/** Scores one element's words against every theme; the best theme when the evidence is strong enough, else null. */
function suggestOne(index: ThemeIndex, words: Stemmed[]): Suggestion | null {
  if (words.length === 0 || index.themeCount === 0) return null;
  let total = 0;
  const scores = new Map<string, { sum: number; words: string[] }>();
  for (const w of words) {
    const matches = index.matches(w.stem);
    // Inverse theme frequency: a word many themes use tells little. A word no theme uses is evidence for none: it
    // weighs half a word of a single theme, lowering every theme's share without drowning the one telling word.
    const weight = matches.size
      ? Math.log(1 + index.themeCount / (1 + matches.size))
      : UNMATCHED_WEIGHT * Math.log(1 + index.themeCount / 2);
    total += weight;
    for (const [theme, sim] of matches) {
      const entry = scores.get(theme) ?? { sum: 0, words: [] };
      entry.sum += weight * sim;
      entry.words.push(w.word);
      scores.set(theme, entry);
    }
  }
  const ranked = [...scores.entries()]
    .map(([theme_id, s]) => ({ theme_id, score: s.sum / total, words: s.words }))
    .sort((a, b) => b.score - a.score || a.theme_id.localeCompare(b.theme_id));
  const [best, next] = ranked;
  if (!best || best.score < MIN_SCORE) return null;
  if (next && next.score > best.score * MAX_RUNNER_UP) return null;
  return { theme_id: best.theme_id, score: Math.round(best.score * 100) / 100, words: best.words };
}

/** A suggested theme for each element that has strong enough evidence (elements without one are left out). */
export function suggestThemes(themes: ThemeEvidence[], elements: Array<{ id: string } & SuggestionText>): Map<string, Suggestion> {
  const index = new ThemeIndex(themes);
  const out = new Map<string, Suggestion>();
  for (const element of elements) {
    const suggestion = suggestOne(index, stemWords(element.text, element.language));
    if (suggestion) out.set(element.id, suggestion);
  }
  return out;
}
