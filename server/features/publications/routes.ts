// Publications: the API (api.ts) and the readers' page downloads (pages.ts).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function publicationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(pages);
}
