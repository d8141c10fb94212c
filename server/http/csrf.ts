// CSRF tokens for every page form. A signed-in person's token is bound to their session (its secret kept in the
// session, as it always was); a visitor's is a double submit against a secret in an HttpOnly cookie of its own, so
// looking at pages (and a failed sign-in) writes no session row. Tokens are made and checked by @fastify/csrf.
import Tokens from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { isApiRequest } from './api-or-page.js';

declare module 'fastify' {
  interface Session {
    /** The CSRF secret of a signed-in person's session. */
    csrfSecret?: string;
  }
  interface FastifyReply {
    /** The token for this page's forms (made from the session's secret, or the visitor cookie's). */
    generateCsrf(): string;
  }
}

const tokens = Tokens();
/** Secrets are 18 random bytes in base64url (24 characters); anything else in the cookie is ignored and replaced. */
const SECRET = /^[\w-]{24}$/;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_HEADERS = ['csrf-token', 'xsrf-token', 'x-csrf-token', 'x-xsrf-token'];

/** Where a form's token comes from: the field, or a header for scripts (and the CSV upload, which copies it there). */
function tokenOf(request: FastifyRequest): string | undefined {
  const fromBody = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  const header = TOKEN_HEADERS.map((name) => request.headers[name]).find((v) => typeof v === 'string' && v !== '');
  return typeof header === 'string' ? header : undefined;
}

/** Whether the request belongs to a signed-in session: then the session holds the secret. */
function signedIn(request: FastifyRequest): boolean {
  return typeof request.session?.userId === 'string';
}

export interface CsrfOptions {
  /** The visitor cookie's name (`__Host-csrf` behind HTTPS). */
  cookieName: string;
  secure: boolean;
}

/**
 * Gives every reply generateCsrf() and checks the token of every state-changing request outside the API (which takes
 * bearer tokens, never cookies). Runs in preValidation: the body is parsed by then, and no route schema has yet
 * stripped `_csrf` from it. A refusal is 403 `csrf`.
 */
export function csrfProtection(app: FastifyInstance, { cookieName, secure }: CsrfOptions): void {
  /** A visitor's secret made in this request, so two tokens on one page share it before the cookie comes back. */
  const fresh = new WeakMap<FastifyRequest, string>();

  function visitorSecret(request: FastifyRequest): string | undefined {
    const cookie = request.cookies[cookieName];
    return fresh.get(request) ?? (cookie && SECRET.test(cookie) ? cookie : undefined);
  }

  app.decorateReply('generateCsrf', function generateCsrf(this: FastifyReply): string {
    const request = this.request;
    if (signedIn(request)) {
      let secret = request.session.csrfSecret;
      if (!secret) {
        secret = tokens.secretSync();
        request.session.csrfSecret = secret;
      }
      return tokens.create(secret);
    }
    let secret = visitorSecret(request);
    if (!secret) {
      secret = tokens.secretSync();
      fresh.set(request, secret);
      this.setCookie(cookieName, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    }
    return tokens.create(secret);
  });

  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || isApiRequest(request)) return;
    const secret = signedIn(request) ? request.session.csrfSecret : visitorSecret(request);
    const token = tokenOf(request);
    if (!secret || !token || !tokens.verify(secret, token)) {
      request.log.warn({ event: 'csrf_refused', route: request.routeOptions.url }, 'form refused: CSRF token missing or wrong');
      throw new AppError(403, 'csrf', 'Invalid CSRF token');
    }
  });
}
