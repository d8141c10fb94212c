// Who is calling (bearer token on the API, session on pages) and whether the route lets them in: deny by default.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { CurrentUser, Role } from '../access/current-user.js';
import { guestMayCall, type GuestRoute } from '../access/guests.js';
import { AppError, Forbidden, Unauthorized, ValidationError } from '../errors.js';
import { isApiRequest } from './api-or-page.js';
import { applyPersonLocale } from './i18n.js';

/** Who may call a route: anyone, anyone signed in, or the listed roles. Every route must say. */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Reachable by an admin or facilitator who must still set up a second factor (MFA_REQUIRED): the enrolment itself,
     * signing out, the language, the health check. Everything else sends them to the enrolment page first.
     */
    whileEnrolling?: boolean;
    /** Whether and where a guest (joined with a code) may call this route (access/guests.ts); closed to guests if unset. */
    guests?: GuestRoute;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The API token in use, for DELETE /api/v1/tokens/current. */
    tokenId: string | null;
  }
}

/** Routes that plugins register themselves (static files, the OpenAPI document) are public. */
const PLUGIN_ROUTE_PREFIXES = ['/public/', '/api/v1/openapi.json'];
/** Control characters, which no id or token in a path ever holds. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Who a caller is, as the accounts feature answers it: the person, and whether they must still enrol in MFA first. */
export interface Identity {
  user: CurrentUser;
  mustEnrol: boolean;
}

/** How the accounts feature finds the active person behind a bearer token or a session (app.ts wires it in). */
export interface Identities {
  byToken(token: string): Promise<(Identity & { tokenId: string }) | null>;
  bySession(userId: string): Promise<Identity | null>;
}

export interface AuthOptions {
  config: Config;
  identities: Identities;
  /** Where a person who must still set up a second factor is sent (a GET page). */
  enrolmentPage: string;
}

/**
 * Signs the person in on this request's session: a new session id (no fixation) and the sign-in time the absolute
 * timeout counts from. Sign-in, set-up, invitations and a password change all end here.
 */
export async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  await request.session.regenerate();
  request.session.userId = userId;
  request.session.signedInAt = Date.now();
  await request.session.save();
}

/**
 * Throws 401/403 unless the caller is let in by `access`; a guest only where the route's `guests` rule lets it in (its
 * own group and that group's stories), a 403 everywhere else.
 */
export function assertAccess(
  user: CurrentUser | null,
  access: Access,
  guests?: GuestRoute,
  params: Readonly<Record<string, unknown>> = {},
): void {
  if (access === 'public') return;
  if (!user) throw new Unauthorized();
  if (user.guest && !guestMayCall(user.guest, guests, params)) throw new Forbidden('A guest acts only in its own group');
  if (access === 'signed-in') return;
  if (!access.includes(user.role)) throw new Forbidden();
}

export default fp<AuthOptions>(
  async (app, { config, identities, enrolmentPage }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('tokenId', null);

    app.addHook('onRoute', (route) => {
      if (route.config?.access) return;
      if (PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p))) {
        route.config = { ...route.config, access: 'public', whileEnrolling: true };
        return;
      }
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    });

    const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

    app.addHook('onRequest', async (request, reply) => {
      let mustEnrol = false;
      const api = isApiRequest(request);
      if (api) {
        const header = request.headers.authorization;
        const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        const found = match?.[1] ? await identities.byToken(match[1]) : null;
        if (found) {
          request.user = found.user;
          request.tokenId = found.tokenId;
          mustEnrol = found.mustEnrol;
        }
      } else if (request.session?.userId) {
        const expired = (request.session.signedInAt ?? 0) + absoluteMs < Date.now();
        const found = expired ? null : await identities.bySession(request.session.userId);
        if (found) {
          request.user = found.user;
          applyPersonLocale(request, found.user.locale);
          mustEnrol = found.mustEnrol;
        } else {
          await request.session.destroy();
        }
      }

      const access = request.routeOptions.config?.access;
      if (!access) return; // 404s: no route, nothing to guard
      // No id, token or query value holds a control character, and PostgreSQL would fail on a NUL: refuse before any
      // query (400). Query values may be arrays (?a=1&a=2).
      const hasControl = (v: unknown): boolean => (typeof v === 'string' ? CONTROL.test(v) : Array.isArray(v) && v.some(hasControl));
      const inputs = { ...((request.query ?? {}) as Record<string, unknown>), ...((request.params ?? {}) as Record<string, unknown>) };
      const badParam = Object.entries(inputs).find(([, v]) => hasControl(v));
      if (badParam) throw new ValidationError([{ path: badParam[0], message: request.t('validation.control_characters') }]);
      if (mustEnrol && request.routeOptions.config?.whileEnrolling !== true) {
        // MFA_REQUIRED: an admin or facilitator without a second factor may only set one up (or sign out).
        request.log.warn(
          { event: 'access_denied', reason: 'mfa_enrolment', user_id: request.user?.id ?? null, route: request.routeOptions.url },
          'access denied',
        );
        if (!api && request.method === 'GET') return reply.redirect(enrolmentPage, 303);
        throw new AppError(403, 'mfa_required', 'Turn on two-step sign-in first');
      }
      try {
        assertAccess(request.user, access, request.routeOptions.config?.guests, (request.params ?? {}) as Record<string, unknown>);
      } catch (err) {
        request.log.warn({ event: 'access_denied', user_id: request.user?.id ?? null, route: request.routeOptions.url }, 'access denied');
        throw err;
      }
    });
  },
  { name: 'auth', dependencies: ['security', 'i18n'] },
);
