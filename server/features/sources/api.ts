// The sources API (API.md "Publications"): site-visit reports and meeting notes analysed beside the stories,
// with their coding (themes, elements).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSourceBody,
  patchSourceBody,
  sourceElementBody,
  sourceElementParams,
  sourceElementView,
  sourceListQuery,
  sourceParams,
  sourceThemesBody,
  sourceView,
} from './schemas.js';
import {
  addSourceElement,
  createSource,
  deleteSource,
  getSource,
  listSources,
  removeSourceElement,
  setSourceThemes,
  updateSource,
} from './service.js';

const tags = ['sources'];
const READERS = { access: ['facilitator' as const, 'admin' as const] };
const WRITERS = { access: ['facilitator' as const] };

export default async function sourcesApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/sources',
    { config: WRITERS, schema: { tags, body: createSourceBody, response: { 201: sourceView } } },
    async (request, reply) => reply.code(201).send(await createSource(app.ctx, request.user!, request.body)),
  );

  app.get(
    '/api/v1/sources',
    { config: READERS, schema: { tags, querystring: sourceListQuery, response: { 200: z.object({ items: z.array(sourceView) }) } } },
    async (request) => ({ items: await listSources(app.ctx, request.user!, request.query.kind) }),
  );

  app.get(
    '/api/v1/sources/:id',
    { config: READERS, schema: { tags, params: sourceParams, response: { 200: sourceView } } },
    async (request) => getSource(app.ctx, request.user!, request.params.id),
  );

  app.patch(
    '/api/v1/sources/:id',
    { config: WRITERS, schema: { tags, params: sourceParams, body: patchSourceBody, response: { 200: sourceView } } },
    async (request) => updateSource(app.ctx, request.user!, request.params.id, request.body),
  );

  app.delete('/api/v1/sources/:id', { config: WRITERS, schema: { tags, params: sourceParams } }, async (request, reply) => {
    await deleteSource(app.ctx, request.user!, request.params.id);
    return reply.code(204).send();
  });

  app.put(
    '/api/v1/sources/:id/themes',
    {
      config: WRITERS,
      schema: {
        tags,
        description: 'Codes the source with these themes (the whole set).',
        params: sourceParams,
        body: sourceThemesBody,
        response: { 200: sourceView },
      },
    },
    async (request) => setSourceThemes(app.ctx, request.user!, request.params.id, request.body.theme_ids),
  );

  app.post(
    '/api/v1/sources/:id/elements',
    { config: WRITERS, schema: { tags, params: sourceParams, body: sourceElementBody, response: { 201: sourceElementView } } },
    async (request, reply) => reply.code(201).send(await addSourceElement(app.ctx, request.user!, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/sources/:id/elements/:elementId',
    { config: WRITERS, schema: { tags, params: sourceElementParams } },
    async (request, reply) => {
      await removeSourceElement(app.ctx, request.user!, request.params.id, request.params.elementId);
      return reply.code(204).send();
    },
  );
}
