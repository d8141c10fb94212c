// Sign-in (password, then the one-time code when MFA is on), sign-out and the first-run set-up page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { startSession } from '../../http/auth.js';
import { requestContext } from '../../http/context.js';
import { formState, limitedForm, submitForm, type FormPage, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { safeReturnPath } from '../../lib/paths.js';
import { mfaEnabled } from './mfa.js';
import { setupForm, signInForm } from './schemas.js';
import { createFirstAdmin, needsSetup } from './service.js';
import { codeStep, passwordStep, pendingPerson, recordSignIn, type PendingSignIn } from './sign-in.js';
import { codeForm } from './user-schemas.js';

declare module 'fastify' {
  interface Session {
    /** Set between a correct password and a correct one-time code: the person is NOT signed in yet. */
    mfaPending?: PendingSignIn;
  }
}

/** What a person is told when one address tried too often (the per-address limit on these forms). */
export const THROTTLED_IP = 'accounts.throttled_ip';
/** Wrong credentials and an account that must wait are shown on the form, not on an error page. */
const SIGN_IN_REFUSALS = {
  unauthorized: { path: 'email', message: 'accounts.sign_in.failed' },
  too_many_requests: { path: '', message: 'accounts.sign_in.throttled' },
};
/** A wrong or throttled one-time code, beside the code field (the code step, an invitation for an MFA account). */
export const CODE_REFUSALS = {
  unauthorized: { path: 'code', message: 'accounts.code.failed' },
  too_many_requests: { path: '', message: 'accounts.sign_in.throttled' },
};

const signInPage: FormPage = (request, reply, state, status) =>
  reply.page('pages/accounts/sign-in', { title: request.t('accounts.sign_in.title'), ...state }, status);
// A one-time code is never shown again.
const codePage: FormPage = (request, reply, state, status) =>
  reply.page('pages/accounts/sign-in-code', { title: request.t('accounts.code.title'), ...state, values: {} }, status);
const setupPage: FormPage = (request, reply, state, status) =>
  reply.page('pages/accounts/setup', { title: request.t('accounts.setup.title'), ...state }, status);

const blank = (request: FastifyRequest, values: Record<string, unknown> = {}): FormState => formState(values, [], request.locale);
const render = (page: FormPage, request: FastifyRequest, reply: FastifyReply) => (state: FormState, status: number) =>
  page(request, reply, state, status);

export default async function accountPages(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeReturnPath((request.query as { next?: string }).next, '/');
    if (request.user) return reply.redirect(next, 303);
    return signInPage(request, reply, blank(request, { next }), 200);
  });

  app.post('/sign-in', limitedForm('public', signInPage, THROTTLED_IP), async (request, reply) =>
    submitForm(request, reply, {
      schema: signInForm,
      render: render(signInPage, request, reply),
      back: '/sign-in',
      refusals: SIGN_IN_REFUSALS,
      action: async (input) => {
        const ctx = requestContext(request);
        const user = await passwordStep(ctx, input.email, input.password, 'page', request.ip);
        const next = safeReturnPath(input.next);
        if (mfaEnabled(user)) {
          // A new session (no fixation) that only remembers the password step: nothing is reachable with it yet.
          await request.session.regenerate();
          request.session.mfaPending = { userId: user.id, at: Date.now(), next };
          await request.session.save();
          request.log.info({ event: 'sign_in_password_ok', user_id: user.id }, 'password accepted, code asked');
          return '/sign-in/code';
        }
        await startSession(request, user.id);
        await recordSignIn(ctx, user.id, false);
        return next;
      },
    }),
  );

  app.get('/sign-in/code', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    if (!(await pendingPerson(app.ctx, request.session.mfaPending))) return reply.redirect('/sign-in', 303);
    return codePage(request, reply, blank(request), 200);
  });

  app.post('/sign-in/code', limitedForm('public', codePage, THROTTLED_IP), async (request, reply) => {
    const user = await pendingPerson(app.ctx, request.session.mfaPending);
    if (!user) return reply.redirect('/sign-in', 303);
    return submitForm(request, reply, {
      schema: codeForm,
      render: render(codePage, request, reply),
      back: '/sign-in/code',
      refusals: CODE_REFUSALS,
      action: async ({ code }) => {
        const ctx = requestContext(request);
        await codeStep(ctx, user, code, 'page');
        const next = request.session.mfaPending?.next ?? '/';
        await startSession(request, user.id);
        await recordSignIn(ctx, user.id, true);
        return safeReturnPath(next);
      },
    });
  });

  app.post('/sign-out', { config: { access: 'public', whileEnrolling: true } }, async (request, reply) => {
    if (request.user) request.log.info({ event: 'sign_out', user_id: request.user.id }, 'signed out');
    await request.session.destroy();
    return reply.redirect('/', 303);
  });

  app.get('/setup', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await needsSetup(app.db))) throw new NotFound();
    return setupPage(request, reply, blank(request), 200);
  });

  app.post('/setup', limitedForm('public', setupPage, THROTTLED_IP), async (request, reply) => {
    if (!(await needsSetup(app.db))) throw new NotFound();
    return submitForm(request, reply, {
      schema: setupForm,
      render: render(setupPage, request, reply),
      back: '/setup',
      action: async (input) => {
        // Someone else may have finished the set-up a moment ago: then this page no longer exists.
        const user = await createFirstAdmin(app.db, app.config, input);
        if (!user) throw new NotFound();
        await startSession(request, user.id);
        request.log.info({ event: 'setup_admin', user_id: user.id }, 'first administrator created');
        setFlash(request, 'success', request.t('accounts.setup.done'));
        return '/';
      },
    });
  });
}
