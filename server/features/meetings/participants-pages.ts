// The participants page of a round: a facilitator invites people by e-mail, sees who is in, and takes people out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../http/context.js';
import { formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { hasPublicUrl } from '../../lib/public-url.js';
import { setFlash } from '../../http/views.js';
import { inviteToRound, participantsOverview, removeFromRound } from './participants.js';
import { inviteForm } from './schemas.js';

const FACILITATORS = { access: ['facilitator'] as const };

export default async function participantsPages(app: FastifyInstance): Promise<void> {
  const show = async (request: FastifyRequest, reply: FastifyReply, roundId: string, form: FormState, status = 200) => {
    const { round, participants } = await participantsOverview(app.ctx, request.user!, roundId);
    return reply.page(
      'pages/meetings/participants',
      { title: request.t('meetings.participants.title'), round, open: round.open, participants, ...form },
      status,
    );
  };

  app.get('/rounds/:id/participants', { config: FACILITATORS }, async (request, reply) =>
    show(request, reply, pageParams(request.params).id, formState({}, [], request.locale)),
  );

  app.post('/rounds/:id/participants', { config: FACILITATORS }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const back = `/rounds/${id}/participants`;
    return submitForm(request, reply, {
      schema: inviteForm,
      render: (form, status) => show(request, reply, id, form, status),
      back,
      refusals: {
        account_inactive: { path: 'email', message: 'meetings.participants.inactive' },
        public_url_missing: { path: '', message: 'errors.public_url_missing_detail' },
      },
      action: async (input) => {
        const ctx = requestContext(request);
        const answer = await inviteToRound(ctx, request.user!, id, input, { locale: request.locale });
        const { participant } = answer;
        // A new account's link, when no mail carried it: shown once, for the facilitator to pass on.
        if (answer.invitation_link) {
          const { round } = await participantsOverview(app.ctx, request.user!, id);
          return reply.page('pages/meetings/invitation-link', {
            title: request.t('users.invitation.title'),
            round,
            person: participant,
            link: answer.invitation_link,
            relative: !hasPublicUrl(app.config),
          });
        }
        const message = `meetings.participants.${answer.status}${answer.mailed ? '_mailed' : ''}`;
        setFlash(request, 'success', request.t(message, { name: participant.name }));
        return back;
      },
    });
  });

  app.post('/rounds/:id/participants/:userId/delete', { config: FACILITATORS }, async (request, reply) => {
    const { id, userId } = pageParams(request.params);
    if (!userId) return reply.callNotFound();
    await removeFromRound(app.ctx, request.user!, id, userId);
    setFlash(request, 'success', request.t('meetings.participants.removed'));
    return reply.redirect(`/rounds/${id}/participants`, 303);
  });
}
