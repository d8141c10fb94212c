// The home page: what to do next, for whoever is looking.
import type { FastifyInstance } from 'fastify';
import { needsSetup } from '../../services/accounts.js';

export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const setup = !request.user && (await needsSetup(app.db));
    return reply.page('pages/home', { title: request.t('home.title'), setup });
  });
}
