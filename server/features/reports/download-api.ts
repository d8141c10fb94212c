// Answers a report download for the API and the pages alike: the file as an attachment, never cached or sniffed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { Unauthorized } from '../../errors.js';
import { downloadReport, type DownloadQuery } from './download.js';
import { contentDisposition, type RenderedReport } from './render.js';

export async function sendReport(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, roundIds: string[], query: DownloadQuery) {
  const user = request.user;
  if (!user) throw new Unauthorized();
  const out = await downloadReport(ctx, user, roundIds, query, request.locale);
  request.log.info({ event: 'report_downloaded', user_id: user.id, format: query.format, rounds: roundIds.length }, 'report downloaded');
  return sendRendered(reply, out);
}

/**
 * A rendered report as the answer: an attachment, never cached or sniffed. `inline` shows an HTML report in the browser
 * (a facilitator's live preview, framed in the page it previews) under a policy that lets it do nothing but show
 * itself: no script, no request out, framed by this site's own pages only.
 */
export function sendRendered(reply: FastifyReply, out: RenderedReport, opts: { inline?: boolean } = {}) {
  if (opts.inline) {
    reply
      .header('content-disposition', 'inline')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox",
      );
  } else reply.header('content-disposition', contentDisposition(out.fileName));
  return reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').type(out.type).send(out.body);
}
