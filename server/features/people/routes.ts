// People: admin pages (/users) and the API (/api/v1/users).
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import pages from './pages.js';

export default async function usersRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(api);
}
