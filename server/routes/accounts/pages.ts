// Sign-in, sign-out and the first-run set-up page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../../lib/paths.js';
import { setFlash } from '../../plugins/views.js';
import { signInForm, setupForm } from '../../schemas/accounts.js';
import { parseForm } from '../../schemas/common.js';
import { audit, checkCredentials, createFirstAdmin, needsSetup } from '../../services/accounts.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { NotFound } from '../../errors.js';

/** Starts a fresh session for the person: a new id (no fixation), the sign-in time for the absolute timeout. */
export async function startSession(request: FastifyRequest, user: UserRow): Promise<void> {
  await request.session.regenerate();
  request.session.userId = user.id;
  request.session.signedInAt = Date.now();
  await request.session.save();
}

export default async function accountPages(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeReturnPath((request.query as { next?: string }).next, '/');
    if (request.user) return reply.redirect(next, 303);
    return reply.page('pages/accounts/sign-in', { title: request.t('accounts.sign_in.title'), values: { next } });
  });

  app.post(
    '/sign-in',
    { config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = { email: typeof body.email === 'string' ? body.email : '', next: typeof body.next === 'string' ? body.next : '/' };
      const parsed = parseForm(signInForm, body, request.locale);
      if (!parsed.ok) {
        return reply.page('pages/accounts/sign-in', { title: request.t('accounts.sign_in.title'), values, errors: parsed.errors, fieldErrors: parsed.byField }, 422);
      }
      const user = await checkCredentials(app.db, app.config, parsed.value.email, parsed.value.password);
      if (!user) {
        request.log.info({ event: 'sign_in_failed' }, 'sign-in failed');
        const message = request.t('accounts.sign_in.failed');
        return reply.page('pages/accounts/sign-in', { title: request.t('accounts.sign_in.title'), values, errors: [{ path: 'email', message }], fieldErrors: { email: message } }, 401);
      }
      await startSession(request, user);
      await audit(app.db, user.id, 'user.signed_in', { type: 'user', id: user.id });
      request.log.info({ event: 'sign_in', user_id: user.id }, 'signed in');
      return reply.redirect(safeReturnPath(parsed.value.next), 303);
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

  app.post('/setup', { config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    if (!(await needsSetup(app.db))) throw new NotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(setupForm, body, request.locale);
    const values = { name: body.name, email: body.email };
    if (!parsed.ok) {
      return reply.page('pages/accounts/setup', { title: request.t('accounts.setup.title'), values, errors: parsed.errors, fieldErrors: parsed.byField }, 422);
    }
    const user = await createFirstAdmin(app.db, app.config, parsed.value);
    if (!user) throw new NotFound();
    await startSession(request, user);
    setFlash(request, 'success', request.t('accounts.setup.done'));
    return reply.redirect('/', 303);
  });
}
