// Sources: the pages (/sources, with the import upload) and the API (/api/v1/sources).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function sourcesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(api);
}
