// The anonymity check runs in linear time: hostile input of 20,000 characters is checked in well under 20 ms, and no
// input makes it throw or report an excerpt that is not the text at its position.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnonymity, checkFields } from '../../../server/features/stories/anonymity.js';

const LENGTH = 20_000;
const BUDGET_MS = 20;
const repeat = (piece: string) => piece.repeat(Math.ceil(LENGTH / piece.length)).slice(0, LENGTH);

/** Each one aims at a pattern: runs that a greedy quantifier would scan again from every start position. */
const hostile: Record<string, string> = {
  'A-': repeat('A-'),
  'Abc-': repeat('Abc-'),
  '1 ': repeat('1 '),
  '1-': repeat('1-'),
  '1.': repeat('1.'),
  'a.': repeat('a.'),
  '@a': repeat('@a'),
  'a@': repeat('a@'),
  'x@x.': repeat('x@x.'),
  digits: repeat('0'),
  'digits and spaces': repeat('0470 '),
  '+32': repeat('+32 '),
  'BE68 ': repeat('BE68 '),
  'capitalised words': repeat('Kerk '),
  'one capitalised word': `K${'e'.repeat(LENGTH - 1)}`,
  'capitalised pairs': repeat('Fatima El Moussaoui '),
  'hyphenated capitals': repeat('Marie-'),
  'street words': repeat('Kerkstraat '),
  'street word and spaces': `Kerkstraat${' '.repeat(LENGTH - 20)}12`,
  'Rue ': repeat('Rue '),
  'geboren ': repeat('geboren '),
  'dob and spaces': `dob${' '.repeat(LENGTH - 10)}:`,
  titles: repeat('mevrouw '),
  relations: repeat('mama van '),
  apostrophes: repeat("O'"),
  mixed: repeat('Aa-1 a.@a 0 +3 Kerkstraat 1 mevrouw É° '),
};

/**
 * The median of a few runs, in CPU time of this process: the machine is shared, and time spent waiting for a core is
 * not time the check takes. The first runs compile the patterns and warm up the code.
 */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median CPU and wall-clock milliseconds of a few runs (CPU is what is held against the budget). */
function medianMs(run: () => void, times = 7): { cpu: number; wall: number } {
  for (let i = 0; i < 3; i += 1) run();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const startCpu = process.cpuUsage();
    const startWall = performance.now();
    run();
    wall.push(performance.now() - startWall);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

describe('the anonymity check runs in linear time', () => {
  const figures: string[] = [];
  for (const [name, text] of Object.entries(hostile)) {
    it(`checks 20,000 characters of "${name}" in under ${BUDGET_MS} ms`, () => {
      expect(text.length).toBeGreaterThanOrEqual(LENGTH - 20);
      const { cpu, wall } = medianMs(() => checkAnonymity(text));
      figures.push(`${name}: ${cpu.toFixed(2)} ms (wall ${wall.toFixed(2)})`);
      expect(cpu).toBeLessThan(BUDGET_MS);
    });
  }
  it('checks all of them together, as fields of one story, in linear time too', () => {
    const fields = Object.fromEntries(Object.entries(hostile).map(([name, text]) => [name, text]));
    const { cpu } = medianMs(() => checkFields(fields), 3);
    console.log(
      `anonymity check, CPU time, median of 7 runs per 20,000 characters: ${figures.join('; ')}; all ${Object.keys(fields).length} fields: ${cpu.toFixed(1)} ms`,
    );
    expect(cpu).toBeLessThan(BUDGET_MS * Object.keys(fields).length);
  });
});

describe('any input', () => {
  it('never makes the check throw, and every excerpt is the text at its position (property)', () => {
    const pieces = fc.constantFrom(
      'Fatima',
      ' El ',
      'Moussaoui',
      'mevrouw ',
      'mama van ',
      'Marie-Louise',
      'Kerkstraat 12',
      '0470 12 34 56',
      'an@x.be',
      '. ',
      '\n',
      'İbrahim',
      'Ayşe',
      "O'Brien",
      '’s',
      '-',
      'geboren op 3 maart 2015',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const f of checkAnonymity(t)) {
          expect(t.includes(f.excerpt)).toBe(true);
          expect(t.slice(f.start, f.end)).toBe(f.excerpt);
          expect(f.excerpt.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
