// Publications: the API (api.ts), the list of publications (list-pages.ts) and a publication's own page (pages.ts).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import listPages from './list-pages.js';
import pages from './pages.js';

export default async function publicationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(listPages);
  await app.register(pages);
}
