// Routes for themes: registered in app.ts; filled in by the themes work.
import type { FastifyInstance } from 'fastify';

export default async function themesRoutes(_app: FastifyInstance): Promise<void> {}
