// The live vote count of a group page: server-sent events that read the database, for the group's members and facilitators.
import type { FastifyInstance } from 'fastify';
import { pageParams } from '../../http/forms.js';
import { liveCount, openLiveCount } from './ballots.js';

const LIVE_POLL_MS = 2000;
const LIVE_LIFETIME_MS = 10 * 60_000;

export default async function livePages(app: FastifyInstance): Promise<void> {
  // Open streams end when the app closes, so a shutdown never waits for their lifetime to run out; the close also waits
  // for a count being read, so the database is never closed under a running query.
  const streams = new Set<() => Promise<void>>();
  app.addHook('preClose', async () => {
    await Promise.all([...streams].map((stop) => stop()));
  });

  /**
   * It polls the database (several app instances may share it; there is no in-memory bus), stops when the browser
   * leaves, and ends after a bounded lifetime (the browser reconnects).
   */
  app.get('/groups/:id/live', { config: { access: 'signed-in', guests: 'own-group' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await openLiveCount(app.ctx, request.user!, id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const until = Date.now() + LIVE_LIFETIME_MS;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    let last = '';
    let reading: Promise<void> = Promise.resolve();
    const stop = async () => {
      closed = true;
      streams.delete(stop);
      if (timer) clearTimeout(timer);
      if (!res.writableEnded) res.end();
      await reading;
    };
    const tick = async () => {
      if (closed) return;
      if (Date.now() > until) return void stop();
      try {
        const count = await liveCount(app.ctx, id);
        if (closed) return;
        if (!count) return void stop();
        const payload = JSON.stringify({ ...count, text: request.t('groups.page.voted', { voted: count.voted, members: count.members }) });
        res.write(payload === last ? ': still here\n\n' : `data: ${payload}\n\n`);
        last = payload;
      } catch (err) {
        request.log.warn({ err }, 'live vote count stopped');
        return void stop();
      }
      timer = setTimeout(() => (reading = tick()), LIVE_POLL_MS);
    };
    streams.add(stop);
    request.raw.on('close', () => void stop());
    res.write('retry: 5000\n\n');
    reading = tick();
    await reading;
  });
}
