// Words of a short text reduced to their stems (Snowball, through `natural`), stop words of Dutch, French and English left out.
import stemmerEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import stemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import stemmerNl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import { words as stopEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopFr } from 'natural/lib/natural/util/stopwords_fr.js';
import { words as stopNl } from 'natural/lib/natural/util/stopwords_nl.js';

export type StemLanguage = 'nl' | 'fr' | 'en';

const STEMMERS: Record<StemLanguage, { stem(token: string): string }> = { nl: stemmerNl, fr: stemmerFr, en: stemmerEn };

/** Lower case, accents off: "Réseau" and "reseau" are one word once stemmed. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// The elements of one network mix languages ("een werk-gsm", "la confiance"), so a stop word of any of the three goes.
const STOP = new Set([...stopNl, ...stopFr, ...stopEn].map(fold));

export interface Stemmed {
  /** The word as written (lower case), for telling a person which words matched. */
  word: string;
  stem: string;
}

/** The content words of `text` with their stems, in order, each stem once. Digits-only and one-letter words go. */
export function stemWords(text: string, language: StemLanguage): Stemmed[] {
  const stemmer = STEMMERS[language];
  const seen = new Set<string>();
  const out: Stemmed[] = [];
  for (const raw of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || /^\p{N}+$/u.test(raw) || STOP.has(fold(raw))) continue;
    // The stemmers know the accents of their language ("accessibilité"); folding comes after.
    const stem = fold(stemmer.stem(raw));
    if (stem.length < 2 || seen.has(stem)) continue;
    seen.add(stem);
    out.push({ word: raw, stem });
  }
  return out;
}
