// The anonymity check: a pure function that finds what could identify a family in a piece of text.
// Every pattern is paired with a validator (checksum, digit count, context word) so ordinary prose gives no warnings.

export type FindingKind = 'email' | 'phone' | 'national_number' | 'iban' | 'address' | 'birth_date';

export interface Finding {
  kind: FindingKind;
  /** The text that was found, exactly as written. */
  excerpt: string;
  start: number;
  end: number;
}

export const FINDING_KINDS: readonly FindingKind[] = ['email', 'phone', 'national_number', 'iban', 'address', 'birth_date'];

/** Digits only: "0470/12.34.56" -> "0470123456". */
function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** a mod 97 for a long decimal string, in chunks so no precision is lost. */
function mod97(numeric: string): number {
  let rest = 0;
  for (let i = 0; i < numeric.length; i += 7) rest = Number(`${rest}${numeric.slice(i, i + 7)}`) % 97;
  return rest;
}

// --- e-mail --------------------------------------------------------------------------------------

// Starts only where a run of address characters starts, with a bounded local part: linear on long runs without an @.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g;

// --- Belgian national register number (rijksregisternummer) --------------------------------------

const NATIONAL_NUMBER = /(?<![\d.])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .-]?(\d{3})[ .-]?(\d{2})(?![\d])/g;

/** The check digits are 97 - (first nine digits mod 97); for people born from 2000 on, with a 2 in front. */
export function isNationalNumber(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11) return false;
  const base = d.slice(0, 9);
  const check = Number(d.slice(9));
  const month = Number(d.slice(2, 4));
  // Months 0 (date unknown) to 12, +20 or +40 for bis numbers.
  if (!(month <= 12 || (month >= 20 && month <= 32) || (month >= 40 && month <= 52))) return false;
  return 97 - mod97(base) === check || 97 - mod97(`2${base}`) === check;
}

// --- IBAN -----------------------------------------------------------------------------------------

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/gi;

export function isIban(value: string): boolean {
  const compact = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = [...rearranged].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  return mod97(numeric) === 1;
}

/** The longest prefix of a candidate (cut at its spaces) that is a valid IBAN: "BE68 5390 0754 7034 EN" -> without " EN". */
function validIbanPrefix(candidate: string): string | null {
  const parts = candidate.split(' ');
  for (let n = parts.length; n >= 1; n -= 1) {
    const prefix = parts.slice(0, n).join(' ');
    if (isIban(prefix)) return prefix;
  }
  return null;
}

// --- phone numbers --------------------------------------------------------------------------------

/** A run of digits with phone-like separators, optionally led by + or 00 and a "(0)". */
const PHONE = /(?<![\w+.,/-])(?:(?:\+|00)\d{1,3}(?:\s?\(0\))?[ ./-]?)?\(?\d{1,4}\)?(?:[ ./-]?\d){5,12}(?![\w]|[.,/-]\d)/g;
const LOOKS_LIKE_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

export function isPhoneNumber(candidate: string): boolean {
  const text = candidate.trim();
  if (LOOKS_LIKE_DATE.test(text)) return false;
  const international = text.startsWith('+') || text.startsWith('00');
  const d = digits(text.replace(/\(0\)/, ''));
  if (international) {
    const rest = text.startsWith('00') ? d.slice(2) : d;
    if (rest.startsWith('32')) {
      const national = rest.slice(2);
      return /^[1-9]\d{7}$/.test(national) || /^4[5-9]\d{7}$/.test(national);
    }
    return rest.length >= 9 && rest.length <= 15 && !rest.startsWith('0');
  }
  // Belgian national forms: mobile 04xx xx xx xx (10 digits), fixed 0x xxx xx xx or 0xx xx xx xx (9 digits).
  return /^04[5-9]\d{7}$/.test(d) || /^0[1-9]\d{7}$/.test(d);
}

// --- street addresses -----------------------------------------------------------------------------

const NL_STREET_SUFFIX =
  'straat|laan|weg|steenweg|plein|markt|dreef|lei|kaai|dijk|singel|gracht|pad|hof|park|baan|berg|veld|wal|kade|vest|dam|dries|meers|kouter|hoek|plaats|ring|boulevard|heide|bos|akker|beemd|kerkhof|wijk|vliet|gaarde';
function capitalised(alternatives: string): string {
  return alternatives
    .split('|')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('|');
}
/** Count words that follow a number in prose ("de markt 3 keer"): never a house number then. */
const NOT_A_HOUSE =
  'kinderen|kind|jaar|jaren|keer|maal|uur|uren|dagen|dag|weken|week|maanden|maand|minuten|euro|procent|personen|mensen|gezinnen|ouders|times|years|year|hours|days|weeks|months|minutes|people|children|families|kids|x';
