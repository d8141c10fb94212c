// The groups API: read a group, vote, results, iterations on a tie, the selection, comments and characteristic elements.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findSelection } from './ballots-repository.js';
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
import { groupAccess, presentGroups } from './groups.js';
import { presentSelection, recordSelection } from './selections.js';

export default async function groupsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['groups'];

  app.get(
    '/api/v1/groups/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, params: idParams, response: { 200: groupView.extend({ selection: selectionView.nullable() }) } },
    },
    async (request) => {
      const { group } = await groupAccess(app.db, request.user!, request.params.id);
      const [view] = await presentGroups(app.db, [group]);
      const selection = await findSelection(app.db, group.id);
      return { ...view!, selection: selection ? presentSelection(selection) : null };
    },
  );

  app.put(
    '/api/v1/groups/:id/ballot',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        params: idParams,
        body: ballotBody,
        response: { 200: z.object({ group_id: z.string(), iteration: z.number(), ballot: ballotBody }) },
      },
    },
    async (request) => castBallot(app, request.user!, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/v1/groups/:id/results',
    { config: { access: 'signed-in' }, schema: { tags, params: idParams, response: { 200: resultsView } } },
    async (request) => resultsFor(app, request.user!, request.params.id),
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
    async (request, reply) => reply.code(201).send(await startIteration(app, request.user!, request.params.id)),
  );

  app.post(
    '/api/v1/groups/:id/selection',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: selectionBody, response: { 201: selectionView } } },
    async (request, reply) =>
      reply.code(201).send(await recordSelection(app, request.user!, request.params.id, request.body, request.locale)),
  );

  app.post(
    '/api/v1/stories/:id/comments',
    { config: { access: 'signed-in' }, schema: { tags: ['stories'], params: idParams, body: commentBody, response: { 201: commentView } } },
    async (request, reply) =>
      reply.code(201).send(await addComment(app, request.user!, request.params.id, request.body.body, request.body.group_id)),
  );

  app.post(
    '/api/v1/groups/:id/elements',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: elementBody, response: { 201: elementView } } },
    async (request, reply) => reply.code(201).send(await addElement(app, request.user!, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/groups/:id/elements/:elementId',
    { config: { access: ['facilitator'] }, schema: { tags, params: elementParams } },
    async (request, reply) => {
      await removeElement(app, request.user!, request.params.id, request.params.elementId);
      return reply.code(204).send();
    },
  );
}
