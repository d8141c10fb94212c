// Cookies, form bodies, security headers with a strict CSP, server-side sessions in the database, and CSRF on every form.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fp from 'fastify-plugin';
import { isSecure, type Config } from '../config.js';
import { TooManyRequests, ValidationError } from '../errors.js';
import { isApiRequest } from './api-or-page.js';
import { csrfProtection } from './csrf.js';
import { rateLimitStore, sessionStore, type RateCounters, type SessionRecords } from './stores.js';

const CLEAN_UP_EVERY_MS = 10 * 60_000;

declare module 'fastify' {
  interface Session {
    userId?: string;
    /** When the person signed in (ms since epoch): the absolute timeout counts from here. */
    signedInAt?: number;
  }
}

/**
 * How deep and how large a parsed body may be: far beyond any real request (a theme's challenge tree is about ten
 * levels deep), far below what a recursive walker (zod's, ours) can bear. Checked before any route schema runs.
 */
export const BODY_MAX_DEPTH = 32;
export const BODY_MAX_VALUES = 20_000;

/** Only what a JSON or form parser builds is walked: plain objects and arrays (never a file stream or a Buffer). */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a parsed body stays within the limits; an explicit stack, so a hostile body cannot overflow this walk either. */
export function bodyWithinLimits(body: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: body, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    values += 1;
    if (values > BODY_MAX_VALUES) return false;
    if (!isPlainContainer(value)) continue;
    if (depth >= BODY_MAX_DEPTH) return false;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}

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

/** What app.ts hands in: the configuration, the session secret, and where sessions and counters are kept. */
export interface SecurityOptions {
  config: Config;
  /** Signs the session cookies: SESSION_SECRET, or one generated once and kept in the database. */
  sessionSecret: string;
  sessions: SessionRecords;
  counters: RateCounters;
  /** Removes expired sessions and stale counters; run now and then. */
  cleanUp(): Promise<void>;
}

export default fp<SecurityOptions>(
  async (app, { config, sessionSecret, sessions, counters, cleanUp }) => {
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
    await app.register(session, {
      secret: sessionSecret,
      cookieName: sessionCookieName(config),
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: idleMs },
      store: sessionStore(sessions, idleMs),
    });
    csrfProtection(app, { cookieName: secure ? '__Host-csrf' : 'csrf', secure });
    // Off by default; routes opt in with `config.rateLimit: {}` (sign-in, tokens, set-up, invitations): per IP, counted in
    // the database so every instance shares the count. The 429 becomes problem+json on the API and a page elsewhere.
    await app.register(rateLimit, {
      global: false,
      max: config.RATE_LIMIT_IP_PER_MINUTE,
      timeWindow: 60_000,
      store: rateLimitStore(counters),
      errorResponseBuilder: (_request, context) => new TooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
    });

    // Expired sessions and stale counters are removed now and then; unref'd so it never keeps the process alive.
    const timer = setInterval(() => {
      cleanUp().catch((err: unknown) => app.log.warn({ err }, 'clean-up failed'));
    }, CLEAN_UP_EVERY_MS).unref();
    app.addHook('onClose', async () => clearInterval(timer));

    // One guard for every body, before any route schema or hook walks it: a body nested thousands of levels deep (or
    // holding more values than any real request) is a 400 problem, never a stack overflow (500) deeper in.
    app.addHook('preValidation', async (request) => {
      if (!bodyWithinLimits(request.body)) throw new ValidationError([{ path: '', message: 'validation.body_too_complex' }]);
    });

    // PostgreSQL cannot store a NUL character and no text a person types holds one: refuse it anywhere in an API
    // body, values and keys alike, with a 400 naming the field. preHandler: a route schema that refuses it with its
    // own message has spoken first; this catches the rest before the handler runs. (Page forms re-render with the
    // message beside the field instead: their schemas refuse it.)
    app.addHook('preHandler', async (request) => {
      if (!isApiRequest(request)) return;
      const path = nulPath(request.body, '', 0);
      if (path !== null) throw new ValidationError([{ path, message: request.t('validation.nul') }]);
    });
  },
  { name: 'security' },
);
