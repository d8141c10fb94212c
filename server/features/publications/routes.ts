// Publications: the API (api.ts) and the facilitators' and readers' pages (pages.ts, logo-pages.ts).
import type { FastifyInstance } from 'fastify';
import api from './api.js';

export default async function publicationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
}
