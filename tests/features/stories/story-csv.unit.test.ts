// Pure helpers of the register and the import: formula-safe cells, header guesses, dates, yes/no; and search folding.
import { describe, expect, it } from 'vitest';
import { ftsMatch, tsQuery } from '../../../server/features/stories/repository.js';
import {
  guessMapping,
  normalizeHeader,
  parseImportBoolean,
  parseImportDate,
  registerCsv,
  safeCell,
  type RegisterRow,
} from '../../../server/features/stories/story-csv.js';
import { foldText } from '../../../server/features/stories/content.js';
import { decodeCursor, encodeCursor, queryTerms } from '../../../server/features/stories/search.js';

describe('register cells', () => {
  it('defuses every formula start', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(safeCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(safeCell('gewoon')).toBe('gewoon');
    expect(safeCell(null)).toBe('');
    expect(safeCell(true)).toBe('yes');
    expect(safeCell(12)).toBe('12');
  });

  it('writes a header and quotes what needs quoting', () => {
    const row = { serial: 1, title: 'Een, "twee"', author_name: null, anonymous: true } as unknown as RegisterRow;
    const csv = registerCsv([row]).replace(/^\uFEFF/, '');
    expect(csv.split('\n')[1]).toMatch(/^1,,"Een, ""twee""",,yes,/);
  });
});

describe('import helpers', () => {
  it('normalises headers from spreadsheets and KoboToolbox/ODK groups', () => {
    expect(normalizeHeader('group_story/Mijn_Verhaal')).toBe('mijnverhaal');
    expect(normalizeHeader('Waarom belangrijk?')).toBe('waarombelangrijk');
    expect(guessMapping(['meta/instanceID', 'grp/Titel', 'grp/verhaal', 'grp/waarom'])).toEqual({ title: 1, story: 2, significance: 3 });
  });

  it('reads dates as forms and spreadsheets write them', () => {
    expect(parseImportDate('2024-03-12')).toBe('2024-03-12');
    expect(parseImportDate('2024-03-12T10:00:00.000+01:00')).toBe('2024-03-12');
    expect(parseImportDate('12/03/2024')).toBe('2024-03-12');
    expect(parseImportDate('1-3-2024')).toBe('2024-03-01');
    expect(parseImportDate('31/02/2024')).toBeNull();
    expect(parseImportDate('gisteren')).toBeNull();
  });

  it('reads yes and no in both languages; empty means yes', () => {
    expect(['ja', 'Yes', '1', 'x', ''].map(parseImportBoolean)).toEqual([true, true, true, true, true]);
    expect(['nee', 'No', '0', 'false'].map(parseImportBoolean)).toEqual([false, false, false, false]);
    expect(parseImportBoolean('misschien')).toBeNull();
  });
});

describe('search', () => {
  it('folds accents and case the same way for text and query', () => {
    expect(foldText('Één Café CRÈCHE')).toBe('een cafe creche');
    expect(queryTerms('  Café-baas "NEAR(x" OR *  ')).toEqual(['cafe', 'baas', 'near', 'x', 'or']);
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('a '.repeat(40))).toHaveLength(16);
  });

  it('quotes every term for FTS5 and PostgreSQL', () => {
    expect(ftsMatch(['cafe', 'gent'])).toBe('"cafe"* "gent"*');
    expect(tsQuery(['cafe', 'gent'])).toBe("'cafe':* & 'gent':*");
  });

  it('round-trips cursors and refuses foreign ones with a 400', () => {
    const c = { created_at: '2026-11-28T10:00:00.000Z', serial: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    // A serial that is no whole number is not one of ours.
    const foreign = Buffer.from(JSON.stringify(['2026-11-28T10:00:00.000Z', 'abc'])).toString('base64url');
    expect(() => decodeCursor(foreign)).toThrow(expect.objectContaining({ status: 400 }));
    expect(decodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('bm9wZQ')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => decodeCursor('%%%')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('list excerpts', () => {
  it('turns sanitised HTML into plain text, entities decoded, cut at a word limit', async () => {
    const { excerpt } = await import('../../../server/features/stories/story-view.js');
    expect(excerpt('<p>Een <strong>sterk</strong> verhaal &amp; meer &lt;b&gt; &#39;x&#x27;</p>\n<ul><li>punt</li></ul>')).toBe(
      "Een sterk verhaal & meer <b> 'x' punt",
    );
    expect(excerpt(`<p>${'woord '.repeat(100)}</p>`, 20)).toBe('woord woord woord wo…');
  });
});
