// Routes for rounds: registered in app.ts; filled in by the rounds work.
import type { FastifyInstance } from 'fastify';

export default async function roundsRoutes(_app: FastifyInstance): Promise<void> {}
