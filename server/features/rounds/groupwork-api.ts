// The group's own work in the API: elements rewritten and tagged, the minutes, the backcast board (API.md "The meeting in the room").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reviseElement } from './elements.js';
import { writeBackcast, writeMinutes } from './groupwork.js';
import { backcastBody, backcastView, elementPatchBody, minutesBody, minutesView } from './groupwork-schemas.js';
import { elementView, idParams } from './schemas.js';

export default async function groupworkApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['groups'];

  app.patch(
    '/api/v1/elements/:id',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        summary: 'The facilitator rewrites an element (general to concrete; the first words stay in original_text) or tags it',
        params: idParams,
        body: elementPatchBody,
        response: { 200: elementView },
      },
    },
    async (request) => reviseElement(app.ctx, request.user!, request.params.id, request.body),
  );

  app.put(
    '/api/v1/groups/:id/minutes',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        summary: "The facilitator's report of the group's discussion (Markdown; body_html is sanitised)",
        params: idParams,
        body: minutesBody,
        response: { 200: minutesView },
      },
    },
    async (request) => writeMinutes(app.ctx, request.user!, request.params.id, request.body.body),
  );

  app.put(
    '/api/v1/groups/:id/backcast',
    {
      // Members of the group (its guests included, only there) and facilitators: the access rules decide per group.
      config: { access: 'signed-in', guests: 'own-group' },
      schema: {
        tags,
        summary:
          "The group's backcast board; `version` is the one the writer started from (0 for an empty board), 409 when it is not the latest",
        params: idParams,
        body: backcastBody,
        response: { 200: backcastView },
      },
    },
    async (request) => writeBackcast(app.ctx, request.user!, request.params.id, request.body),
  );
}
