// Routes for users: registered in app.ts; filled in by the users work.
import type { FastifyInstance } from 'fastify';

export default async function usersRoutes(_app: FastifyInstance): Promise<void> {}
