// Schema pieces every feature shares, and the translation of zod issues into the caller's language.
import { z } from 'zod';
import { en, fr, nl } from 'zod/locales';
import type { FieldError } from '../errors.js';
import { hasKey, LOCALES, t, type Locale } from '../i18n/index.js';

const zodLocales: Record<Locale, ReturnType<typeof en>> = { en: en(), nl: nl(), fr: fr() };

/**
 * Turns zod issues into {path, message} in the given language. A custom message that is an i18n key
 * (for example `validation.password_too_short`) is translated; anything else gets zod's own message in that language.
 */
export function localizedIssues(issues: readonly z.core.$ZodIssue[], locale: Locale): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (hasKey(locale, issue.message)) return { path, message: t(locale, issue.message) };
    const message = zodLocales[locale].localeError(issue as never);
    const text = typeof message === 'string' ? message : (message?.message ?? issue.message);
    return { path, message: text };
  });
}

/** Translates field errors whose message is an i18n key; the one place a service's field error meets a language. */
export function localizeFieldErrors(errors: readonly FieldError[], locale: Locale): FieldError[] {
  return errors.map(({ path, message, params }) => ({
    path,
    message: hasKey(locale, message) ? t(locale, message, inLanguage(params, locale)) : message,
  }));
}

/** Parameters given in every language (PerLocale) read in this one; English when the language is missing. */
function inLanguage(params: FieldError['params'], locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    out[name] = typeof value === 'object' ? (value[locale] ?? value.en ?? '') : value;
  }
  return out;
}

export const id = z.string().min(1).max(100);
/** Text that a person types: trimmed, with a maximum, required unless `.optional()`. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.iso.date();
export const localeSchema = z.enum(LOCALES);

/** A checkbox in an HTML form: present means yes. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());
