// Throttled forms: the per-IP limit is counted once the form is read, and a refusal shows the same form again with
// what was typed and how long to wait (429), instead of a bare error page.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequests } from '../../errors.js';

/** Route config for a rate-limited form: counted in preHandler, after CSRF and body parsing. */
export const FORM_RATE_LIMIT = { hook: 'preHandler' as const };

/** A friendly wait in minutes (at least one). */
export function waitMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export type ThrottledRender = (request: FastifyRequest, reply: FastifyReply, message: string) => Promise<FastifyReply> | FastifyReply;

/** A route error handler: a 429 re-renders the form with the wait; anything else goes to the app's own handler. */
export function throttledFormHandler(app: FastifyInstance, render: ThrottledRender) {
  return function handler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (!(error instanceof TooManyRequests)) return app.errorHandler(error, request, reply);
    request.log.warn({ event: 'form_throttled', route: request.routeOptions.url }, 'too many attempts from one address');
    reply.code(429).header('retry-after', String(error.retryAfterSeconds));
    return render(request, reply, request.t('accounts.throttled_ip', { count: waitMinutes(error.retryAfterSeconds) }));
  };
}
