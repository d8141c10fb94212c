// Sign-in, sign-out, first-run set-up and invitations (pages), and API tokens.
import type { FastifyInstance } from 'fastify';
import pages from './pages.js';
import invitations from './invitation-pages.js';
import api from './api.js';

export default async function accountRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(invitations);
  await app.register(api);
}
