// Routes for profile: registered in app.ts; filled in by the profile work.
import type { FastifyInstance } from 'fastify';

export default async function profileRoutes(_app: FastifyInstance): Promise<void> {}
