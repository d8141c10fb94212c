// Decides each request's locale (person's choice, then language cookie, then Accept-Language, then DEFAULT_LOCALE).
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { configTerms, isSecure, type Config } from '../config.js';
import { isLocale, negotiate, runWithTerms, t, type Locale, type Params } from '../i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t(key: string, params?: Params): string;
  }
}

export const LANGUAGE_COOKIE = 'lang';

export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorateRequest('locale', config.DEFAULT_LOCALE);
    app.decorateRequest('t', function (this: { locale: Locale }, key: string, params?: Params) {
      return t(this.locale, key, params);
    });
    // Every request runs inside the instance's own words, so pages, errors and mails sent on the way name rounds as it does.
    const terms = configTerms(config);
    app.addHook('onRequest', (_request, _reply, done) => runWithTerms(terms, done));
    app.addHook('onRequest', async (request) => {
      const cookie = request.cookies?.[LANGUAGE_COOKIE];
      request.locale = isLocale(cookie) ? cookie : negotiate(request.headers['accept-language'], config.DEFAULT_LOCALE);
    });
  },
  { name: 'i18n', dependencies: ['security'] },
);

/** Called once the person is known: their own setting wins over everything else. */
export function applyPersonLocale(request: { locale: Locale }, personLocale: string | null | undefined): void {
  if (isLocale(personLocale)) request.locale = personLocale;
}

/** Keeps a chosen language in the cookie for a year (the header switch and the profile agree, also after signing out). */
export function rememberLocale(reply: FastifyReply, config: Config, locale: Locale): void {
  reply.setCookie(LANGUAGE_COOKIE, locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: isSecure(config) });
}
