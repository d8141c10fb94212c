// Accepting an invitation: /invitations/:token shows a form to choose a password; sending it sets it and signs in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../lib/schemas.js';
import { choosePasswordForm } from './user-schemas.js';
import { audit } from './service.js';
import { acceptInvitation, findInvitation, type InvitationState } from './invitations.js';
import { setFlash } from '../../http/views.js';
import { startSession } from '../../http/auth.js';
import { FORM_RATE_LIMIT, throttledFormHandler } from './throttle.js';

function unusable(request: FastifyRequest, reply: FastifyReply, state: Extract<InvitationState, { ok: false }>) {
  // Gone (410) says plainly that this link will never work again; the page tells the person what to do.
  return reply.page(
    'pages/accounts/invitation-unusable',
    { title: request.t(`accounts.invitation.${state.reason}_title`), reason: state.reason },
    state.reason === 'unknown' ? 404 : 410,
  );
}

export default async function invitationPages(app: FastifyInstance): Promise<void> {
  app.get('/invitations/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const state = await findInvitation(app.db, token);
    if (!state.ok) return unusable(request, reply, state);
    return reply.page('pages/accounts/invitation', {
      title: request.t('accounts.invitation.title'),
      token,
      person: { name: state.user.name, email: state.user.email },
    });
  });

  // Too many tries from one address: the form again (without the passwords) and the wait.
  const throttled = throttledFormHandler(app, async (request, reply, message) => {
    const { token } = request.params as { token: string };
    const state = await findInvitation(app.db, token);
    if (!state.ok) {
      const model = {
        title: request.t(`accounts.invitation.${state.reason}_title`),
        reason: state.reason,
        errors: [{ path: '', message }],
      };
      return reply.page('pages/accounts/invitation-unusable', model, 429);
    }
    return reply.page(
      'pages/accounts/invitation',
      {
        title: request.t('accounts.invitation.title'),
        token,
        person: { name: state.user.name, email: state.user.email },
        errors: [{ path: '', message }],
      },
      429,
    );
  });

  app.post(
    '/invitations/:token',
    { config: { access: 'public', rateLimit: FORM_RATE_LIMIT }, errorHandler: throttled },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const state = await findInvitation(app.db, token);
      if (!state.ok) return unusable(request, reply, state);
      const parsed = parseForm(choosePasswordForm, request.body ?? {}, request.locale);
      if (!parsed.ok) {
        const model = {
          title: request.t('accounts.invitation.title'),
          token,
          person: { name: state.user.name, email: state.user.email },
          errors: parsed.errors,
          fieldErrors: parsed.byField,
        };
        return reply.page('pages/accounts/invitation', model, 422);
      }
      const accepted = await acceptInvitation(app.db, app.config, token, parsed.value.password);
      if (!accepted.ok) return unusable(request, reply, accepted);
      await startSession(request, accepted.user.id);
      await audit(app.db, accepted.user.id, 'user.signed_in', { type: 'user', id: accepted.user.id });
      request.log.info({ event: 'invitation_accepted', user_id: accepted.user.id }, 'invitation accepted, signed in');
      setFlash(request, 'success', request.t('accounts.invitation.done'));
      return reply.redirect('/', 303);
    },
  );
}
