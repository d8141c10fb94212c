// GET /api/v1/rounds/:id/report (API.md) and GET /api/v1/reports?round_ids=... for a report over several rounds.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { networkReportQuery, reportQuery, roundParams } from './schemas.js';
import { sendReport } from './download-api.js';

export default async function reportsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/rounds/:id/report',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reports'],
        description: 'The round report (with its child rounds) as a file; `part=factsheet` for the factsheet alone (html, pdf, docx, md).',
        params: roundParams,
        querystring: reportQuery,
      },
    },
    async (request, reply) => sendReport(app.ctx, request, reply, [request.params.id], request.query),
  );

  app.get(
    '/api/v1/reports',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['reports'], description: 'A network report over several rounds: `round_ids=a,b`.', querystring: networkReportQuery },
    },
    async (request, reply) => sendReport(app.ctx, request, reply, request.query.round_ids, request.query),
  );
}
