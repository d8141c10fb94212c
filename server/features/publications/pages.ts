// The publication downloads for the pages (a signed-in reader follows a link; the API wants a token): the same rules as the API.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendRendered } from '../reports/index.js';
import { publicationReport } from './publishing.js';
import { publicationParams, publicationReportQuery } from './schemas.js';

export default async function publicationsPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/publications/:id/download',
    { config: { access: 'signed-in' }, schema: { params: publicationParams, querystring: publicationReportQuery } },
    async (request, reply) =>
      sendRendered(reply, await publicationReport(app.ctx, request.user!, request.params.id, request.query, request.locale)),
  );
}
