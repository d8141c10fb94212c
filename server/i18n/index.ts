// Translation catalogs (server/i18n/<locale>/<namespace>.json) and the t() that pages, mails and API errors use.
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../lib/root.js';

export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

type Catalog = Map<string, string>;

const DIR = fromRoot('server', 'i18n');

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, into);
  }
}

/** Loads every namespace file of one locale; the file name is the key's first segment. */
export function loadCatalog(locale: Locale, dir = DIR): Catalog {
  const catalog: Catalog = new Map();
  const folder = path.join(dir, locale);
  for (const file of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const namespace = file.slice(0, -'.json'.length);
    flatten(namespace, JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')), catalog);
  }
  return catalog;
}

const catalogs: Record<Locale, Catalog> = { en: loadCatalog('en'), nl: loadCatalog('nl') };

export type Params = Record<string, string | number | null | undefined>;

function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/**
 * Translates a key. With a numeric `count` it picks `<key>.one` / `<key>.other` by the locale's plural rules.
 * A missing key returns the key itself, so a gap shows on the page instead of crashing it; a test keeps both catalogs complete.
 */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const catalog = catalogs[locale];
  let text = catalog.get(key);
  if (text === undefined && typeof params.count === 'number') {
    const form = new Intl.PluralRules(locale).select(params.count);
    text = catalog.get(`${key}.${form}`) ?? catalog.get(`${key}.other`);
  }
  return text === undefined ? key : interpolate(text, params);
}

export function hasKey(locale: Locale, key: string): boolean {
  return catalogs[locale].has(key) || catalogs[locale].has(`${key}.other`);
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiate(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang !== '' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? fallback;
}
