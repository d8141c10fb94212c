// The network's own words: every language's catalog names rounds through {term_round...}, and t() fills the instance's choice.
import { describe, expect, it } from 'vitest';
import { LOCALES, loadCatalog, runWithTerms, t } from '../../server/i18n/index.js';

describe('the network terms', () => {
  it('leave no hard-coded name of rounds in any catalog', () => {
    const words = { en: /\b(round|rounds)\b/i, nl: /bijeenkomst|\bronde/i, fr: /\brencontres?\b/i } as const;
    for (const locale of LOCALES) {
      for (const [key, text] of loadCatalog(locale)) {
        const withoutArgs = text.replace(/\{[a-z_]+[,}]/gi, '');
        expect(withoutArgs, `${locale} ${key}`).not.toMatch(words[locale]);
      }
    }
  });

  it('fill the default words, and the chosen ones inside an instance', () => {
    expect(t('nl', 'rounds.list.new')).toBe('Nieuwe bijeenkomst');
    expect(t('en', 'rounds.list.new')).toBe('New round');
    const terms = { round: { nl: 'ronde', en: 'meeting', fr: 'séance' }, facilitator: { nl: 'procesbegeleider', en: 'coach' } };
    runWithTerms(terms, () => {
      expect(t('nl', 'rounds.list.new')).toBe('Nieuwe ronde');
      expect(t('en', 'rounds.list.new')).toBe('New meeting');
      expect(t('fr', 'rounds.list.new')).toBe('Nouvelle séance');
      expect(t('nl', 'users.roles.facilitator')).toBe('Procesbegeleider');
      expect(t('en', 'users.roles.facilitator')).toBe('Coach');
    });
  });
});
