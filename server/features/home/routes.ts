// The home page: a welcome, the first-run hint, and each feature's panel for the person signed in.
import type { FastifyInstance } from 'fastify';
import { needsSetup } from '../accounts/index.js';
import { homePanels } from './panels.js';

export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    // A guest's home is its group.
    if (request.user?.guest) return reply.redirect(`/groups/${request.user.guest.groupId}`, 303);
    const setup = !request.user && (await needsSetup(app.db));
    const panels = request.user ? await homePanels(app.ctx, request.user) : [];
    return reply.page('pages/home', { title: request.t('home.title'), setup, panels });
  });
}
