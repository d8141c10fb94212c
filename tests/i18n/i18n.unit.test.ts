// Both catalogs hold the same keys, and locale negotiation follows Accept-Language.
import { describe, expect, it } from 'vitest';
import { loadCatalog, negotiate, t } from '../../server/i18n/index.js';

describe('catalogs', () => {
  it('have the same keys in English and Dutch, none empty', () => {
    const en = loadCatalog('en');
    const nl = loadCatalog('nl');
    const missingInNl = [...en.keys()].filter((k) => !nl.has(k));
    const missingInEn = [...nl.keys()].filter((k) => !en.has(k));
    expect(missingInNl, 'keys missing in nl').toEqual([]);
    expect(missingInEn, 'keys missing in en').toEqual([]);
    for (const [key, value] of [...en, ...nl]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const en = loadCatalog('en');
    const nl = loadCatalog('nl');
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of en) expect(names(nl.get(key) ?? ''), key).toEqual(names(value));
  });

  it('interpolates and falls back to the key', () => {
    expect(t('nl', 'common.signed_in_as', { name: 'An' })).toBe('Aangemeld als An');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('negotiate', () => {
  it('picks the best supported language', () => {
    expect(negotiate('nl-BE,nl;q=0.9,en;q=0.8', 'en')).toBe('nl');
    expect(negotiate('fr-BE,fr;q=0.9,en;q=0.5', 'nl')).toBe('en');
    expect(negotiate('fr', 'nl')).toBe('nl');
    expect(negotiate(undefined, 'en')).toBe('en');
    expect(negotiate('en;q=0.2, nl;q=0.7', 'en')).toBe('nl');
    expect(negotiate('garbage;;q=x,,', 'en')).toBe('en');
  });
});
