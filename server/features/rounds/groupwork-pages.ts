// The group page's forms for the group's own work: an element rewritten or tagged, the minutes, the backcast board
// (a save over a board that moved on comes back as the same page, 409, with both texts and nothing lost).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { reviseElement } from './elements.js';
import { onField } from './form-view.js';
import { groupOverview } from './group-overview.js';
import { groupPageModel } from './group-view.js';
import { writeBackcast, writeMinutes } from './groupwork.js';
import { backcastForm, elementEditForm, minutesForm } from './groupwork-schemas.js';

export default async function groupworkPages(app: FastifyInstance): Promise<void> {
  const showGroup = async (request: FastifyRequest, reply: FastifyReply, groupId: string, form: FormState, status: number) =>
    reply.page(
      'pages/groups/show',
      groupPageModel(request, await groupOverview(app.ctx, request.user!, groupId, request.locale), form),
      status,
    );

  app.post('/groups/:id/elements/:elementId/edit', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id, elementId } = pageParams(request.params);
    if (!elementId) return reply.callNotFound();
    return submitForm(request, reply, {
      schema: elementEditForm,
      action: async (input) => {
        const element = await reviseElement(app.ctx, request.user!, elementId, input, id);
        setFlash(request, 'success', request.t('groupwork.elements.saved'));
        return `/groups/${id}#story-${element.story_id}`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, `element-edit-${elementId}`), status),
      back: `/groups/${id}`,
    });
  });

  app.post('/groups/:id/minutes', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: minutesForm,
      action: async (input) => {
        await writeMinutes(app.ctx, request.user!, id, input.minutes);
        setFlash(request, 'success', request.t('groupwork.minutes.saved'));
        return `/groups/${id}#minutes`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, 'minutes'), status),
      back: `/groups/${id}#minutes`,
    });
  });

  app.post('/groups/:id/backcast', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: backcastForm,
      action: async (input) => {
        await writeBackcast(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('groupwork.backcast.saved'));
        return `/groups/${id}#backcast`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, 'backcast'), status),
      back: `/groups/${id}#backcast`,
      // Someone saved the board meanwhile: the same page with both texts, never a lost edit.
      refusals: { backcast_conflict: { path: '', message: 'groupwork.backcast.conflict' } },
    });
  });
}
