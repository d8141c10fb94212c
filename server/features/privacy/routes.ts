// Privacy and operations: data download and erasure (API and pages), the administrator's operations page, and the
// retention timer, which stops when the app closes.
import type { FastifyInstance } from 'fastify';
import { scheduleRetention } from './retention.js';
import api from './api.js';
import pages from './pages.js';

export default async function privacyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(pages);
  const stop = scheduleRetention(app.ctx);
  app.addHook('onClose', async () => stop());
}
