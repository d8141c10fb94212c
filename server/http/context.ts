// The AppContext hung off the app (app.ts builds it), and the same context for one request: its log line carries the
// request id, so what a service logs for a request can be found beside the request's own lines.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What services receive: never the app itself. */
    ctx: AppContext;
  }
}

/** The app's context with this request's logger. */
export function requestContext(request: FastifyRequest): AppContext {
  return { ...request.server.ctx, log: request.log };
}
