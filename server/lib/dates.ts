// Dates as people read them, in Brussels time: one formatter per language and style, made once (an Intl formatter
// costs far more to build than to use, and pages format dozens of dates).
import { INTL_LOCALES, type Locale } from '../i18n/locales.js';

export type DateStyle = 'date' | 'datetime' | 'long-datetime';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  'long-datetime': { dateStyle: 'long', timeStyle: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(INTL_LOCALES[locale], { ...STYLES[style], timeZone: 'Europe/Brussels' });
    formatters.set(key, found);
  }
  return found;
}

/** A stored day (`2026-12-01`) or moment (ISO 8601) as a Date; a day is taken at noon UTC so no time zone moves it. */
export function parseStoredDate(value: string): Date {
  return new Date(value.length <= 10 ? `${value}T12:00:00Z` : value);
}

/** Formats a Date, or a stored day or moment; a value that is no date comes back as it was. */
export function formatDate(value: string | Date, locale: Locale, style: DateStyle): string {
  const date = typeof value === 'string' ? parseStoredDate(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return formatter(locale, style).format(date);
}
