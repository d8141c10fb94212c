// Operations: data download and erasure (API and pages), the administrator's operations page, and the retention timer.
import type { FastifyInstance } from 'fastify';
import { addHomePanel } from '../home/index.js';
import { scheduleRetention } from './retention.js';
import api from './api.js';
import pages from './pages.js';

/** Module-level, so building several apps in one process adds the panel once. */
const privacyPanel: Parameters<typeof addHomePanel>[0] = async (_app, user) => ({
  partial: 'operations-panel',
  model: { admin: user.role === 'admin' },
});

export default async function operationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(pages);
  // Everyone finds their data on the home page; administrators also find the operations page there.
  addHomePanel(privacyPanel);
  scheduleRetention(app);
}
