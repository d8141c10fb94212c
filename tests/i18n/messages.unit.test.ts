// Renders every message of every language with counts 0, 1 and 2: it compiles, fills every argument, and its plural forms differ.
import { describe, expect, it } from 'vitest';
import { INTL_LOCALES, LOCALES, loadCatalog, t, type Locale } from '../../server/i18n/index.js';
import { compileMessage, formatMessage, messageArguments } from '../../server/i18n/messages.js';

/** Arguments that are amounts: each must choose its words with a plural, in every language. */
const QUANTITIES = new Set([
  'count',
  'voted',
  'members',
  'stories',
  'elements',
  'selected',
  'total',
  'removed',
  'anonymised',
  'accounts',
  'seconds',
  'days',
  'max',
  'rows',
]);

interface Entry {
  locale: Locale;
  key: string;
  text: string;
}

const entries: Entry[] = LOCALES.flatMap((locale) => [...loadCatalog(locale)].map(([key, text]) => ({ locale, key, text })));

function render(e: Entry, numbers: Record<string, number>): string {
  const message = compileMessage(e.text, INTL_LOCALES[e.locale]);
  const args = messageArguments(message);
  const params: Record<string, string | number> = {};
  for (const [name, kind] of args) params[name] = kind === 'plural' || kind === 'number' ? (numbers[name] ?? 2) : `Sample ${name}`;
  return formatMessage(message, args, params);
}

const digitsOut = (s: string) => s.replace(/\d+/g, 'N');

describe('every message in every language', () => {
  it('compiles', () => {
    const broken = entries.flatMap((e) => {
      try {
        compileMessage(e.text, INTL_LOCALES[e.locale]);
        return [];
      } catch (err) {
        return [`${e.locale} ${e.key}: ${(err as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it.each([0, 1, 2])('renders with every count = %i, leaving no ICU syntax and no hand-made plural behind', (n) => {
    const problems: string[] = [];
    for (const e of entries) {
      const args = messageArguments(compileMessage(e.text, INTL_LOCALES[e.locale]));
      const out = render(e, Object.fromEntries([...args.keys()].map((name) => [name, n])));
      if (/[{}]/.test(out)) problems.push(`${e.locale} ${e.key}: leftover brace in "${out}"`);
      if ([...args.values()].includes('plural') && out.includes('#')) problems.push(`${e.locale} ${e.key}: leftover # in "${out}"`);
      if (/\p{L}\((s|en|e|es|x)\)/u.test(out)) problems.push(`${e.locale} ${e.key}: hand-made plural in "${out}"`);
    }
    expect(problems).toEqual([]);
  });

  it('puts every amount in a plural, so its words agree with it', () => {
    const problems: string[] = [];
    for (const e of entries) {
      for (const [name, kind] of messageArguments(compileMessage(e.text, INTL_LOCALES[e.locale]))) {
        if (QUANTITIES.has(name) && kind !== 'plural') problems.push(`${e.locale} ${e.key}: {${name}} is not a plural`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has plural forms that differ where the language tells one from many', () => {
    const problems: string[] = [];
    for (const e of entries) {
      const args = messageArguments(compileMessage(e.text, INTL_LOCALES[e.locale]));
      const rules = new Intl.PluralRules(INTL_LOCALES[e.locale]);
      if (rules.select(1) === rules.select(2)) continue;
      for (const [name, kind] of args) {
        if (kind !== 'plural') continue;
        const one = render(e, { [name]: 1 });
        const many = render(e, { [name]: 2 });
        if (digitsOut(one) === digitsOut(many)) problems.push(`${e.locale} ${e.key}: {${name}} reads "${many}" for 1 and 2`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('only uses apostrophes that ICU prints as they are', () => {
    // A single ' before { } # < > | starts an ICU quote and the rest of the text would lose its arguments.
    const risky = entries.filter((e) => /'[{}#<>|]/.test(e.text.replaceAll("''", '')));
    expect(risky.map((e) => `${e.locale} ${e.key}: ${e.text}`)).toEqual([]);
  });
});

describe('t()', () => {
  it('prints apostrophes exactly, also right before an argument when doubled', () => {
    expect(t('nl', 'common.nav.themes')).toBe("Thema's");
    expect(t('nl', 'stories.import.file_hint', { rows: 500 })).toContain("komma's of puntkomma's");
    expect(t('en', 'reports.left_out', { count: 1 })).toBe("1 story was left out at its author's request.");
    const format = (text: string, params: Record<string, string>) => {
      const message = compileMessage(text, 'fr-BE');
      return formatMessage(message, messageArguments(message), params);
    };
    expect(format("Les foto's de l'histoire de {name}", { name: 'An' })).toBe("Les foto's de l'histoire de An");
    expect(format("l''{name}", { name: 'histoire' })).toBe("l'histoire");
  });

  it('agrees in number where the first version did not', () => {
    expect(t('nl', 'groups.page.voted', { voted: 1, members: 4 })).toBe('1 van de 4 groepsleden heeft gestemd');
    expect(t('nl', 'groups.page.voted', { voted: 3, members: 4 })).toBe('3 van de 4 groepsleden hebben gestemd');
    expect(t('nl', 'themes.index.counts', { stories: 1, elements: 1 })).toBe('1 verhaal · 1 element');
    expect(t('nl', 'stories.review.found', { count: 5 })).toMatch(/^We vonden 5 gegevens /);
    expect(t('en', 'groups.page.members', { count: 1 })).toBe('1 member');
    expect(t('en', 'groups.page.members', { count: 0 })).toBe('0 members');
  });

  it("speaks French as it is written: l'histoire, 0 and 1 in the singular, spaces before double punctuation", () => {
    expect(t('fr', 'themes.errors.opening_not_in_theme')).toBe("L'histoire d'ouverture doit être l'une des histoires de ce thème");
    expect(t('fr', 'reports.title_page.stories', { count: 0 })).toBe('0 histoire');
    expect(t('fr', 'reports.title_page.stories', { count: 1 })).toBe('1 histoire');
    expect(t('fr', 'reports.title_page.stories', { count: 2 })).toBe('2 histoires');
    expect(t('fr', 'groups.page.voted', { voted: 1, members: 4 })).toBe('1 des 4 membres a voté');
    expect(t('fr', 'stories.history.title', { title: 'Le pont' })).toBe('Versions précédentes de «\u00a0Le pont\u00a0»');
    expect(t('fr', 'home.what_next')).toBe('Que souhaitez-vous faire\u202f?');
    expect(t('fr', 'common.signed_in_as', { name: 'Amina' })).toBe('Connexion\u00a0: Amina');
  });

  it('formats counts as numbers of the language, takes numeric strings, and shows a missing argument as nothing', () => {
    expect(t('nl', 'reports.title_page.stories', { count: 1200 })).toBe('1.200 verhalen');
    expect(t('en', 'reports.title_page.stories', { count: '1' })).toBe('1 story');
    expect(t('en', 'common.signed_in_as', { name: null })).toBe('Signed in as ');
    expect(t('en', 'stories.form.chars_left', { left: '{left}' })).toBe('Characters left: {left}');
  });
});
