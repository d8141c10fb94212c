// Builds and sends a report download (API and pages share it): access first, then the model, then the format.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Unauthorized } from '../../errors.js';
import { assertReportAccess } from './access.js';
import { buildReportModel } from './model.js';
import { contentDisposition, renderReport, type ReportFormat } from './render.js';
import type { Locale } from '../../i18n/index.js';
import { audit } from '../accounts/index.js';

export interface DownloadQuery {
  format: ReportFormat;
  part?: 'factsheet';
  lang?: Locale;
}

export async function sendReport(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  roundIds: string[],
  query: DownloadQuery,
) {
  const user = request.user;
  if (!user) throw new Unauthorized();
  for (const id of roundIds) await assertReportAccess(app.db, id, user);
  const model = await buildReportModel(app.db, { roundIds, locale: query.lang ?? request.locale });
  const out = await renderReport(model, query.format, query.part === 'factsheet');
  await audit(
    app.db,
    user.id,
    'report.downloaded',
    { type: 'round', id: roundIds.join(',').slice(0, 200) },
    { format: query.format, part: query.part ?? 'report' },
  );
  request.log.info({ event: 'report_downloaded', user_id: user.id, format: query.format, rounds: roundIds.length }, 'report downloaded');
  return reply
    .header('content-disposition', contentDisposition(out.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .type(out.type)
    .send(out.body);
}
