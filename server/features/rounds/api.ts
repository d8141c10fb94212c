// The rounds API: create, list and read rounds, add stories, move phases and publish (API.md "Resources").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addStoriesBody, createRoundBody, groupView, idParams, formGroupsBody, phaseBody, roundView } from './schemas.js';
import { formGroups, presentGroups } from './groups.js';
import { addStories, changePhase, createRound, listRounds, presentRound, publishRound, visibleRound } from './service.js';

export default async function roundsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['rounds'];

  app.post(
    '/api/v1/rounds',
    { config: { access: ['facilitator'] }, schema: { tags, body: createRoundBody, response: { 201: roundView } } },
    async (request, reply) => {
      const row = await createRound(app.db, request.user!, request.body);
      return reply.code(201).send(await presentRound(app.db, row));
    },
  );

  app.get(
    '/api/v1/rounds',
    { config: { access: 'signed-in' }, schema: { tags, response: { 200: z.object({ items: z.array(roundView) }) } } },
    async (request) => {
      const rows = await listRounds(app.db, request.user!);
      return { items: await Promise.all(rows.map((r) => presentRound(app.db, r))) };
    },
  );

  app.get(
    '/api/v1/rounds/:id',
    { config: { access: 'signed-in' }, schema: { tags, params: idParams, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await visibleRound(app.db, request.user!, request.params.id));
    },
  );

  app.post(
    '/api/v1/rounds/:id/stories',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: addStoriesBody, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await addStories(app, request.params.id, request.body.story_ids));
    },
  );

  app.post(
    '/api/v1/rounds/:id/groups',
    {
      config: { access: ['facilitator'] },
      schema: { tags, params: idParams, body: formGroupsBody, response: { 201: z.object({ items: z.array(groupView) }) } },
    },
    async (request, reply) => {
      const rows = await formGroups(app, request.user!, request.params.id, request.body, request.locale);
      return reply.code(201).send({ items: await presentGroups(app.db, rows) });
    },
  );

  app.get(
    '/api/v1/rounds/:id/groups',
    { config: { access: 'signed-in' }, schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(groupView) }) } } },
    async (request) => {
      const round = await visibleRound(app.db, request.user!, request.params.id);
      const rows = await app.db
        .selectFrom('round_groups')
        .selectAll()
        .where('round_id', '=', round.id)
        .orderBy('created_at')
        .orderBy('name')
        .execute();
      return { items: await presentGroups(app.db, rows) };
    },
  );

  app.post(
    '/api/v1/rounds/:id/phase',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, body: phaseBody, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await changePhase(app, request.user!, request.params.id, request.body.phase));
    },
  );

  app.post(
    '/api/v1/rounds/:id/publish',
    { config: { access: ['facilitator'] }, schema: { tags, params: idParams, response: { 200: roundView } } },
    async (request) => {
      return presentRound(app.db, await publishRound(app, request.user!, request.params.id));
    },
  );
}
