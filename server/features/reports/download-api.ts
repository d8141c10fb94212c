// Answers a report download for the API and the pages alike: the file as an attachment, never cached or sniffed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { Unauthorized } from '../../errors.js';
import { downloadReport, type DownloadQuery } from './download.js';
import { contentDisposition } from './render.js';

export async function sendReport(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, roundIds: string[], query: DownloadQuery) {
  const user = request.user;
  if (!user) throw new Unauthorized();
  const out = await downloadReport(ctx, user, roundIds, query, request.locale);
  request.log.info({ event: 'report_downloaded', user_id: user.id, format: query.format, rounds: roundIds.length }, 'report downloaded');
  return reply
    .header('content-disposition', contentDisposition(out.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .type(out.type)
    .send(out.body);
}
