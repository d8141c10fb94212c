// Accepting an invitation: /invitations/:token shows a form to choose a password (and, for an account with two-step
// sign-in, the current code); sending it sets it and signs in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSession } from '../../http/auth.js';
import { requestContext } from '../../http/context.js';
import { formState, limitedForm, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { acceptInvitation, findInvitation, type InvitationState } from './invitations.js';
import { mfaEnabled } from './mfa.js';
import { CODE_REFUSALS, THROTTLED_IP } from './pages.js';
import { recordSignIn } from './sign-in.js';
import { choosePasswordForm, choosePasswordWithCodeForm } from './user-schemas.js';

const tokenOf = (request: FastifyRequest): string => String((request.params as { token?: unknown }).token ?? '');

/** A link that will never work: 404 when unknown, Gone (410) once used or expired; the page says what to do. */
function unusable(
  request: FastifyRequest,
  reply: FastifyReply,
  state: Extract<InvitationState, { ok: false }>,
  form?: FormState,
  status?: number,
) {
  return reply.page(
    'pages/accounts/invitation-unusable',
    { title: request.t(`accounts.invitation.${state.reason}_title`), reason: state.reason, ...form },
    status ?? (state.reason === 'unknown' ? 404 : 410),
  );
}

export default async function invitationPages(app: FastifyInstance): Promise<void> {
  /** The form to choose a password, for the person the link names (or why the link does not work). */
  async function invitationPage(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) {
    const token = tokenOf(request);
    const state = await findInvitation(app.db, token);
    if (!state.ok) return unusable(request, reply, state, form, status === 200 ? undefined : status);
    const person = { name: state.user.name, email: state.user.email };
    const needsCode = mfaEnabled(state.user);
    return reply.page(
      'pages/accounts/invitation',
      { title: request.t('accounts.invitation.title'), token, person, needsCode, ...form, values: {} },
      status,
    );
  }

  app.get('/invitations/:token', { config: { access: 'public' } }, async (request, reply) =>
    invitationPage(request, reply, formState({}, [], request.locale), 200),
  );

  app.post('/invitations/:token', limitedForm('public', invitationPage, THROTTLED_IP), async (request, reply) => {
    const token = tokenOf(request);
    const state = await findInvitation(app.db, token);
    if (!state.ok) return unusable(request, reply, state);
    const needsCode = mfaEnabled(state.user);
    return submitForm(request, reply, {
      schema: needsCode ? choosePasswordWithCodeForm : choosePasswordForm,
      render: (form, status) => invitationPage(request, reply, form, status),
      back: `/invitations/${encodeURIComponent(token)}`,
      refusals: CODE_REFUSALS,
      action: async (input: { password: string; code?: string }) => {
        const ctx = requestContext(request);
        const accepted = await acceptInvitation(ctx, token, input);
        if (!accepted.ok) return unusable(request, reply, accepted);
        await startSession(request, accepted.user.id);
        await recordSignIn(ctx, accepted.user.id, needsCode);
        request.log.info({ event: 'invitation_accepted', user_id: accepted.user.id }, 'invitation accepted, signed in');
        setFlash(request, 'success', request.t('accounts.invitation.done'));
        return '/';
      },
    });
  });
}
