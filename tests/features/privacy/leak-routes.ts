// Every GET route the app serves (its router's own list, and the OpenAPI document), with every path parameter filled
// with real ids of the leak world; a parameter nobody knows how to fill is reported, never silently skipped.
import type { FastifyInstance } from 'fastify';
import type { LeakWorld } from './leak-world.js';

/** The GET routes of the router, as `/a/:b/c` paths (printRoutes is the one public list of them). */
export function routerGets(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[└├]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth === 0 ? '' : stack[depth - 1]!) + m[2]!;
    stack.length = depth;
    stack.push(path);
    if ((m[3] ?? '').split(', ').includes('GET')) out.push(path);
  }
  return out;
}

/** The GET paths of the OpenAPI document, in the router's `:param` spelling. */
export async function openApiGets(app: FastifyInstance): Promise<string[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, object> };
  return Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1'));
}

/**
 * GET routes not visited, each with the reason; any other route the walk cannot fill fails the test, so a route added
 * later is walked or explained here.
 */
export const NOT_VISITED: Record<string, string> = {
  '/*': 'the not-found page for every other address',
  '/groups/:id/live': 'an event stream of vote counts (numbers only, no names) that stays open; tests/features/rounds cover it',
  '/invitations/:token': "a secret link for one invited person (the token is never stored in clear); nobody else's view",
  '/stories/import/:id': 'an upload in progress, readable only by the facilitator who uploaded it; none in this world',
  '/stories/import/:id/preview': 'an upload in progress, readable only by the facilitator who uploaded it; none in this world',
};

/** Query strings a route needs to answer at all. */
function query(path: string, w: LeakWorld): string {
  if (path === '/reports/network') return `?round_ids=${w.ids.rounds[0]}`;
  if (path === '/themes/:id/quote') return `?story_id=${w.ids.stories[0]}`;
  return '';
}

/** The ids to put in for a parameter, known by the path segment before it. */
function candidates(w: LeakWorld, segment: string, param: string): string[] | undefined {
  const people = [w.ids.user, w.people.member.user.id];
  const table: Record<string, string[]> = {
    'stories/:id': w.ids.stories,
    'rounds/:id': w.ids.rounds,
    'groups/:id': w.ids.groups,
    'themes/:id': [w.ids.theme],
    'quotes/:quoteId': [w.ids.quote],
    'sources/:id': [w.ids.source],
    'elements/:id': w.ids.elements,
    'elements/:elementId': w.ids.elements,
    'publications/:id': [w.ids.publication],
    'organizations/:id': [w.ids.org],
    'users/:id': people,
    'people/:id': people,
    'participants/:userId': people,
    'join/:code': [w.ids.code],
    'join-codes/:code': [w.ids.code],
    'history/:version': ['1', '2'],
    'versions/:version': ['1', '2'],
    'reports/:id': w.ids.rounds,
  };
  return table[`${segment}/:${param}`];
}

/** Every address of a route with its parameters filled (each combination), or null when a parameter is unknown. */
export function fill(path: string, w: LeakWorld): string[] | null {
  let urls = [''];
  const parts = path.split('/').slice(1);
  for (const [i, part] of parts.entries()) {
    if (!part.startsWith(':')) {
      urls = urls.map((u) => `${u}/${part}`);
      continue;
    }
    const ids = candidates(w, parts[i - 1] ?? '', part.slice(1));
    if (!ids) return null;
    urls = urls.flatMap((u) => ids.map((id) => `${u}/${id}`));
  }
  return urls.map((u) => (u || '/') + query(path, w));
}
