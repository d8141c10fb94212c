// The themes API of API.md (POST/PATCH/GET /api/v1/themes), plus quotes and element assignment for clustering.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../lib/schemas.js';
import { createThemeBody, patchThemeBody, quoteBody, quoteParams, quoteView, themeParams, themeView } from './schemas.js';
import { assignElement } from './clustering.js';
import { addQuote, listThemeQuotes, removeQuote } from './quotes.js';
import { createTheme, getTheme, listThemes, patchTheme } from './service.js';

const EDITORS = ['facilitator', 'admin'] as const;

export default async function themesApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/themes',
    { config: { access: 'signed-in' }, schema: { tags: ['themes'], response: { 200: z.object({ items: z.array(themeView) }) } } },
    async () => ({ items: await listThemes(app.db) }),
  );

  app.post(
    '/api/v1/themes',
    { config: { access: EDITORS }, schema: { tags: ['themes'], body: createThemeBody, response: { 201: themeView } } },
    async (request, reply) => {
      const theme = await createTheme(app.ctx, request.user!, request.body);
      return reply.code(201).send(theme);
    },
  );

  app.get(
    '/api/v1/themes/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['themes'], params: themeParams, response: { 200: themeView.extend({ quotes: z.array(quoteView) }) } },
    },
    async (request) => {
      const theme = await getTheme(app.db, request.params.id);
      return { ...theme, quotes: await listThemeQuotes(app.db, theme.id) };
    },
  );

  app.patch(
    '/api/v1/themes/:id',
    { config: { access: EDITORS }, schema: { tags: ['themes'], params: themeParams, body: patchThemeBody, response: { 200: themeView } } },
    async (request) => patchTheme(app.ctx, request.user!, request.params.id, request.body),
  );

  app.get(
    '/api/v1/themes/:id/quotes',
    {
      config: { access: EDITORS },
      schema: { tags: ['themes'], params: themeParams, response: { 200: z.object({ items: z.array(quoteView) }) } },
    },
    async (request) => {
      await getTheme(app.db, request.params.id);
      return { items: await listThemeQuotes(app.db, request.params.id) };
    },
  );

  app.post(
    '/api/v1/themes/:id/quotes',
    { config: { access: EDITORS }, schema: { tags: ['themes'], params: themeParams, body: quoteBody, response: { 201: quoteView } } },
    async (request, reply) => {
      const quote = await addQuote(app.ctx, request.user!, request.params.id, request.body);
      return reply.code(201).send(quote);
    },
  );

  app.delete(
    '/api/v1/themes/:id/quotes/:quoteId',
    { config: { access: EDITORS }, schema: { tags: ['themes'], params: quoteParams } },
    async (request, reply) => {
      await removeQuote(app.ctx, request.user!, request.params.id, request.params.quoteId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/elements/:id/theme',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['themes'],
        params: z.object({ id }),
        body: z.object({ theme_id: id.nullable() }),
        response: { 200: z.object({ id: z.string(), theme_id: z.string().nullable() }) },
      },
    },
    async (request) => {
      await assignElement(app.ctx, request.user!, { element_id: request.params.id, theme_id: request.body.theme_id });
      return { id: request.params.id, theme_id: request.body.theme_id };
    },
  );
}
