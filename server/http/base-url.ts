// Where links a person is handed should point: PUBLIC_URL when it is set, otherwise the address this request came in on.
import type { FastifyRequest } from 'fastify';

/** PUBLIC_URL (without a trailing slash) when set, else the scheme and host of the request. */
export function baseUrlOf(request: FastifyRequest): string {
  return (request.server.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
