// The home page: a welcome, the first-run hint, and each feature's panel for the person signed in.
import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../access/current-user.js';
import { needsSetup } from '../accounts/index.js';
import { homePanels, type HomePanel } from './panels.js';

/**
 * TEMPORARY: stories and rounds still register their panel here from their routes.ts; once their index.ts exports it,
 * panels.ts imports it and this registry goes. Module-level, so building several apps in one process adds each once.
 */
type RegisteredPanel = (app: FastifyInstance, user: CurrentUser) => Promise<HomePanel | null>;
const registered: RegisteredPanel[] = [];
export function addHomePanel(source: RegisteredPanel): void {
  if (!registered.includes(source)) registered.push(source);
}

export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const setup = !request.user && (await needsSetup(app.db));
    const user = request.user;
    const panels = user
      ? [
          ...(await Promise.all(registered.map((source) => source(app, user)))).filter((p) => p !== null),
          ...(await homePanels(app.ctx, user)),
        ]
      : [];
    return reply.page('pages/home', { title: request.t('home.title'), setup, panels });
  });
}
