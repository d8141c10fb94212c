// Routes for operations: registered in app.ts; filled in by the operations work.
import type { FastifyInstance } from 'fastify';

export default async function operationsRoutes(_app: FastifyInstance): Promise<void> {}
