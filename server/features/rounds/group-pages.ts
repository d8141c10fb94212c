// The group page and its forms: comments, elements, the ballot, a new iteration and the selection.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { baseUrlOf } from '../../http/base-url.js';
import { pageParams, submitForm, type FormState } from '../../http/forms.js';
import { joinPanel } from '../join/index.js';
import { setFlash } from '../../http/views.js';
import { ballotPaper, castBallot, startIteration } from './ballots.js';
import { addComment } from './comments.js';
import { addElement, removeElement } from './elements.js';
import { onField } from './form-view.js';
import { groupOverview } from './group-overview.js';
import { groupPageModel } from './group-view.js';
import { findVisibleGroup } from './groups.js';
import { commentForm, elementForm, selectionForm, type BallotContent } from './schemas.js';
import { recordSelection } from './selections.js';

/** Turns the ballot form (a radio, a place per story, or points per story) into the API's ballot shape. */
function ballotFromForm(method: string, candidates: string[], body: Record<string, unknown>): BallotContent {
  const fail = (key: string): never => {
    throw new ValidationError([{ path: 'ballot', message: key, params: { max: '' } }]);
  };
  if (method === 'plurality')
    return typeof body.story_id === 'string' && body.story_id ? { story_id: body.story_id } : fail('rounds.errors.ballot_choose_one');
  if (method === 'ranked') {
    const places = candidates.map((id) => ({ id, place: Number(body[`rank_${id}`]) }));
    const distinct = new Set(places.map((p) => p.place));
    if (places.some((p) => !Number.isInteger(p.place) || p.place < 1 || p.place > candidates.length) || distinct.size !== candidates.length)
      fail('rounds.errors.ballot_rank_twice');
    return { ranking: places.sort((a, b) => a.place - b.place).map((p) => p.id) };
  }
  const points: Record<string, number> = {};
  for (const id of candidates) {
    const raw = String(body[`points_${id}`] ?? '').trim();
    const n = raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 100) fail('rounds.errors.ballot_points_whole');
    points[id] = n;
  }
  return { points };
}

const fields = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

export default async function groupPages(app: FastifyInstance): Promise<void> {
  /** The group page, again with a failed form's state when there is one. */
  const showGroup = async (request: FastifyRequest, reply: FastifyReply, groupId: string, form?: FormState, status = 200) => {
    const overview = await groupOverview(app.ctx, request.user!, groupId, request.locale);
    const join = await joinPanel(app.ctx, request.user!, overview.group, overview.round, baseUrlOf(request));
    return reply.page('pages/groups/show', { ...groupPageModel(request, overview, form), join }, status);
  };

  app.get('/groups/:id', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) =>
    showGroup(request, reply, pageParams(request.params).id),
  );

  app.post('/groups/:id/comments', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await findVisibleGroup(app.ctx, request.user!, id); // a group you may not see does not exist for you (404)
    const storyId = String(fields(request).story_id ?? '');
    return submitForm(request, reply, {
      schema: commentForm,
      action: async (input) => {
        await addComment(app.ctx, request.user!, input.story_id, input.body, id);
        setFlash(request, 'success', request.t('groups.page.comment_added'));
        return `/groups/${id}#story-${input.story_id}`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, `comment-${storyId}`), status),
      back: `/groups/${id}`,
    });
  });

  app.post('/groups/:id/elements', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const storyId = String(fields(request).story_id ?? '');
    return submitForm(request, reply, {
      schema: elementForm,
      action: async (input) => {
        await addElement(app.ctx, request.user!, id, input);
        return `/groups/${id}#story-${input.story_id}`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, `element-${storyId}`), status),
      back: `/groups/${id}`,
    });
  });

  app.post('/groups/:id/elements/:elementId/delete', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id, elementId } = pageParams(request.params);
    if (!elementId) return reply.callNotFound();
    await removeElement(app.ctx, request.user!, id, elementId);
    setFlash(request, 'success', request.t('groups.page.element_removed'));
    return reply.redirect(`/groups/${id}`, 303);
  });

  app.post('/groups/:id/ballot', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: z.record(z.string(), z.unknown()),
      action: async (body) => {
        const paper = await ballotPaper(app.ctx, request.user!, id);
        await castBallot(app.ctx, request.user!, id, ballotFromForm(paper.method, paper.candidates, body));
        setFlash(request, 'success', request.t('groups.page.ballot_saved'));
        return `/groups/${id}#ballot`;
      },
      render: (state, status) => showGroup(request, reply, id, onField(state, 'ballot'), status),
      back: `/groups/${id}#ballot`,
    });
  });

  app.post('/groups/:id/iterations', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const next = await startIteration(app.ctx, request.user!, id);
        setFlash(request, 'success', request.t('groups.page.iteration_started', { n: next.iteration }));
        return `/groups/${id}#ballot`;
      },
      render: (state, status) => showGroup(request, reply, id, state, status),
      back: `/groups/${id}`,
    });
  });

  app.post('/groups/:id/selection', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const b = fields(request);
    return submitForm(request, reply, {
      schema: selectionForm,
      values: {
        selection_story_id: b.story_id,
        reasons: b.reasons,
        dissent: b.dissent,
        tie_break_reason: b.tie_break_reason,
        decided_by: b.decided_by,
      },
      action: async (input) => {
        await recordSelection(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('groups.page.selection_saved'));
        return `/groups/${id}#selection`;
      },
      render: (state, status) => showGroup(request, reply, id, state, status),
      back: `/groups/${id}`,
    });
  });
}
