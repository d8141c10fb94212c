// Joining a group with a code: the API and the pages.
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function joinRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(pages);
}
