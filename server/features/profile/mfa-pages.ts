// Two-step sign-in on the profile: enrol with a QR code (or the secret typed in), recovery codes, turning it off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUserById } from '../accounts/index.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { codeForm, passwordOnlyForm } from '../accounts/index.js';
import { checkOwnPassword } from '../accounts/index.js';
import {
  checkSecondFactor,
  disableMfa,
  enableMfa,
  enrolmentQr,
  mfaEnabled,
  newMfaSecret,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
} from '../accounts/index.js';

declare module 'fastify' {
  interface Session {
    /** The secret being set up, kept server-side until the first correct code proves the app has it. */
    mfaEnrolSecret?: string;
  }
}

const SIGNED_IN = { access: 'signed-in' as const };

export default async function mfaPages(app: FastifyInstance): Promise<void> {
  const me = async (request: FastifyRequest): Promise<UserRow> => (await findUserById(app.db, request.user!.id))!;

  async function mfaPage(request: FastifyRequest, reply: FastifyReply, user: UserRow, extra: Record<string, unknown> = {}, status = 200) {
    const enabled = mfaEnabled(user);
    let enrol: Record<string, string> | null = null;
    if (!enabled) {
      request.session.mfaEnrolSecret ??= newMfaSecret();
      const secret = request.session.mfaEnrolSecret;
      const { qr } = await enrolmentQr(secret, user.email);
      // Grouped in fours so it is easier to type into an app by hand.
      enrol = { qr, secret: secret.replace(/(.{4})/g, '$1 ').trim() };
    }
    const required = app.config.MFA_REQUIRED && (user.role === 'admin' || user.role === 'facilitator');
    return reply.page(
      'pages/profile/mfa',
      { title: request.t('profile.mfa.title'), enabled, enrol, required, remaining: remainingRecoveryCodes(user), ...extra },
      status,
    );
  }

  app.get('/profile/mfa', { config: SIGNED_IN }, async (request, reply) => mfaPage(request, reply, await me(request)));

  app.post('/profile/mfa', { config: SIGNED_IN }, async (request, reply) => {
    const user = await me(request);
    if (mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    const parsed = parseForm(codeForm, request.body ?? {}, request.locale);
    if (!parsed.ok) return mfaPage(request, reply, user, { errors: parsed.errors, fieldErrors: parsed.byField }, 422);
    const secret = request.session.mfaEnrolSecret;
    const codes = secret ? await enableMfa(app.db, user.id, secret, parsed.value.code) : null;
    if (!codes) {
      const message = request.t('profile.mfa.code_wrong');
      return mfaPage(request, reply, user, { errors: [{ path: 'code', message }], fieldErrors: { code: message } }, 422);
    }
    delete request.session.mfaEnrolSecret;
    request.log.info({ event: 'mfa_enabled', user_id: user.id }, 'two-step sign-in turned on');
    return reply.page('pages/profile/recovery-codes', { title: request.t('profile.mfa.codes_title'), codes, first: true });
  });

  app.post('/profile/mfa/recovery-codes', { config: SIGNED_IN }, async (request, reply) => {
    const user = await me(request);
    if (!mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    const parsed = parseForm(codeForm, request.body ?? {}, request.locale);
    if (!parsed.ok || !(await checkSecondFactor(app.db, user, parsed.value.code))) {
      const message = request.t('profile.mfa.code_wrong');
      return mfaPage(request, reply, user, { errors: [{ path: 'code', message }], renewError: message }, 422);
    }
    const codes = await regenerateRecoveryCodes(app.db, user.id);
    return reply.page('pages/profile/recovery-codes', { title: request.t('profile.mfa.codes_title'), codes, first: false });
  });

  app.post('/profile/mfa/disable', { config: SIGNED_IN }, async (request, reply) => {
    const user = await me(request);
    if (!mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    if (app.config.MFA_REQUIRED && (user.role === 'admin' || user.role === 'facilitator')) {
      const message = request.t('profile.mfa.cannot_disable');
      return mfaPage(request, reply, user, { errors: [{ path: '', message }] }, 409);
    }
    const parsed = parseForm(passwordOnlyForm, request.body ?? {}, request.locale);
    if (!parsed.ok || !(await checkOwnPassword(app.db, user.id, parsed.value.current_password))) {
      const message = request.t('profile.password.current_wrong');
      return mfaPage(request, reply, user, { errors: [{ path: 'current_password', message }], disableError: message }, 422);
    }
    await disableMfa(app.db, user.id, user.id);
    request.log.info({ event: 'mfa_disabled', user_id: user.id }, 'two-step sign-in turned off');
    setFlash(request, 'success', request.t('profile.mfa.disabled'));
    return reply.redirect('/profile', 303);
  });
}
