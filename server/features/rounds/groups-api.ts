// The groups API: read a group, vote, results, iterations on a tie, the selection, comments and characteristic elements.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ballotBody,
  commentBody,
  commentView,
  elementBody,
  elementParams,
  elementView,
  groupView,
  idParams,
  resultsView,
  selectionBody,
  selectionView,
} from './schemas.js';
import { castBallot, resultsFor, startIteration } from './ballots.js';
import { addComment } from './comments.js';
import { addElement, removeElement } from './elements.js';
import { groupDetail } from './group-detail.js';
import { backcastView, minutesView } from './groupwork-schemas.js';
import { recordSelection } from './selections.js';

export default async function groupsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['groups'];

  app.get(
    '/api/v1/groups/:id',
    {
      config: { access: 'signed-in', guests: 'own-group' },
      schema: {
        tags,
        params: idParams,
        response: {
          200: groupView.extend({
            selection: selectionView.nullable(),
            // Each present only when the caller may see it (API.md "The meeting in the room").
            minutes: minutesView.nullable().optional(),
            backcast: backcastView.optional(),
            elements: z.array(elementView).optional(),
            results: resultsView.optional(),
          }),
        },
      },
    },
    async (request) => groupDetail(app.ctx, request.user!, request.params.id),
  );

  app.put(
    '/api/v1/groups/:id/ballot',
    {
      config: { access: 'signed-in', guests: 'own-group' },
      schema: {
        tags,
        params: idParams,
        body: ballotBody,
        response: { 200: z.object({ group_id: z.string(), iteration: z.number(), ballot: ballotBody }) },
      },
    },
    async (request) => castBallot(app.ctx, request.user!, request.params.id, request.body),
  );

  app.get(
    '/api/v1/groups/:id/results',
    { config: { access: 'signed-in', guests: 'own-group' }, schema: { tags, params: idParams, response: { 200: resultsView } } },
    async (request) => resultsFor(app.ctx, request.user!, request.params.id),
  );

  app.post(
    '/api/v1/groups/:id/iterations',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        params: idParams,
        response: { 201: z.object({ group_id: z.string(), iteration: z.number(), candidate_ids: z.array(z.string()) }) },
      },
    },
    async (request, reply) => reply.code(201).send(await startIteration(app.ctx, request.user!, request.params.id)),
  );

  app.post(
    '/api/v1/groups/:id/selection',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: selectionBody, response: { 201: selectionView } } },
    async (request, reply) => reply.code(201).send(await recordSelection(app.ctx, request.user!, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/stories/:id/comments',
    {
      config: { access: 'signed-in', guests: 'group-story' },
      schema: { tags: ['stories'], params: idParams, body: commentBody, response: { 201: commentView } },
    },
    async (request, reply) =>
      reply.code(201).send(await addComment(app.ctx, request.user!, request.params.id, request.body.body, request.body.group_id)),
  );

  app.post(
    '/api/v1/groups/:id/elements',
    {
      // Members of the group (its guests included) and facilitators: the access rules decide per group.
      config: { access: 'signed-in', guests: 'own-group' },
      schema: { tags, params: idParams, body: elementBody, response: { 201: elementView } },
    },
    async (request, reply) => reply.code(201).send(await addElement(app.ctx, request.user!, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/groups/:id/elements/:elementId',
    { config: { access: ['facilitator'] }, schema: { tags, params: elementParams } },
    async (request, reply) => {
      await removeElement(app.ctx, request.user!, request.params.id, request.params.elementId);
      return reply.code(204).send();
    },
  );
}
