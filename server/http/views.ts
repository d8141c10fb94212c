// Handlebars pages through @fastify/view: layout, partials, helpers, and reply.page() which adds what every page needs.
import fs from 'node:fs';
import path from 'node:path';
import view from '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Handlebars from 'handlebars';
import { LOCALES, t, type Locale } from '../i18n/index.js';
import { formatDate } from '../lib/dates.js';
import { fromRoot } from '../lib/root.js';
import type { CurrentUser } from '../access/current-user.js';
import { personName } from '../access/display-name.js';

export const VIEWS_DIR = fromRoot('views');

/** The layouts a page may be rendered in (views/layouts/<name>.hbs). */
export type PageLayout = 'main' | 'present';

export interface Flash {
  kind: 'success' | 'info' | 'error';
  message: string;
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders views/pages/<template>.hbs with the common view model, in the main layout or another one under
     * views/layouts/ (the projector view has its own: no site chrome, its own style sheet).
     */
    page(template: string, model?: Record<string, unknown>, status?: number, layout?: PageLayout): Promise<FastifyReply>;
  }
  interface Session {
    flash?: Flash;
  }
}

/** Keeps a one-time message for the next page (after a redirect). */
export function setFlash(request: FastifyRequest, kind: Flash['kind'], message: string): void {
  request.session.flash = { kind, message };
}

interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

function navigation(user: CurrentUser | null, locale: Locale, currentPath: string): NavItem[] {
  // A guest acts in its group only: that is its one place.
  const guestGroup = user?.guest ? `/groups/${user.guest.groupId}` : null;
  const items: Array<[string, string, boolean]> = guestGroup
    ? [[guestGroup, 'join.nav.group', true]]
    : [
        ['/', 'common.nav.home', true],
        ['/stories', 'common.nav.stories', !!user],
        ['/rounds', 'common.nav.rounds', !!user],
        ['/themes', 'common.nav.themes', !!user && user.role !== 'storyteller'],
        ['/publications', 'common.nav.publications', !!user],
        ['/organizations', 'common.nav.organizations', !!user],
        ['/users', 'common.nav.people', user?.role === 'admin'],
      ];
  return items
    .filter(([, , show]) => show)
    .map(([href, key]) => ({
      href,
      label: t(locale, key),
      current: href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`),
    }));
}

/** The language switch: every other language, named and explained in that language itself. */
function otherLocales(locale: Locale): Array<{ code: Locale; name: string; hint: string }> {
  return LOCALES.filter((l) => l !== locale).map((code) => ({
    code,
    name: t(code, 'common.language.name'),
    hint: t(code, 'common.language.switch_hint'),
  }));
}

/** The page engine: its own Handlebars instance, so export templates cannot change its helpers. */
export function createPageHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const locale = (options.data?.root?.locale as Locale | undefined) ?? 'en';
    return t(locale, key, options.hash as Record<string, string | number>);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hbs.registerHelper('formatDate', function (value: unknown, options: Handlebars.HelperOptions) {
    if (typeof value !== 'string' || value === '') return '';
    const locale = (options.data?.root?.locale as Locale | undefined) ?? 'en';
    const style =
      options.hash.style === 'date' || options.hash.style === 'datetime' ? options.hash.style : value.length <= 10 ? 'date' : 'datetime';
    return formatDate(value, locale, style);
  });
  return hbs;
}

function partials(): Record<string, string> {
  const dir = path.join(VIEWS_DIR, 'partials');
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) out[file.slice(0, -4)] = `partials/${file}`;
  return out;
}

export default fp(
  async (app) => {
    await app.register(view, {
      engine: { handlebars: createPageHandlebars() },
      root: VIEWS_DIR,
      viewExt: 'hbs',
      options: { partials: partials() },
      production: true,
    });

    app.decorateReply(
      'page',
      async function (
        this: FastifyReply,
        template: string,
        model: Record<string, unknown> = {},
        status = 200,
        layout: PageLayout = 'main',
      ) {
        const request = this.request;
        const flash = request.session?.flash;
        if (flash) delete request.session.flash;
        const csrfToken = this.generateCsrf();
        const currentPath = request.url.split('?')[0] ?? '/';
        this.code(status).type('text/html; charset=utf-8');
        return this.viewAsync(
          template,
          {
            ...model,
            locale: request.locale,
            otherLocales: otherLocales(request.locale),
            user: request.user,
            guestLabel: request.user?.guest
              ? personName({ name: request.user.name, guest_number: request.user.guest.number }, (n) =>
                  t(request.locale, 'join.guest', { number: n }),
                )
              : null,
            csrfToken,
            currentPath,
            returnTo: request.url.length < 2000 ? request.url : currentPath,
            nav: navigation(request.user, request.locale, currentPath),
            flash,
          },
          { layout: `layouts/${layout}.hbs` },
        ).then((html) => this.send(html));
      },
    );
  },
  { name: 'views', dependencies: ['security', 'i18n'] },
);
