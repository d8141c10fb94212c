// Exact dates of birth: a date right after a word that says it is one ("geboren op 3 maart 2015", "°12/05/2016").
// Other dates are no warning. White space is bounded ({1,3}) so a long run of spaces after "dob" costs nothing.
import { collect, type Finding } from './finding.js';

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october|mar|oct|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const NUMERIC_DATE = '\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})';
const WORD_DATE = `\\d{1,2}(?:st|nd|rd|th|e|de|ste|er)?(?:\\s{1,3}of)?\\s{1,3}(?:${MONTHS})\\.?,?\\s{1,3}\\d{4}`;
const EN_WORD_DATE = `(?:${MONTHS})\\.?\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,3}\\d{4}`;
const DATE = `(?:${NUMERIC_DATE}|${WORD_DATE}|${EN_WORD_DATE})`;
const BIRTH_DATE = new RegExp(
  `(?:(?<![\\p{L}])(?:geboren|geb\\.|born|b\\.|née?|né\\(e\\))\\s{1,3}(?:op\\s{1,3}|on\\s{1,3}|le\\s{1,3})?(?:de\\s{1,3}|the\\s{1,3})?|(?<![\\p{L}])(?:geboortedatum|date\\s{1,3}of\\s{1,3}birth|birth\\s{0,3}date|date\\s{1,3}de\\s{1,3}naissance|dob|d\\.o\\.b\\.)\\s{0,3}[:\\-–]?\\s{0,3}(?:is\\s{1,3}|was\\s{1,3})?|°\\s?)${DATE}(?!\\d)`,
  'giu',
);

export function findBirthDates(text: string, into: Finding[]): void {
  collect(text, BIRTH_DATE, 'birth_date', (m) => m, into);
}
