// API or page: the one decision auth, CSRF, the error handler and the pages share, made from the route that matched.
import type { FastifyRequest } from 'fastify';

const API_PREFIX = '/api/';

/**
 * The path as the router reads it, for requests no route matched (a 404, a router error): ASCII escapes decoded, so
 * `/%61pi/x` is `/api/x` here as it is for the router. Never throws, whatever the address holds.
 */
function routerPath(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * True for the JSON API (bearer tokens, no CSRF, problem+json), false for pages (sessions, CSRF, HTML errors). Decided by
 * the matched route's declared path, never by the raw address, so no spelling of `/api/` changes the answer.
 */
export function isApiRequest(request: Pick<FastifyRequest, 'url'> & { routeOptions?: { url?: string } }): boolean {
  return (request.routeOptions?.url ?? routerPath(request.url)).startsWith(API_PREFIX);
}
