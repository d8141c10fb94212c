// Sign-in, sign-out, first-run set-up (pages) and API tokens and people (API).
import type { FastifyInstance } from 'fastify';
import pages from './pages.js';
import api from './api.js';

export default async function accountRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(api);
}
