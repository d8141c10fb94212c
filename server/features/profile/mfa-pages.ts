// Two-step sign-in on the profile: enrol with a QR code (or the secret typed in), recovery codes, turning it off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRow } from '../../db/tables/accounts.js';
import { requestContext } from '../../http/context.js';
import { submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import {
  codeForm,
  enableMfa,
  enrolmentQr,
  mfaEnabled,
  mfaRoleRequired,
  newMfaSecret,
  passwordOnlyForm,
  remainingRecoveryCodes,
  renewRecoveryCodes,
  turnOffMfa,
} from '../accounts/index.js';
import { me } from './service.js';

declare module 'fastify' {
  interface Session {
    /** The secret being set up, kept server-side until the first correct code proves the app has it. */
    mfaEnrolSecret?: string;
  }
}

const SIGNED_IN = { access: 'signed-in' as const };
/** Setting up the second factor is what a person who must have one is sent to do first (MFA_REQUIRED). */
const ENROLLING = { ...SIGNED_IN, whileEnrolling: true };

/** The page holds up to three forms; each shows its own field error, the summary at the top the failed one's. */
interface Failed {
  enrol?: FormState;
  renew?: FormState;
  disable?: FormState;
}

export default async function mfaPages(app: FastifyInstance): Promise<void> {
  async function mfaPage(request: FastifyRequest, reply: FastifyReply, user: UserRow, failed: Failed = {}, status = 200) {
    const enabled = mfaEnabled(user);
    let enrol: Record<string, string> | null = null;
    if (!enabled) {
      request.session.mfaEnrolSecret ??= newMfaSecret();
      const secret = request.session.mfaEnrolSecret;
      const { qr } = await enrolmentQr(secret, user.email);
      // Grouped in fours so it is easier to type into an app by hand.
      enrol = { qr, secret: secret.replace(/(.{4})/g, '$1 ').trim() };
    }
    return reply.page(
      'pages/profile/mfa',
      {
        title: request.t('profile.mfa.title'),
        enabled,
        enrol,
        required: mfaRoleRequired(app.config, user),
        remaining: remainingRecoveryCodes(user),
        errors: (failed.enrol ?? failed.renew ?? failed.disable)?.errors ?? [],
        fieldErrors: failed.enrol?.fieldErrors ?? {},
        renewError: failed.renew?.fieldErrors.code,
        disableError: failed.disable?.fieldErrors.current_password,
      },
      status,
    );
  }

  const codesPage = (request: FastifyRequest, reply: FastifyReply, codes: string[], first: boolean) =>
    reply.page('pages/profile/recovery-codes', { title: request.t('profile.mfa.codes_title'), codes, first });

  app.get('/profile/mfa', { config: ENROLLING }, async (request, reply) => mfaPage(request, reply, await me(app.ctx, request.user!.id)));

  app.post('/profile/mfa', { config: ENROLLING }, async (request, reply) => {
    const user = await me(app.ctx, request.user!.id);
    if (mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    return submitForm(request, reply, {
      schema: codeForm,
      values: {},
      render: (enrol, status) => mfaPage(request, reply, user, { enrol }, status),
      back: '/profile/mfa',
      action: async ({ code }) => {
        const codes = await enableMfa(app.db, user.id, request.session.mfaEnrolSecret, code);
        delete request.session.mfaEnrolSecret;
        request.log.info({ event: 'mfa_enabled', user_id: user.id }, 'two-step sign-in turned on');
        return codesPage(request, reply, codes, true);
      },
    });
  });

  app.post('/profile/mfa/recovery-codes', { config: SIGNED_IN }, async (request, reply) => {
    const user = await me(app.ctx, request.user!.id);
    if (!mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    return submitForm(request, reply, {
      schema: codeForm,
      values: {},
      render: (renew, status) => mfaPage(request, reply, user, { renew }, status),
      back: '/profile/mfa',
      // Too many wrong codes: the same page says how long to wait (429), like the code step at sign-in.
      refusals: { too_many_requests: { path: '', message: 'accounts.sign_in.throttled' } },
      action: async ({ code }) => codesPage(request, reply, await renewRecoveryCodes(requestContext(request), user, code), false),
    });
  });

  app.post('/profile/mfa/disable', { config: SIGNED_IN }, async (request, reply) => {
    const user = await me(app.ctx, request.user!.id);
    if (!mfaEnabled(user)) return reply.redirect('/profile/mfa', 303);
    return submitForm(request, reply, {
      schema: passwordOnlyForm,
      render: (disable, status) => mfaPage(request, reply, user, { disable }, status),
      back: '/profile/mfa',
      // While the role requires two-step sign-in, the page says so (409) rather than sending the person elsewhere.
      refusals: { mfa_required: { path: '', message: 'profile.mfa.cannot_disable' } },
      action: async ({ current_password }) => {
        await turnOffMfa(app.ctx, user, current_password);
        request.log.info({ event: 'mfa_disabled', user_id: user.id }, 'two-step sign-in turned off');
        setFlash(request, 'success', request.t('profile.mfa.disabled'));
        return '/profile';
      },
    });
  });
}
