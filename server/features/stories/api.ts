// The stories API: write, edit, submit, tag, list, search, read, history and export (API.md "stories").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createStoryBody,
  exportQuery,
  listAnswer,
  listQuery,
  patchStoryBody,
  storyParams,
  versionParams,
  storyView,
  storyWithWarnings,
  themesBody,
  versionView,
} from './schemas.js';
import { createStory, deleteVersion, getStory, setThemes, storyHistory, updateStory } from './service.js';
import { registerCsv, registerJson, registerRows } from './story-csv.js';
import { listStories } from './search.js';

const tags = ['stories'];

export default async function storiesApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/stories',
    {
      config: { access: ['storyteller', 'facilitator'] },
      schema: {
        tags,
        summary: 'Write a story (a draft unless submit is true); warnings come from the anonymity check',
        body: createStoryBody,
        response: { 201: storyWithWarnings },
      },
    },
    async (request, reply) => {
      const { story, warnings } = await createStory(app.ctx, request.user!, request.body);
      return reply.code(201).send({ ...story, warnings });
    },
  );

  app.get(
    '/api/v1/stories',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Stories the caller may see, newest first; q searches ignoring accents and case',
        querystring: listQuery,
        response: { 200: listAnswer },
      },
    },
    async (request) => listStories(app.ctx, request.user!, request.query),
  );

  app.get(
    '/api/v1/stories/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The story register the caller may see (CSV or JSON), one row per story with its serial number',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const rows = await registerRows(app.ctx, request.user!);
      const csv = request.query.format === 'csv';
      reply.header('content-disposition', `attachment; filename="stories.${csv ? 'csv' : 'json'}"`);
      reply.type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      return reply.send(csv ? registerCsv(rows) : registerJson(rows));
    },
  );

  app.get(
    '/api/v1/stories/:id',
    {
      config: { access: 'signed-in', guests: 'group-story' },
      schema: { tags, summary: 'One story', params: storyParams, response: { 200: storyView } },
    },
    async (request) => getStory(app.ctx.db, request.params.id, request.user!),
  );

  app.patch(
    '/api/v1/stories/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Edit a story: its author, while no round locks it (409). A facilitator may send theme_ids alone for any submitted story, also when locked.',
        params: storyParams,
        body: patchStoryBody,
        response: { 200: storyWithWarnings },
      },
    },
    async (request) => {
      const { story, warnings } = await updateStory(app.ctx, request.user!, request.params.id, request.body);
      return { ...story, warnings };
    },
  );

  app.put(
    '/api/v1/stories/:id/themes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Replace the theme tags: facilitators on any submitted story (also when locked); the author while not locked',
        params: storyParams,
        body: themesBody,
        response: { 200: storyView },
      },
    },
    async (request) => setThemes(app.ctx, request.user!, request.params.id, request.body.theme_ids),
  );

  app.get(
    '/api/v1/stories/:id/versions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Earlier versions of a story, newest first: for its author and facilitators',
        params: storyParams,
        response: { 200: z.object({ items: z.array(versionView) }) },
      },
    },
    async (request) => {
      const { versions } = await storyHistory(app.ctx.db, request.params.id, request.user!);
      return {
        items: versions.map(({ version, editor_name, by_author, created_at, snapshot }) => ({
          version,
          editor_name,
          by_author,
          created_at,
          snapshot,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/stories/:id/versions/:version',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Delete an earlier version of a story: its author only', params: versionParams },
    },
    async (request, reply) => {
      await deleteVersion(app.ctx, request.user!, request.params.id, request.params.version);
      return reply.code(204).send();
    },
  );
}
