// The profile page for everyone signed in: name, language and password (which signs out everywhere else).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findOrganization } from '../organizations/index.js';
import { findUserById } from '../accounts/index.js';
import { LANGUAGE_COOKIE } from '../../http/i18n.js';
import { setFlash } from '../../http/views.js';
import { isSecure } from '../../config.js';
import { parseForm } from '../../lib/schemas.js';
import { passwordChangeForm, profileForm } from '../accounts/index.js';
import { changePassword, updateProfile } from '../accounts/index.js';
import { mfaEnabled, remainingRecoveryCodes } from '../accounts/index.js';
import { startSession } from '../../http/auth.js';

export default async function profilePages(app: FastifyInstance): Promise<void> {
  async function profilePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const me = (await findUserById(app.db, request.user!.id))!;
    const organization = me.organization_id ? await findOrganization(app.db, me.organization_id) : undefined;
    return reply.page(
      'pages/profile/show',
      {
        title: request.t('profile.title'),
        me: { email: me.email, roleLabel: request.t(`users.roles.${me.role}`), organization: organization?.name ?? null },
        mfa: { enabled: mfaEnabled(me), remaining: remainingRecoveryCodes(me) },
        values: { name: me.name, locale: me.locale ?? '' },
        ...extra,
      },
      status,
    );
  }

  app.get('/profile', { config: { access: 'signed-in' } }, async (request, reply) => profilePage(request, reply));

  app.post('/profile', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(profileForm, body, request.locale);
    if (!parsed.ok)
      return profilePage(
        request,
        reply,
        { values: { name: body.name, locale: body.locale }, errors: parsed.errors, fieldErrors: parsed.byField },
        422,
      );
    await updateProfile(app.db, request.user!.id, parsed.value);
    if (parsed.value.locale) {
      // The language switch in the header and this choice agree, also after signing out.
      reply.setCookie(LANGUAGE_COOKIE, parsed.value.locale, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 86_400,
        secure: isSecure(app.config),
      });
      request.locale = parsed.value.locale;
    }
    setFlash(request, 'success', request.t('profile.saved'));
    return reply.redirect('/profile', 303);
  });

  app.post('/profile/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = parseForm(passwordChangeForm, request.body ?? {}, request.locale);
    if (!parsed.ok) return profilePage(request, reply, { passwordErrors: parsed.byField, errors: parsed.errors }, 422);
    const changed = await changePassword(
      app.db,
      app.config,
      request.user!.id,
      parsed.value.current_password,
      parsed.value.password,
      request.session.sessionId,
    );
    if (!changed) {
      const message = request.t('profile.password.current_wrong');
      request.log.info({ event: 'password_change_refused', user_id: request.user!.id }, 'password change refused');
      return profilePage(
        request,
        reply,
        { passwordErrors: { current_password: message }, errors: [{ path: 'current_password', message }] },
        422,
      );
    }
    // Other sessions and every API token are gone; this session gets a new id too.
    await startSession(request, request.user!.id);
    request.log.info({ event: 'password_changed', user_id: request.user!.id }, 'password changed, signed out elsewhere');
    setFlash(request, 'success', request.t('profile.password.done'));
    return reply.redirect('/profile', 303);
  });
}
