// E-mail addresses, national register numbers, IBANs and phone numbers: patterns with bounded quantifiers, each paired
// with a validator (checksum, digit count) so that ordinary numbers in prose give no warnings.
import { collect, type Finding } from './finding.js';

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

// Every quantifier below is bounded and every pattern starts only where its run of characters starts (a lookbehind), so
// each start does a constant amount of work and a whole text is scanned in linear time.

// Starts only where a run of address characters starts, with a bounded local part.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g;

const NATIONAL_NUMBER = /(?<![\d.])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .-]?(\d{3})[ .-]?(\d{2})(?![\d])/g;

/** Belgian national register number: the check digits are 97 - (first nine digits mod 97); from 2000 on with a 2 in front. */
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

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/gi;

/** IBAN of any country by its checksum; the remainder is computed character by character (no big strings). */
export function isIban(value: string): boolean {
  const compact = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  let rest = 0;
  for (const ch of compact.slice(4) + compact.slice(0, 4)) {
    const code = ch.charCodeAt(0);
    rest = code >= 65 ? (rest * 100 + code - 55) % 97 : (rest * 10 + code - 48) % 97;
  }
  return rest === 1;
}

/** IBAN lengths of the countries Belgian families most often bank in (ISO 13616); others are tried at every length. */
const IBAN_LENGTH: Record<string, number> = {
  BE: 16,
  NL: 18,
  LU: 20,
  FR: 27,
  DE: 22,
  GB: 22,
  IE: 22,
  ES: 24,
  IT: 27,
  PT: 25,
  PL: 28,
  RO: 24,
  BG: 22,
  TR: 26,
  MA: 28,
  CH: 21,
  AT: 20,
  GR: 27,
  CZ: 24,
  SK: 24,
  HU: 28,
  LT: 20,
  LV: 21,
  EE: 20,
  HR: 21,
  SI: 19,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
};

/** The longest prefix of a candidate (cut at its spaces) that is a valid IBAN: "BE68 5390 0754 7034 EN" -> without " EN". */
function validIbanPrefix(candidate: string): string | null {
  const length = IBAN_LENGTH[candidate.slice(0, 2).toUpperCase()];
  const parts = candidate.split(' ');
  let compact = parts.reduce((sum, part) => sum + part.length, 0);
  for (let n = parts.length; n >= 1; compact -= parts[n - 1]!.length, n -= 1) {
    if (length !== undefined && compact !== length) continue;
    const prefix = parts.slice(0, n).join(' ');
    if (isIban(prefix)) return prefix;
  }
  return null;
}

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

export function findEmails(text: string, into: Finding[]): void {
  collect(text, EMAIL, 'email', (m) => m, into);
}

export function findNationalNumbers(text: string, into: Finding[]): void {
  collect(text, NATIONAL_NUMBER, 'national_number', (m) => (isNationalNumber(m) ? m : null), into);
}

export function findIbans(text: string, into: Finding[]): void {
  collect(text, IBAN, 'iban', validIbanPrefix, into);
}

export function findPhones(text: string, into: Finding[]): void {
  collect(text, PHONE, 'phone', (m) => (isPhoneNumber(m) ? m : null), into);
}
