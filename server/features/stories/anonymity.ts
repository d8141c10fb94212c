// The anonymity check: a pure function that finds what could identify a family in a piece of text.
// The finders live in anonymity/; each pairs a pattern with a validator (checksum, digit count, context word) so ordinary
// prose gives no warnings, and each runs in linear time so no text can stall the server.
import { findAddresses } from './anonymity/addresses.js';
import { findBirthDates } from './anonymity/dates.js';
import type { Finding } from './anonymity/finding.js';
import { findNames } from './anonymity/names.js';
import { findEmails, findIbans, findNationalNumbers, findPhones } from './anonymity/numbers.js';

export { FINDING_KINDS, type Finding, type FindingKind } from './anonymity/finding.js';
export { isIban, isNationalNumber, isPhoneNumber } from './anonymity/numbers.js';

/** Finds e-mail addresses, phone numbers, national register numbers, IBANs, street addresses, exact birth dates and people's names. */
export function checkAnonymity(text: string): Finding[] {
  if (!text) return [];
  const found: Finding[] = [];
  // Order matters: earlier kinds win when two findings overlap (a national number is not also a phone number).
  findEmails(text, found);
  findNationalNumbers(text, found);
  findIbans(text, found);
  findBirthDates(text, found);
  findPhones(text, found);
  findAddresses(text, found);
  findNames(text, found);

  // Each character belongs to at most one finding; marking them keeps this linear however many findings there are.
  const taken = new Uint8Array(text.length);
  const kept: Finding[] = [];
  for (const f of found) {
    if (taken.subarray(f.start, f.end).includes(1)) continue;
    taken.fill(1, f.start, f.end);
    kept.push(f);
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
