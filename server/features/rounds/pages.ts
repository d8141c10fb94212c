// The round pages: the list, a new round, a round with its stories, phases, history and publishing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayManageRound } from '../../access/rounds.js';
import { ValidationError } from '../../errors.js';
import { pageParams, submitForm, typedValues, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { openRoundCardFor, openRoundCards } from './open-rounds.js';
import { roundOverview } from './round-overview.js';
import { newRoundModel, phaseLabel, roundListModel, roundPageModel } from './round-view.js';
import { addStoriesForm, createRoundForm, phaseForm, PHASES } from './schemas.js';
import {
  PARENT_CLOSED,
  addStories,
  changePhase,
  createRound,
  findVisibleRound,
  listVisibleRounds,
  parentCandidates,
  publishRound,
} from './service.js';

export default async function roundPages(app: FastifyInstance): Promise<void> {
  /** The round page, again with a failed form's state when there is one. */
  const showRound = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState, status = 200) =>
    reply.page('pages/rounds/show', roundPageModel(request, await roundOverview(app.ctx, request.user!, id), form), status);

  app.get('/rounds', { config: { access: 'signed-in' } }, async (request, reply) => {
    const [rows, open] = await Promise.all([listVisibleRounds(app.ctx, request.user!), openRoundCards(app.ctx, request.user!)]);
    return reply.page('pages/rounds/list', roundListModel(request, rows, mayManageRound(request.user!), open));
  });

  app.get('/rounds/new', { config: { access: ['facilitator'] } }, async (request, reply) =>
    reply.page('pages/rounds/new', newRoundModel(request, await parentCandidates(app.ctx, request.user!))),
  );

  app.post('/rounds', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const typed = typedValues(request.body);
    return submitForm(request, reply, {
      schema: createRoundForm,
      values: { ...typed, hide_results: typed.hide_results === 'on' },
      action: async (input) => {
        const round = await createRound(app.ctx, request.user!, input);
        setFlash(request, 'success', request.t('rounds.new.created'));
        return `/rounds/${round.id}`;
      },
      render: async (state, status) =>
        reply.page('pages/rounds/new', newRoundModel(request, await parentCandidates(app.ctx, request.user!), state), status),
      back: '/rounds/new',
      // The parent closed while the form was open: said beside the choice, with the list of open rounds again.
      refusals: { parent_round_closed: PARENT_CLOSED },
    });
  });

  app.get('/rounds/:id', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    // Someone who only sees the round while it collects gets its open face: the question, the form, the deadline.
    const open = await openRoundCardFor(app.ctx, request.user!, id);
    if (open) return reply.page('pages/rounds/open', { title: open.title, round: open });
    return showRound(request, reply, id);
  });

  app.post('/rounds/:id/stories', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: addStoriesForm,
      action: async (input) => {
        await addStories(app.ctx, request.user!, id, input.story_ids);
        setFlash(request, 'success', request.t('rounds.stories.added', { count: input.story_ids.length }));
        return `/rounds/${id}#stories`;
      },
      render: (state, status) => showRound(request, reply, id, state, status),
      back: `/rounds/${id}#stories`,
    });
  });

  app.post('/rounds/:id/phase', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const back = `/rounds/${id}#phase`;
    return submitForm(request, reply, {
      schema: phaseForm,
      action: async (input) => {
        // Going back undoes work in the room (a vote, a discussion): the page asks to confirm it; the API does not.
        const round = await findVisibleRound(app.ctx, request.user!, id);
        // Closing cannot be undone: it goes through the confirmation page, which says what can no longer change.
        if (input.phase === 'closed' && round.phase !== 'closed' && !input.confirm) return `/rounds/${id}/close`;
        if (PHASES.indexOf(input.phase) < PHASES.indexOf(round.phase) && !input.confirm)
          throw new ValidationError([{ path: 'confirm', message: 'rounds.phase_form.confirm_needed' }]);
        const changed = await changePhase(app.ctx, request.user!, round.id, input.phase);
        setFlash(request, 'success', request.t('rounds.phase_form.moved', { phase: phaseLabel(request, changed.phase) }));
        return back;
      },
      render: (state, status) => showRound(request, reply, id, state, status),
      back,
    });
  });

  app.post('/rounds/:id/publish', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const { edition } = await publishRound(app.ctx, request.user!, id);
        setFlash(request, 'success', request.t('rounds.publish.done', { version: edition.version }));
        return `/rounds/${id}`;
      },
      render: (state, status) => showRound(request, reply, id, state, status),
      back: `/rounds/${id}`,
    });
  });
}
