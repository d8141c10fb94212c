// Routes for stories: registered in app.ts; filled in by the stories work.
import type { FastifyInstance } from 'fastify';

export default async function storiesRoutes(_app: FastifyInstance): Promise<void> {}
