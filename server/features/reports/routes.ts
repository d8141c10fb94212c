// Reports: downloads through the API (api.ts) and the pages (pages.ts).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function reportsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(pages);
}
