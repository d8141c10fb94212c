// Who is calling (bearer token on the API, session on pages) and whether the route lets them in: deny by default.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { toCurrentUser, type CurrentUser } from '../access/current-user.js';
import { findUserById, findUserByTokenHash, type Role } from '../features/accounts/repository.js';
import { AppError, Forbidden, Unauthorized, ValidationError } from '../errors.js';
import { mfaRequiredFor } from '../features/accounts/mfa.js';
import { hashToken } from '../features/accounts/tokens.js';
import { applyPersonLocale } from './i18n.js';

/** Who may call a route: anyone, anyone signed in, or the listed roles. Every route must say. */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
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

/** What an admin or facilitator who must still enrol in MFA may reach (MFA_REQUIRED). */
const ENROLMENT_PATHS = ['/profile/mfa', '/sign-out', '/language', '/healthz', '/api/v1/tokens/current'];

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Throws 401/403 unless the caller is let in by `access`. */
export function assertAccess(user: CurrentUser | null, access: Access): void {
  if (access === 'public') return;
  if (!user) throw new Unauthorized();
  if (access === 'signed-in') return;
  if (!access.includes(user.role)) throw new Forbidden();
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('tokenId', null);

    app.addHook('onRoute', (route) => {
      if (route.config?.access) return;
      if (PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p))) {
        route.config = { ...route.config, access: 'public' };
        return;
      }
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    });

    const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

    app.addHook('onRequest', async (request, reply) => {
      let mustEnrol = false;
      if (isApi(request)) {
        const header = request.headers.authorization;
        const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (match?.[1]) {
          const row = await findUserByTokenHash(app.db, hashToken(match[1]));
          if (row) {
            request.user = toCurrentUser(row);
            request.tokenId = row.token_id;
            mustEnrol = mfaRequiredFor(config, row);
          }
        }
      } else if (request.session?.userId) {
        const expired = (request.session.signedInAt ?? 0) + absoluteMs < Date.now();
        const row = expired ? undefined : await findUserById(app.db, request.session.userId);
        if (row && row.active === 1) {
          request.user = toCurrentUser(row);
          applyPersonLocale(request, row.locale);
          mustEnrol = mfaRequiredFor(config, row);
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
      const route = request.routeOptions.url ?? '';
      if (mustEnrol && !ENROLMENT_PATHS.includes(route) && !PLUGIN_ROUTE_PREFIXES.some((p) => route.startsWith(p))) {
        // MFA_REQUIRED: an admin or facilitator without a second factor may only set one up (or sign out).
        request.log.warn(
          { event: 'access_denied', reason: 'mfa_enrolment', user_id: request.user?.id ?? null, route: request.routeOptions.url },
          'access denied',
        );
        if (!isApi(request) && request.method === 'GET') return reply.redirect('/profile/mfa', 303);
        throw new AppError(403, 'mfa_required', 'Turn on two-step sign-in first');
      }
      try {
        assertAccess(request.user, access);
      } catch (err) {
        request.log.warn({ event: 'access_denied', user_id: request.user?.id ?? null, route: request.routeOptions.url }, 'access denied');
        throw err;
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'security', 'i18n'] },
);
