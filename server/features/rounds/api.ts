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
  openRoundView,
  publishedRoundView,
  roundsQuery,
  roundView,
} from './schemas.js';
import { readRound, roundsForList } from './open-rounds.js';
import { formGroups } from './group-forming.js';
import { groupsOfVisibleRound, presentGroups } from './groups.js';
import { addStories, changePhase, createRound, presentRound, publishRound } from './service.js';

/** A round whole, or (for those who only see it while it collects) its open face. */
const anyRoundView = z.union([roundView, openRoundView]);

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
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The rounds the caller sees, newest first; every signed-in person sees those that collect stories (?phase=collecting)',
        querystring: roundsQuery,
        response: { 200: z.object({ items: z.array(anyRoundView) }) },
      },
    },
    async (request) => ({ items: await roundsForList(app.ctx, request.user!, request.query.phase) }),
  );

  app.get(
    '/api/v1/rounds/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'One round; while it collects stories, every signed-in person reads its question, form and deadline',
        params: idParams,
        response: { 200: anyRoundView },
      },
    },
    async (request) => readRound(app.ctx, request.user!, request.params.id),
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
