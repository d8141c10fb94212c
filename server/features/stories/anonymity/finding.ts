// What the anonymity check reports, shared by the finders in this folder and the check that runs them.

export type FindingKind = 'email' | 'phone' | 'national_number' | 'iban' | 'address' | 'birth_date' | 'person_name';

export interface Finding {
  kind: FindingKind;
  /** The text that was found, exactly as written. */
  excerpt: string;
  start: number;
  end: number;
}

export const FINDING_KINDS: readonly FindingKind[] = ['email', 'phone', 'national_number', 'iban', 'address', 'birth_date', 'person_name'];

/** Runs a global pattern over the text and keeps what `accept` returns (a prefix of the match, or null to drop it). */
export function collect(text: string, pattern: RegExp, kind: FindingKind, accept: (match: string) => string | null, into: Finding[]): void {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const kept = accept(m[0]);
    if (kept === null) continue;
    const start = m.index;
    into.push({ kind, excerpt: kept, start, end: start + kept.length });
  }
}
