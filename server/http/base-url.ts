// Where links a person is handed should point: PUBLIC_URL only (see lib/public-url.ts), never the request's Host header.
import type { FastifyRequest } from 'fastify';
import { publicBase } from '../lib/public-url.js';

/** PUBLIC_URL without a trailing slash, or '' when it is not set: the link is then a path on this server. */
export function baseUrlOf(request: FastifyRequest): string {
  return publicBase(request.server.config);
}
