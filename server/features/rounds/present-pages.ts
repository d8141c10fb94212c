// The projector view: /rounds/:id/present (the round, or one group with ?group=) and /groups/:id/present, for facilitators.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { baseUrlOf } from '../../http/base-url.js';
import { pageParams } from '../../http/forms.js';
import { joinPanel } from '../join/index.js';
import { findVisibleGroup } from './groups.js';
import { presentModel } from './present-view.js';
import { presentation } from './presentation.js';

/** A hand-made address that does not parse shows the first slide of the whole round rather than an error. */
const presentQuery = z.object({
  group: z.string().max(100).optional().catch(undefined),
  slide: z.coerce.number().int().optional().catch(undefined),
});

export default async function presentPages(app: FastifyInstance): Promise<void> {
  app.get('/rounds/:id/present', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const query = presentQuery.parse(request.query ?? {});
    const shown = await presentation(app.ctx, request.user!, id, query.group ? query.group : null);
    // One group on the screen: its live join code and QR while the round takes guests.
    const panel = shown.group ? await joinPanel(app.ctx, request.user!, shown.group, shown.round, baseUrlOf(request)) : null;
    const join = panel?.live ? { code: panel.live.spaced, url: panel.live.join_url, qr: panel.live.qr } : null;
    reply.header('cache-control', 'no-store');
    return reply.page('pages/rounds/present', { ...presentModel(request, shown, query.slide ?? 1), join }, 200, 'present');
  });

  app.get('/groups/:id/present', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const { group } = await findVisibleGroup(app.ctx, request.user!, id);
    const slide = presentQuery.parse(request.query ?? {}).slide;
    return reply.redirect(`/rounds/${group.round_id}/present?group=${encodeURIComponent(group.id)}&slide=${slide ?? 1}`, 303);
  });
}
