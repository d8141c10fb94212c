// The profile: name, language, password and two-step sign-in for the person signed in.
import type { FastifyInstance } from 'fastify';
import mfa from './mfa-pages.js';
import pages from './pages.js';

export default async function profileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pages);
  await app.register(mfa);
}
