// The rounds API: create, list and read rounds, add stories, move phases and publish (API.md "Resources").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addStoriesBody,
  createRoundBody,
  groupView,
  idParams,
  formGroupsBody,
  phaseBody,
  publishedRoundView,
  roundView,
} from './schemas.js';
import { formGroups } from './group-forming.js';
import { groupsOfVisibleRound, presentGroups } from './groups.js';
import {
  addStories,
  changePhase,
  createRound,
  findVisibleRound,
  listVisibleRounds,
  presentRound,
  presentRounds,
  publishRound,
} from './service.js';

export default async function roundsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['rounds'];

  app.post(
    '/api/v1/rounds',
    { config: { access: ['facilitator'] }, schema: { tags, body: createRoundBody, response: { 201: roundView } } },
    async (request, reply) => {
      const row = await createRound(app.ctx, request.user!, request.body);
      return reply.code(201).send(await presentRound(app.db, row));
    },
  );

  app.get(
    '/api/v1/rounds',
    { config: { access: 'signed-in' }, schema: { tags, response: { 200: z.object({ items: z.array(roundView) }) } } },
    async (request) => {
      return { items: await presentRounds(app.ctx, await listVisibleRounds(app.ctx, request.user!)) };
    },
  );

  app.get(
    '/api/v1/rounds/:id',
    { config: { access: 'signed-in' }, schema: { tags, params: idParams, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await findVisibleRound(app.ctx, request.user!, request.params.id));
    },
  );

  app.post(
    '/api/v1/rounds/:id/stories',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: addStoriesBody, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await addStories(app.ctx, request.user!, request.params.id, request.body.story_ids));
    },
  );

  app.post(
    '/api/v1/rounds/:id/groups',
    {
      config: { access: ['facilitator'] },
      schema: { tags, params: idParams, body: formGroupsBody, response: { 201: z.object({ items: z.array(groupView) }) } },
    },
    async (request, reply) => {
      const rows = await formGroups(app.ctx, request.user!, request.params.id, request.body, {
        groupName: (n) => request.t('groups.auto_name', { n }),
      });
      return reply.code(201).send({ items: await presentGroups(app.db, rows) });
    },
  );

  app.get(
    '/api/v1/rounds/:id/groups',
    { config: { access: 'signed-in' }, schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(groupView) }) } } },
    async (request) => {
      return { items: await groupsOfVisibleRound(app.ctx, request.user!, request.params.id) };
    },
  );

  app.post(
    '/api/v1/rounds/:id/phase',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: phaseBody, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await changePhase(app.ctx, request.user!, request.params.id, request.body.phase));
    },
  );

  app.post(
    '/api/v1/rounds/:id/publish',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, response: { 200: publishedRoundView } } },
    async (request) => {
      const { round, edition } = await publishRound(app.ctx, request.user!, request.params.id);
      return { ...(await presentRound(app.db, round)), report_version: edition.version, report_published_at: edition.published_at };
    },
  );
}