const NL_ADDRESS = new RegExp(
  `(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'-]*\\s+){0,3}(?=\\p{Lu})[\\p{L}'-]*(?:${NL_STREET_SUFFIX}|${capitalised(NL_STREET_SUFFIX)})\\s+\\d{1,4}(?:\\s?[A-Za-z](?![\\p{L}]))?(?:\\s*(?:bus|b\\.|/)\\s*\\d{1,4}[A-Za-z]?)?(?![\\d.,]\\d|\\s*(?:${NOT_A_HOUSE})\\b|\\s*[%€])`,
  'gu',
);
const EN_ADDRESS =
  /(?<![\w.,])\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z'-]+\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Way|Close|Court|Place|Square|Terrace|Crescent|Grove|Gardens|Boulevard|Row|Hill|Walk|Mews)(?![\p{L}])/gu;
/** Brussels and Wallonia: "Rue de la Loi 16", "Avenue Louise 54". */
const FR_ADDRESS =
  /(?<![\p{L}])(?:Rue|Avenue|Chaussée|Boulevard|Place|Square|Quai|Allée|Impasse)\s+(?:[\p{L}'-]+\s+){1,4}\d{1,4}(?:\s?[A-Za-z](?![\p{L}]))?(?![\d.,]\d|\s*(?:%|€))/gu;

// --- exact dates of birth -------------------------------------------------------------------------

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october|mar|oct';
const NUMERIC_DATE = '\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})';
const WORD_DATE = `\\d{1,2}(?:st|nd|rd|th|e|de|ste)?(?:\\s+of)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}`;
const EN_WORD_DATE = `(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`;
const DATE = `(?:${NUMERIC_DATE}|${WORD_DATE}|${EN_WORD_DATE})`;
const BIRTH_DATE = new RegExp(
  `(?:(?<![\\p{L}])(?:geboren|geb\\.|born|b\\.)\\s+(?:op\\s+|on\\s+)?(?:de\\s+|the\\s+)?|(?<![\\p{L}])(?:geboortedatum|date\\s+of\\s+birth|birth\\s*date|dob|d\\.o\\.b\\.)\\s*[:\\-–]?\\s*(?:is\\s+|was\\s+)?|°\\s?)${DATE}(?!\\d)`,
  'giu',
);

// --- the check ------------------------------------------------------------------------------------

function collect(text: string, pattern: RegExp, kind: FindingKind, accept: (match: string) => string | null, into: Finding[]): void {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const kept = accept(m[0]);
    if (kept === null) continue;
    const start = m.index ?? 0;
    into.push({ kind, excerpt: kept, start, end: start + kept.length });
  }
}

/** Finds e-mail addresses, phone numbers, national register numbers, IBANs, street addresses and exact birth dates. */
export function checkAnonymity(text: string): Finding[] {
  if (!text) return [];
  const found: Finding[] = [];
  // Order matters: earlier kinds win when two findings overlap (a national number is not also a phone number).
  collect(text, EMAIL, 'email', (m) => m, found);
  collect(text, NATIONAL_NUMBER, 'national_number', (m) => (isNationalNumber(m) ? m : null), found);
  collect(text, IBAN, 'iban', validIbanPrefix, found);
  collect(text, BIRTH_DATE, 'birth_date', (m) => m, found);
  collect(text, PHONE, 'phone', (m) => (isPhoneNumber(m) ? m : null), found);
  collect(text, NL_ADDRESS, 'address', (m) => m, found);
  collect(text, EN_ADDRESS, 'address', (m) => m, found);
  collect(text, FR_ADDRESS, 'address', (m) => m, found);

  const kept: Finding[] = [];
  for (const f of found) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface FieldFinding extends Finding {
  field: string;
}

/** Checks several named fields; findings say which field they are in. */
export function checkFields(fields: Record<string, string | null | undefined>): FieldFinding[] {
  const out: FieldFinding[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value) for (const f of checkAnonymity(value)) out.push({ ...f, field });
  }
  return out;
}

export interface Highlighted {
  before: string;
  match: string;
  after: string;
}

/** A finding in its surrounding words, for the review page (plain text pieces; the template escapes them). */
export function inContext(text: string, finding: Finding, radius = 60): Highlighted {
  const from = Math.max(0, finding.start - radius);
  const to = Math.min(text.length, finding.end + radius);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, finding.start),
    match: text.slice(finding.start, finding.end),
    after: text.slice(finding.end, to) + (to < text.length ? '…' : ''),
  };
}
