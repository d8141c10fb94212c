// The /reports page (rounds whose report the person may download, and a report over several rounds) and page downloads.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayPreviewReport } from '../../access/rounds.js';
import { sendReport } from './download-api.js';
import { roundEditions } from './editions.js';
import { networkReportQuery, REPORT_FORMATS, reportQuery, roundParams } from './schemas.js';
import { downloadableRounds } from './visibility.js';

export default async function reportsPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/reports', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user!;
    const downloadable = await downloadableRounds(app.db, user);
    const editions = await roundEditions(
      app.ctx,
      user,
      downloadable.map((d) => ({ id: d.round.id, verdict: d.verdict })),
    );
    const rounds = downloadable.map(({ round: r }) => ({
      id: r.id,
      title: r.title,
      phase: r.phase,
      meeting_date: r.meeting_date,
      published_at: r.published_at,
      report: editions.get(r.id),
    }));
    return reply.page('pages/reports/index', {
      title: request.t('reports.page.title'),
      rounds,
      // A report composed over several rounds is a live preview; readers download the network's publications.
      showNetwork: rounds.length > 1 && mayPreviewReport(user),
      formatOptions: REPORT_FORMATS.map((value) => ({ value, label: request.t(`reports.formats.${value}`) })),
    });
  });

  app.get('/reports/network', { config: { access: 'signed-in' }, schema: { querystring: networkReportQuery } }, async (request, reply) =>
    sendReport(app.ctx, request, reply, request.query.round_ids, request.query),
  );

  app.get(
    '/reports/:id/download',
    { config: { access: 'signed-in' }, schema: { params: roundParams, querystring: reportQuery } },
    async (request, reply) => sendReport(app.ctx, request, reply, [request.params.id], request.query),
  );
}
