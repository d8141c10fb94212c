// One depth and size guard for every JSON body: a body nested thousands of levels deep (or holding too many values) is a
// 400 problem+json in the caller's language on every API route, before the route's schema or handler sees it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { roundScenario } from '../helpers/rounds.js';

const LEVELS = 5_000;
const nestedArrays = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;
const nestedObjects = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
/** The nesting inside a field the route knows, so a walker over that field meets it too. */
const nestedInField = `{"title":"x","story":"y","significance":"z","anonymous":false,"theme_ids":${nestedArrays}}`;
/** Flat but huge: more values than any real request holds. */
const manyValues = `{"story_ids":[${Array.from({ length: 60_000 }, () => '"x"').join(',')}]}`;

let app: FastifyInstance;
let auth: Record<string, string>;
let routes: Array<[string, string]>;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '1000000' });
  const s = await roundScenario(app, { members: 2 });
  auth = s.facilitator.auth;
  const theme = await s.f.post('/api/v1/themes', { name: 'Werk' });
  if (theme.statusCode !== 201) throw new Error(`theme: ${theme.body}`);
  routes = [
    ['POST', '/api/v1/stories'],
    ['PATCH', `/api/v1/stories/${s.stories[0]!.id}`],
    ['POST', '/api/v1/themes'],
    ['PATCH', `/api/v1/themes/${theme.json().id}`],
    ['POST', '/api/v1/rounds'],
    ['POST', `/api/v1/rounds/${s.round.id}/groups`],
    ['PUT', `/api/v1/groups/${s.group.id}/ballot`],
    ['POST', '/api/v1/tokens'],
  ];
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('deeply nested JSON bodies', () => {
  it.each([
    ['5,000 nested arrays', nestedArrays],
    ['5,000 nested objects', nestedObjects],
    ['5,000 nested arrays inside a known field', nestedInField],
    ['60,000 values in one array', manyValues],
  ])('refuses %s on every API route with a 400 problem, in English and Dutch', async (_name, payload) => {
    const answers = [];
    for (const [method, url] of routes) {
      for (const language of ['en', 'nl'] as const) {
        const res = await app.inject({
          method: method as 'POST',
          url,
          payload,
          headers: { ...auth, 'content-type': 'application/json', 'accept-language': language },
        });
        answers.push({
          route: `${method} ${url}`,
          language,
          status: res.statusCode,
          type: res.headers['content-type'],
          errors: res.json().errors,
        });
      }
    }
    const expected = routes.flatMap(([method, url]) =>
      (['en', 'nl'] as const).map((language) => ({
        route: `${method} ${url}`,
        language,
        status: 400,
        type: 'application/problem+json; charset=utf-8',
        errors: [{ path: '', message: MESSAGES[language] }],
      })),
    );
    expect(answers).toEqual(expected);
  });

  it('accepts a body nested as deep as a real one (a theme with challenges four levels deep)', async () => {
    const theme = await app.inject({ method: 'POST', url: '/api/v1/themes', headers: auth, payload: { name: 'Diep' } });
    const deep = { text: 'a', children: [{ text: 'b', children: [{ text: 'c', children: [{ text: 'd' }] }] }] };
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/themes/${theme.json().id}`,
      headers: auth,
      payload: { challenges: [deep] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().challenges).toEqual([deep]);
  });
});

const MESSAGES = {
  en: 'This request is nested too deeply or holds too many values',
  nl: 'Dit verzoek is te diep genest of bevat te veel waarden',
};
