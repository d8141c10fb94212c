// Precision and recall of the anonymity check on a corpus of outreach workers' paragraphs in Dutch, French and English:
// ordinary ones must stay quiet, names, phone numbers, addresses, e-mails, birth dates and register numbers must be found.
import { describe, expect, it } from 'vitest';
import { checkAnonymity, type Finding } from '../../../server/features/stories/anonymity.js';
import { IDENTIFYING, ORDINARY, type Expected } from './anonymity-corpus.js';

/** Where each expected excerpt stands: the n-th item with the same text is its n-th occurrence. */
function locate(text: string, expected: readonly Expected[]): (Expected & { start: number; end: number })[] {
  const from = new Map<string, number>();
  return expected.map((item) => {
    const start = text.indexOf(item.excerpt, from.get(item.excerpt) ?? 0);
    if (start < 0) throw new Error(`"${item.excerpt}" is not in "${text}"`);
    from.set(item.excerpt, start + 1);
    return { ...item, start, end: start + item.excerpt.length };
  });
}

const overlaps = (f: Finding, e: { kind: string; start: number; end: number }) => f.kind === e.kind && f.start < e.end && e.start < f.end;

function measure() {
  const falseAlarms: string[] = [];
  const missed: string[] = [];
  let found = 0;
  let right = 0;
  let expectedCount = 0;
  let recalled = 0;
  for (const text of ORDINARY) {
    const findings = checkAnonymity(text);
    found += findings.length;
    falseAlarms.push(...findings.map((f) => `${f.kind} "${f.excerpt}"`));
  }
  for (const { text, expected } of IDENTIFYING) {
    const findings = checkAnonymity(text);
    const wanted = locate(text, expected);
    found += findings.length;
    expectedCount += wanted.length;
    for (const f of findings) {
      if (wanted.some((e) => overlaps(f, e))) right += 1;
      else falseAlarms.push(`${f.kind} "${f.excerpt}"`);
    }
    for (const e of wanted) {
      if (findings.some((f) => overlaps(f, e))) recalled += 1;
      else missed.push(`${e.kind} "${e.excerpt}"`);
    }
  }
  return { precision: right / found, recall: recalled / expectedCount, found, right, expectedCount, recalled, falseAlarms, missed };
}

describe('the anonymity check on a corpus of stories', () => {
  it('has at least 30 ordinary paragraphs and 30 with identifiers, of every kind', () => {
    expect(ORDINARY.length).toBeGreaterThanOrEqual(30);
    expect(IDENTIFYING.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(IDENTIFYING.flatMap((p) => p.expected.map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(['address', 'birth_date', 'email', 'iban', 'national_number', 'person_name', 'phone']);
  });

  it('finds what identifies people (recall) without false alarms (precision)', () => {
    const m = measure();
    console.log(
      `anonymity corpus: precision ${m.precision.toFixed(3)} (${m.right} of ${m.found} findings right), ` +
        `recall ${m.recall.toFixed(3)} (${m.recalled} of ${m.expectedCount} found); ` +
        `false alarms: ${m.falseAlarms.join(', ') || 'none'}; missed: ${m.missed.join(', ') || 'none'}`,
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
  });
});
