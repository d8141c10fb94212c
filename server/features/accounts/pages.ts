// Sign-in (password, then the one-time code when MFA is on), sign-out and the first-run set-up page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUserById } from './repository.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { NotFound } from '../../errors.js';
import { safeReturnPath } from '../../lib/paths.js';
import { setFlash } from '../../http/views.js';
import { startSession } from '../../http/auth.js';
import { signInForm, setupForm } from './schemas.js';
import { parseForm } from '../../lib/schemas.js';
import { codeForm } from './user-schemas.js';
import { audit, checkCredentials, createFirstAdmin, needsSetup } from './service.js';
import { checkSecondFactor, mfaEnabled } from './mfa.js';
import { accountKey, accountWaitSeconds, recordAccountFailure, recordAccountSuccess } from './rate-limit.js';
import { FORM_RATE_LIMIT, throttledFormHandler, waitMinutes } from './throttle.js';

declare module 'fastify' {
  interface Session {
    /** Set between a correct password and a correct one-time code: the person is NOT signed in yet. */
    mfaPending?: { userId: string; at: number; next: string };
  }
}

/** How long the code step waits after the password before the person has to start again. */
const MFA_STEP_MS = 5 * 60_000;

function signInPage(request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>, status = 200) {
  return reply.page('pages/accounts/sign-in', { title: request.t('accounts.sign_in.title'), ...model }, status);
}

/** What the person typed into the sign-in form (never the password), for showing it again. */
function typedSignIn(body: unknown): { email: string; next: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    email: typeof b.email === 'string' ? b.email.slice(0, 254) : '',
    next: typeof b.next === 'string' ? b.next.slice(0, 2000) : '/',
  };
}

function throttled(request: FastifyRequest, reply: FastifyReply, template: string, values: Record<string, unknown>, seconds: number) {
  request.log.warn({ event: 'sign_in_throttled' }, 'sign-in attempts throttled');
  reply.header('retry-after', String(seconds));
  const message = request.t('accounts.sign_in.throttled', { count: waitMinutes(seconds) });
  return reply.page(template, { title: request.t('accounts.sign_in.title'), values, errors: [{ path: '', message }] }, 429);
}

