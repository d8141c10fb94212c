// Closing a round from the pages: the close button leads to a confirmation page that says what can no longer change, and
// only a POST with the confirm box ticked closes (the API's phase call stays as it is).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { checkbox } from '../../lib/schemas.js';
import { closingPreview, type ClosingPreview } from './closing.js';
import { changePhase } from './service.js';

const closeForm = z.object({ confirm: checkbox });

function closePageModel(request: FastifyRequest, preview: ClosingPreview, form?: FormState) {
  return {
    title: request.t('room.close.title', { title: preview.round.title }),
    round: preview.round,
    groups: preview.groups,
    stories: preview.stories,
    undecided: preview.undecided,
    ready: preview.groups > 0 && preview.undecided.length === 0,
    noGroups: preview.groups === 0,
    mails: preview.mails,
    child: preview.round.parent_round_id !== null,
    errors: form?.errors ?? [],
    fieldErrors: form?.fieldErrors ?? {},
  };
}

export default async function closePages(app: FastifyInstance): Promise<void> {
  const showClose = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState, status = 200) => {
    const preview = await closingPreview(app.ctx, request.user!, id);
    if (preview.round.phase === 'closed') return reply.redirect(`/rounds/${id}`, 303);
    return reply.page('pages/rounds/close', closePageModel(request, preview, form), status);
  };

  app.get('/rounds/:id/close', { config: { access: ['facilitator'] } }, async (request, reply) =>
    showClose(request, reply, pageParams(request.params).id),
  );

  app.post('/rounds/:id/close', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: closeForm,
      action: async (input) => {
        if (!input.confirm) throw new ValidationError([{ path: 'confirm', message: 'room.close.confirm_needed' }]);
        await closingPreview(app.ctx, request.user!, id); // 404 for a round one may not see, before anything changes
        await changePhase(app.ctx, request.user!, id, 'closed');
        setFlash(request, 'success', request.t('room.close.done'));
        return `/rounds/${id}`;
      },
      render: (state, status) => showClose(request, reply, id, state, status),
      back: `/rounds/${id}/close`,
    });
  });
}
