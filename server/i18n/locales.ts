// The languages the platform speaks, with no catalog loaded: config, database types and schemas can name them cheaply.

export const LOCALES = ['en', 'nl', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The regional variant each language is formatted in (dates, numbers, plural rules): the platform serves Belgium. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