export default async function accountPages(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeReturnPath((request.query as { next?: string }).next, '/');
    if (request.user) return reply.redirect(next, 303);
    return signInPage(request, reply, { values: { next } });
  });

  const signInThrottled = throttledFormHandler(app, (request, reply, message) =>
    signInPage(request, reply, { values: typedSignIn(request.body), errors: [{ path: '', message }] }, 429),
  );

  app.post(
    '/sign-in',
    { config: { access: 'public', rateLimit: FORM_RATE_LIMIT }, errorHandler: signInThrottled },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = typedSignIn(body);
      const parsed = parseForm(signInForm, body, request.locale);
      if (!parsed.ok) return signInPage(request, reply, { values, errors: parsed.errors, fieldErrors: parsed.byField }, 422);

      const key = accountKey('sign-in', parsed.value.email);
      const wait = await accountWaitSeconds(app.db, key);
      if (wait > 0) return throttled(request, reply, 'pages/accounts/sign-in', values, wait);

      const user = await checkCredentials(app.db, app.config, parsed.value.email, parsed.value.password);
      if (!user) {
        await recordAccountFailure(app.db, key);
        request.log.info({ event: 'sign_in_failed' }, 'sign-in failed');
        const message = request.t('accounts.sign_in.failed');
        return signInPage(request, reply, { values, errors: [{ path: 'email', message }], fieldErrors: { email: message } }, 401);
      }
      await recordAccountSuccess(app.db, key);
      const next = safeReturnPath(parsed.value.next);
      if (mfaEnabled(user)) {
        await request.session.regenerate();
        request.session.mfaPending = { userId: user.id, at: Date.now(), next };
        await request.session.save();
        request.log.info({ event: 'sign_in_password_ok', user_id: user.id }, 'password accepted, code asked');
        return reply.redirect('/sign-in/code', 303);
      }
      await startSession(request, user.id);
      await audit(app.db, user.id, 'user.signed_in', { type: 'user', id: user.id });
      request.log.info({ event: 'sign_in', user_id: user.id }, 'signed in');
      return reply.redirect(next, 303);
    },
  );

  /** The person whose password was right a moment ago, or null when the step has lapsed. */
  async function pendingUser(request: FastifyRequest): Promise<UserRow | null> {
    const pending = request.session.mfaPending;
    if (!pending || pending.at + MFA_STEP_MS < Date.now()) return null;
    const user = await findUserById(app.db, pending.userId);
    return user && user.active === 1 && mfaEnabled(user) ? user : null;
  }

  const codePage = (request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>, status = 200) =>
    reply.page('pages/accounts/sign-in-code', { title: request.t('accounts.code.title'), ...model }, status);

  app.get('/sign-in/code', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    if (!(await pendingUser(request))) return reply.redirect('/sign-in', 303);
    return codePage(request, reply, { values: {} });
  });

  const codeThrottled = throttledFormHandler(app, (request, reply, message) =>
    codePage(request, reply, { values: {}, errors: [{ path: '', message }] }, 429),
  );

  app.post(
    '/sign-in/code',
    { config: { access: 'public', rateLimit: FORM_RATE_LIMIT }, errorHandler: codeThrottled },
    async (request, reply) => {
      const user = await pendingUser(request);
      if (!user) return reply.redirect('/sign-in', 303);
      const parsed = parseForm(codeForm, request.body ?? {}, request.locale);
      if (!parsed.ok) return codePage(request, reply, { values: {}, errors: parsed.errors, fieldErrors: parsed.byField }, 422);

      const key = accountKey('mfa', user.id);
      const wait = await accountWaitSeconds(app.db, key);
      if (wait > 0) return throttled(request, reply, 'pages/accounts/sign-in-code', {}, wait);
      if (!(await checkSecondFactor(app.db, user, parsed.value.code))) {
        await recordAccountFailure(app.db, key);
        request.log.info({ event: 'sign_in_code_failed', user_id: user.id }, 'one-time code refused');
        const message = request.t('accounts.code.failed');
        return codePage(request, reply, { values: {}, errors: [{ path: 'code', message }], fieldErrors: { code: message } }, 401);
      }
      await recordAccountSuccess(app.db, key);
      const next = request.session.mfaPending?.next ?? '/';
      await startSession(request, user.id);
      await audit(app.db, user.id, 'user.signed_in', { type: 'user', id: user.id }, { mfa: true });
      request.log.info({ event: 'sign_in', user_id: user.id, mfa: true }, 'signed in');
      return reply.redirect(safeReturnPath(next), 303);
    },
  );

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) request.log.info({ event: 'sign_out', user_id: request.user.id }, 'signed out');
    await request.session.destroy();
    return reply.redirect('/', 303);
  });

  app.get('/setup', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await needsSetup(app.db))) throw new NotFound();
    return reply.page('pages/accounts/setup', { title: request.t('accounts.setup.title'), values: {} });
  });

  const setupPage = (request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>, status = 200) =>
    reply.page('pages/accounts/setup', { title: request.t('accounts.setup.title'), ...model }, status);
  const setupThrottled = throttledFormHandler(app, (request, reply, message) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return setupPage(request, reply, { values: { name: body.name, email: body.email }, errors: [{ path: '', message }] }, 429);
  });

  app.post('/setup', { config: { access: 'public', rateLimit: FORM_RATE_LIMIT }, errorHandler: setupThrottled }, async (request, reply) => {
    if (!(await needsSetup(app.db))) throw new NotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(setupForm, body, request.locale);
    const values = { name: body.name, email: body.email };
    if (!parsed.ok) {
      return setupPage(request, reply, { values, errors: parsed.errors, fieldErrors: parsed.byField }, 422);
    }
    const user = await createFirstAdmin(app.db, app.config, parsed.value);
    if (!user) throw new NotFound();
    await startSession(request, user.id);
    request.log.info({ event: 'setup_admin', user_id: user.id }, 'first administrator created');
    setFlash(request, 'success', request.t('accounts.setup.done'));
    return reply.redirect('/', 303);
  });
}
