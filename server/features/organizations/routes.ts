// Organisations: pages (/organizations) and the API (/api/v1/organizations).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function organizationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(api);
}
