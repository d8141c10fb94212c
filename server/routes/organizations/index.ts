// Routes for organizations: registered in app.ts; filled in by the organizations work.
import type { FastifyInstance } from 'fastify';

export default async function organizationsRoutes(_app: FastifyInstance): Promise<void> {}
