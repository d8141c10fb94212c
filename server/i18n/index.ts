// Translation catalogs (server/i18n/<locale>/<namespace>.json) in ICU MessageFormat, and the t() that pages, mails and API errors use.
import fs from 'node:fs';
import path from 'node:path';
import type { IntlMessageFormat } from 'intl-messageformat';
import { fromRoot } from '../lib/root.js';
import { INTL_LOCALES, LOCALES, isLocale, type Locale } from './locales.js';
import { compileMessage, formatMessage, messageArguments, type ArgumentKind, type Params } from './messages.js';
import { currentTerms, termArguments } from './terms.js';

export type { Params } from './messages.js';

export { INTL_LOCALES, LOCALES, isLocale, type Locale } from './locales.js';
export { FACILITATOR_TERMS, ROUND_TERMS, runWithTerms, termArguments, type Terms } from './terms.js';

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

/**
 * French sets a non-breaking space before : and inside « », and a narrow one before ; ! ?, so a line never starts with
 * them. The catalog files keep plain spaces, which anyone can type; the loader puts the right ones in.
 */
function frenchSpacing(text: string): string {
  return text
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;!?])/g, '\u202f$1');
}

const TYPOGRAPHY: Partial<Record<Locale, (text: string) => string>> = { fr: frenchSpacing };

/** Loads every namespace file of one locale; the file name is the key's first segment. Texts are ICU messages. */
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
  const typography = TYPOGRAPHY[locale];
  if (typography) for (const [key, text] of catalog) catalog.set(key, typography(text));
  return catalog;
}

const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)])) as Record<Locale, Catalog>;

interface Compiled {
  message: IntlMessageFormat;
  args: Map<string, ArgumentKind>;
}

// Each message is parsed once, the first time it is asked for, per language.
const compiled = new Map<string, Compiled | null>();

function compiledMessage(locale: Locale, key: string): Compiled | null {
  const cacheKey = `${locale}:${key}`;
  let entry = compiled.get(cacheKey);
  if (entry === undefined) {
    const text = catalogs[locale].get(key);
    if (text === undefined) entry = null;
    else {
      const message = compileMessage(text, INTL_LOCALES[locale]);
      entry = { message, args: messageArguments(message) };
    }
    compiled.set(cacheKey, entry);
  }
  return entry;
}

/**
 * Translates a key: the catalog text is an ICU message, so counts choose their form with
 * `{count, plural, one {…} other {…}}` by the language's own rules. A missing key returns the key itself, so a gap
 * shows on the page instead of crashing it; tests keep every catalog complete and every message well-formed.
 */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const entry = compiledMessage(locale, key);
  if (entry === null) return key;
  // The network's own words (terms.ts) first, so a caller's argument of the same name wins.
  const withTerms = [...entry.args.keys()].some((a) => a.startsWith('term_'))
    ? { ...termArguments(locale, currentTerms()), ...params }
    : params;
  return formatMessage(entry.message, entry.args, withTerms);
}

export function hasKey(locale: Locale, key: string): boolean {
  return catalogs[locale].has(key);
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
