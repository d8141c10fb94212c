// Every catalog holds the same keys with the same ICU arguments, and locale negotiation follows Accept-Language.
import { describe, expect, it } from 'vitest';
import { INTL_LOCALES, LOCALES, loadCatalog, negotiate, t } from '../../server/i18n/index.js';
import { compileMessage, messageArguments } from '../../server/i18n/messages.js';

const [first, ...others] = LOCALES;
const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)]));

describe('catalogs', () => {
  it('cover at least English, Dutch and French', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'nl', 'fr']));
  });

  it.each(others)('have the same keys in %s as in English, none empty', (locale) => {
    const base = catalogs[first]!;
    const other = catalogs[locale]!;
    expect(
      [...base.keys()].filter((k) => !other.has(k)),
      `keys missing in ${locale}`,
    ).toEqual([]);
    expect(
      [...other.keys()].filter((k) => !base.has(k)),
      `keys only in ${locale}`,
    ).toEqual([]);
    for (const [key, value] of other) expect(value.trim(), `${locale} ${key}`).not.toBe('');
  });

  it.each(others)('use the same ICU arguments, used the same way, in %s as in English', (locale) => {
    // The network's own words ({term_round}, {term_facilitator}...) come from i18n/terms.ts: a language names them where its sentence does.
    const shape = (text: string, l: string) =>
      Object.fromEntries(
        [...messageArguments(compileMessage(text, l)).entries()]
          .filter(([a]) => !a.startsWith('term_'))
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    for (const [key, value] of catalogs[first]!) {
      expect(shape(catalogs[locale]!.get(key) ?? '', INTL_LOCALES[locale]), `${locale} ${key}`).toEqual(shape(value, INTL_LOCALES[first]));
    }
  });

  it('interpolates and falls back to the key', () => {
    expect(t('nl', 'common.signed_in_as', { name: 'An' })).toBe('Aangemeld als An');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('negotiate', () => {
  it('picks the best supported language', () => {
    expect(negotiate('fr-BE,fr;q=0.9,en;q=0.5', 'nl')).toBe('fr');
    expect(negotiate('de-BE,fr-BE;q=0.8,nl;q=0.7', 'en')).toBe('fr');
    expect(negotiate('nl-BE,nl;q=0.9,en;q=0.8', 'en')).toBe('nl');
    expect(negotiate('de-BE,de;q=0.9,en;q=0.5', 'nl')).toBe('en');
    expect(negotiate('de', 'nl')).toBe('nl');
    expect(negotiate(undefined, 'en')).toBe('en');
    expect(negotiate('en;q=0.2, nl;q=0.7', 'en')).toBe('nl');
    expect(negotiate('garbage;;q=x,,', 'en')).toBe('en');
  });
});
