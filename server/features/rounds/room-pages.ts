// The meeting in the room on the group page: the facilitator enters the votes counted on paper or by a show of hands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { enterCountedVotes } from './counted-votes.js';
import { groupOverview } from './group-overview.js';
import { groupPageModel } from './group-view.js';
import { countForm } from './room-schemas.js';

export default async function roomPages(app: FastifyInstance): Promise<void> {
  const showGroup = async (request: FastifyRequest, reply: FastifyReply, groupId: string, form?: FormState, status = 200) =>
    reply.page(
      'pages/groups/show',
      groupPageModel(request, await groupOverview(app.ctx, request.user!, groupId, request.locale), form),
      status,
    );

  app.post('/groups/:id/tally', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: countForm,
      action: async (input) => {
        await enterCountedVotes(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('room.tally.saved'));
        return `/groups/${id}#results`;
      },
      render: (state, status) => showGroup(request, reply, id, state, status),
      back: `/groups/${id}#tally`,
    });
  });
}
