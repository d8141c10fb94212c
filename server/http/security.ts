// Cookies, form bodies, security headers with a strict CSP, server-side sessions in the database, and CSRF on every form.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import type { FastifyInstance, Session } from 'fastify';
import fp from 'fastify-plugin';
import { isSecure, type Config } from '../config.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  getOrCreateSetting,
  randomSecret,
  saveSession,
} from '../features/accounts/sessions-repository.js';
import { TooManyRequests, ValidationError } from '../errors.js';
import { cleanUpCounters, databaseRateLimitStore } from '../features/accounts/rate-limit.js';

const CLEAN_UP_EVERY_MS = 10 * 60_000;

declare module 'fastify' {
  interface Session {
    userId?: string;
    /** When the person signed in (ms since epoch): the absolute timeout counts from here. */
    signedInAt?: number;
  }
}

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, result?: Session | null) => void;

/** An express-session compatible store over the sessions table. */
function databaseStore(app: FastifyInstance, idleMs: number) {
  return {
    set(id: string, value: Session, cb: Callback) {
      const expires = value.cookie?.expires ? new Date(value.cookie.expires) : new Date(Date.now() + idleMs);
      const userId = typeof value.userId === 'string' ? value.userId : null;
      saveSession(app.db, id, userId, JSON.stringify(value), expires.toISOString()).then(() => cb(), cb);
    },
    get(id: string, cb: SessionCallback) {
      findSession(app.db, id).then((row) => {
        if (!row || row.expires_at < new Date().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data) as Session);
      }, cb);
    },
    destroy(id: string, cb: Callback) {
      deleteSession(app.db, id).then(() => cb(), cb);
    },
  };
}

/** Secrets that travel in a path (invitation links) are masked before the address is logged. */
export function maskSecretsInUrl(url: string): string {
  return url.replace(/^\/invitations\/[^/?#]+/, '/invitations/[redacted]');
}

/** Pino serializers for the request log line: what Fastify logs by default, minus any secret in the address. */
export const logSerializers = {
  req(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
    return {
      method: request.method,
      url: maskSecretsInUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};

/** The path of the first string (or key) in `value` holding a NUL character, or null. */
export function nulPath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = nulPath(child, childPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function sessionCookieName(config: Config): string {
  // Browsers only accept the __Host- prefix on Secure cookies, so plain-HTTP development uses a plain name.
  return isSecure(config) ? '__Host-significant' : 'significant';
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const secure = isSecure(config);
    await app.register(cookie);
    await app.register(formbody, { bodyLimit: 1024 * 1024 });
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          ...(secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    });

    const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
    const secret = config.SESSION_SECRET ?? (await getOrCreateSetting(app.db, 'session_secret', randomSecret));
    await app.register(session, {
      secret,
      cookieName: sessionCookieName(config),
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: idleMs },
      store: databaseStore(app, idleMs),
    });
    await app.register(csrf, { sessionPlugin: '@fastify/session' });
    // Off by default; routes opt in with `config.rateLimit: {}` (sign-in, tokens, set-up, invitations): per IP, counted in
    // the database so every instance shares the count. The 429 becomes problem+json on the API and a page elsewhere.
    await app.register(rateLimit, {
      global: false,
      max: config.RATE_LIMIT_IP_PER_MINUTE,
      timeWindow: 60_000,
      store: databaseRateLimitStore(app),
      errorResponseBuilder: (_request, context) => new TooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
    });

    // Expired sessions and stale counters are removed now and then; unref'd so it never keeps the process alive.
    const cleanUp = () => {
      Promise.all([deleteExpiredSessions(app.db), cleanUpCounters(app.db)]).catch((err: unknown) =>
        app.log.warn({ err }, 'clean-up failed'),
      );
    };
    const timer = setInterval(cleanUp, CLEAN_UP_EVERY_MS).unref();
    app.addHook('onClose', async () => clearInterval(timer));

    // CSRF on every state-changing request outside the API (which takes bearer tokens, never cookies).
    // preValidation: the body is parsed by then, but a route's schema has not yet stripped _csrf from it.
    app.addHook('preValidation', (request, reply, done) => {
      const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
      if (safe || request.url.startsWith('/api/')) return done();
      app.csrfProtection(request, reply, done);
    });

    // PostgreSQL cannot store a NUL character and no text a person types holds one: refuse it anywhere in an API
    // body, values and keys alike, with a 400 naming the field. preHandler: a route schema that refuses it with its
    // own message has spoken first; this catches the rest before the handler runs. (Page forms re-render with the
    // message beside the field instead: their schemas refuse it.)
    app.addHook('preHandler', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const path = nulPath(request.body, '', 0);
      if (path !== null) throw new ValidationError([{ path, message: request.t('validation.nul') }]);
    });
  },
  { name: 'security', dependencies: ['db'] },
);
