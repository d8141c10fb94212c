// Themes: the API (api.ts) and the facilitators' pages (pages.ts, clustering.ts).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import clusteringApi from './clustering-api.js';
import clustering from './clustering-pages.js';
import pages from './pages.js';

export default async function themesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(clusteringApi);
  await app.register(pages);
  await app.register(clustering);
}
