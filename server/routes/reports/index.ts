// Routes for reports: registered in app.ts; filled in by the reports work.
import type { FastifyInstance } from 'fastify';

export default async function reportsRoutes(_app: FastifyInstance): Promise<void> {}
