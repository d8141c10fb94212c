// The authorisation matrix of every stories route: role × own/foreign story, with the exact status each must answer.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/features/accounts/repository.js';
import { toCurrentUser } from '../../../server/access/current-user.js';
import { createStory } from '../../../server/features/stories/service.js';
import { storeImport } from '../../../server/features/stories/story-import.js';
import { buildTestApp } from '../../helpers/app.js';
import { addStoriesToRound, makeRound, makeTheme, makeUser, PageClient, tokenFor } from '../../helpers/factories.js';

type Caller = 'none' | 'admin' | 'facilitator' | 'storyteller' | 'observer' | 'author';
const CALLERS: Caller[] = ['none', 'admin', 'facilitator', 'storyteller', 'observer', 'author'];

let app: FastifyInstance;
const tokens = new Map<Caller, string | null>();
const clients = new Map<Caller, PageClient>();
const users = new Map<Caller, Awaited<ReturnType<typeof makeUser>>>();
let themeId: string;

beforeAll(async () => {
  app = await buildTestApp();
  for (const caller of CALLERS) {
    const client = new PageClient(app);
    clients.set(caller, client);
    if (caller === 'none') {
      tokens.set(caller, null);
      continue;
    }
    const role: Role = caller === 'author' ? 'storyteller' : caller;
    const user = await makeUser(app, { role });
    users.set(caller, user);
    tokens.set(caller, await tokenFor(app, user));
    await client.signIn(user.email);
  }
  themeId = await makeTheme(app.db, { name: 'Netwerk' });
});
afterAll(async () => {
  await app?.close();
});

const story = {
  title: 'Matrix',
  story: 'Een verhaal.',
  significance: 'Daarom.',
  anonymous: false,
  consent_report: true,
  consent_quote: true,
};
const formFields = { anonymous: 'no', title: 'Matrix', story: 'Een verhaal.', significance: 'Daarom.', action: 'draft' };

/** A fresh draft and a fresh submitted story by the author, and a fresh upload of the facilitator. */
async function fixtures() {
  const author = toCurrentUser(users.get('author')!);
  const draft = (await createStory(app.ctx, author, { ...story, submit: false })).story.id;
  const submitted = (await createStory(app.ctx, author, { ...story, submit: true })).story.id;
  const upload = await storeImport(app.db, users.get('facilitator')!.id, 'a.csv', ['title', 'story', 'significance'], [['t', 's', 'w']]);
  return { draft, submitted, upload };
}

type Fixtures = Awaited<ReturnType<typeof fixtures>>;
interface Row {
  name: string;
  call: (caller: Caller, f: Fixtures) => Promise<{ statusCode: number }>;
  expect: Record<Caller, number>;
}

const apiCall = (method: 'get' | 'post' | 'patch' | 'put', url: string, body?: unknown) => (caller: Caller) => {
  const token = tokens.get(caller);
  return app.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: body as object,
  });
};
const pageGet = (url: string) => (caller: Caller) => clients.get(caller)!.get(url);
const pagePost =
  (url: string, fields: Record<string, string | string[]> = {}) =>
  (caller: Caller) =>
    clients.get(caller)!.post(url, fields);

const all = (status: number, over: Partial<Record<Caller, number>> = {}): Record<Caller, number> => ({
  none: 401,
  admin: status,
  facilitator: status,
  storyteller: status,
  observer: status,
  author: status,
  ...over,
});

const ROWS: Row[] = [
  {
    name: 'POST /api/v1/stories',
    call: (c) => apiCall('post', '/api/v1/stories', story)(c),
    expect: all(201, { admin: 403, observer: 403 }),
  },
  { name: 'GET /api/v1/stories', call: (c) => apiCall('get', '/api/v1/stories')(c), expect: all(200) },
  { name: 'GET /api/v1/stories/export', call: (c) => apiCall('get', '/api/v1/stories/export?format=json')(c), expect: all(200) },
  {
    name: 'GET /api/v1/stories/:id (draft)',
    call: (c, f) => apiCall('get', `/api/v1/stories/${f.draft}`)(c),
    expect: all(404, { author: 200 }),
  },
  { name: 'GET /api/v1/stories/:id (submitted)', call: (c, f) => apiCall('get', `/api/v1/stories/${f.submitted}`)(c), expect: all(200) },
  {
    name: 'PATCH /api/v1/stories/:id (draft)',
    call: (c, f) => apiCall('patch', `/api/v1/stories/${f.draft}`, { title: 'x' })(c),
    expect: all(404, { author: 200 }),
  },
  {
    name: 'PATCH /api/v1/stories/:id (submitted)',
    call: (c, f) => apiCall('patch', `/api/v1/stories/${f.submitted}`, { title: 'x' })(c),
    expect: all(403, { author: 200 }),
  },
  {
    name: 'PATCH /api/v1/stories/:id themes only (submitted)',
    call: (c, f) => apiCall('patch', `/api/v1/stories/${f.submitted}`, { theme_ids: [themeId] })(c),
    expect: all(403, { author: 200, facilitator: 200 }),
  },
  {
    name: 'PUT /api/v1/stories/:id/themes (draft)',
    call: (c, f) => apiCall('put', `/api/v1/stories/${f.draft}/themes`, { theme_ids: [themeId] })(c),
    expect: all(404, { author: 200 }),
  },
  {
    name: 'PUT /api/v1/stories/:id/themes (submitted)',
    call: (c, f) => apiCall('put', `/api/v1/stories/${f.submitted}/themes`, { theme_ids: [themeId] })(c),
    expect: all(403, { author: 200, facilitator: 200 }),
  },
  {
    name: 'GET /api/v1/stories/:id/versions (draft)',
    call: (c, f) => apiCall('get', `/api/v1/stories/${f.draft}/versions`)(c),
    expect: all(404, { author: 200 }),
  },
  {
    name: 'GET /api/v1/stories/:id/versions (submitted)',
    call: (c, f) => apiCall('get', `/api/v1/stories/${f.submitted}/versions`)(c),
    expect: all(403, { author: 200, facilitator: 200 }),
  },

  { name: 'GET /stories', call: (c) => pageGet('/stories')(c), expect: all(200, { none: 303 }) },
  { name: 'GET /stories/export.csv', call: (c) => pageGet('/stories/export.csv')(c), expect: all(200, { none: 303 }) },
  { name: 'GET /stories/export.json', call: (c) => pageGet('/stories/export.json')(c), expect: all(200, { none: 303 }) },
  { name: 'GET /stories/new', call: (c) => pageGet('/stories/new')(c), expect: all(200, { none: 303, admin: 403, observer: 403 }) },
  { name: 'POST /stories', call: (c) => pagePost('/stories', formFields)(c), expect: all(303, { admin: 403, observer: 403 }) },
  { name: 'GET /stories/:id (draft)', call: (c, f) => pageGet(`/stories/${f.draft}`)(c), expect: all(404, { none: 303, author: 200 }) },
  { name: 'GET /stories/:id (submitted)', call: (c, f) => pageGet(`/stories/${f.submitted}`)(c), expect: all(200, { none: 303 }) },
  {
    name: 'GET /stories/:id/edit (draft)',
    call: (c, f) => pageGet(`/stories/${f.draft}/edit`)(c),
    expect: all(404, { none: 303, author: 200 }),
  },
  {
    name: 'GET /stories/:id/edit (submitted)',
    call: (c, f) => pageGet(`/stories/${f.submitted}/edit`)(c),
    expect: all(403, { none: 303, author: 200 }),
  },
  {
    name: 'POST /stories/:id/edit (draft)',
    call: (c, f) => pagePost(`/stories/${f.draft}/edit`, formFields)(c),
    expect: all(404, { author: 303 }),
  },
  {
    name: 'POST /stories/:id/edit (submitted)',
    call: (c, f) => pagePost(`/stories/${f.submitted}/edit`, { ...formFields, action: 'save' })(c),
    expect: all(403, { author: 303 }),
  },
  {
    name: 'GET /stories/:id/submit (draft)',
    call: (c, f) => pageGet(`/stories/${f.draft}/submit`)(c),
    expect: all(404, { none: 303, author: 200 }),
  },
  {
    name: 'POST /stories/:id/submit (draft)',
    call: (c, f) => pagePost(`/stories/${f.draft}/submit`)(c),
    expect: all(404, { author: 303 }),
  },
  {
    name: 'POST /stories/:id/themes (draft)',
    call: (c, f) => pagePost(`/stories/${f.draft}/themes`, { theme_ids: themeId })(c),
    expect: all(404, { author: 303 }),
  },
  {
    name: 'POST /stories/:id/themes (submitted)',
    call: (c, f) => pagePost(`/stories/${f.submitted}/themes`, { theme_ids: themeId })(c),
    expect: all(403, { author: 303, facilitator: 303 }),
  },
  {
    name: 'GET /stories/:id/history (draft)',
    call: (c, f) => pageGet(`/stories/${f.draft}/history`)(c),
    expect: all(404, { none: 303, author: 200 }),
  },
  {
    name: 'GET /stories/:id/history (submitted)',
    call: (c, f) => pageGet(`/stories/${f.submitted}/history`)(c),
    expect: all(403, { none: 303, author: 200, facilitator: 200 }),
  },

  { name: 'GET /stories/import', call: (c) => pageGet('/stories/import')(c), expect: all(403, { none: 303, facilitator: 200 }) },
  {
    name: 'GET /stories/import/:id (own upload)',
    call: (c, f) => pageGet(`/stories/import/${f.upload}`)(c),
    expect: all(403, { none: 303, facilitator: 200 }),
  },
  {
    name: 'POST /stories/import/:id (own upload)',
    call: (c, f) => pagePost(`/stories/import/${f.upload}`, { map_title: '0', map_story: '1', map_significance: '2' })(c),
    expect: all(403, { facilitator: 303 }),
  },
  {
    name: 'GET /stories/import/:id/preview',
    call: (c, f) => pageGet(`/stories/import/${f.upload}/preview`)(c),
    expect: all(403, { none: 303, facilitator: 303 }),
  },
  {
    name: 'POST /stories/import/:id/run',
    call: (c, f) => pagePost(`/stories/import/${f.upload}/run`)(c),
    expect: all(403, { facilitator: 303 }),
  },
];

describe('stories authorisation matrix', () => {
  it.each(ROWS)('$name', async (row) => {
    const f = await fixtures();
    const got: Record<string, number> = {};
    // The author goes last: their call may change the story (submit, edit).
    for (const caller of CALLERS) got[caller] = (await row.call(caller, f)).statusCode;
    expect(got).toEqual(row.expect);
  });

  it('keeps one facilitator out of another facilitator’s upload (404)', async () => {
    const other = await makeUser(app, { role: 'facilitator' });
    const upload = await storeImport(app.db, other.id, 'b.csv', ['a'], [['b']]);
    expect((await clients.get('facilitator')!.get(`/stories/import/${upload}`)).statusCode).toBe(404);
    expect((await clients.get('facilitator')!.post(`/stories/import/${upload}/run`)).statusCode).toBe(404);
  });

  it('answers 409 on every edit route once a round locks the story', async () => {
    const f = await fixtures();
    const roundId = await makeRound(app.db, { title: 'R', phase: 'voting' });
    await addStoriesToRound(app.db, roundId, [f.draft, f.submitted]);
    const author = clients.get('author')!;
    expect((await apiCall('patch', `/api/v1/stories/${f.submitted}`, { title: 'x' })('author')).statusCode).toBe(409);
    expect((await author.get(`/stories/${f.submitted}/edit`)).statusCode).toBe(409);
    expect((await author.post(`/stories/${f.submitted}/edit`, formFields)).statusCode).toBe(409);
    expect((await author.get(`/stories/${f.draft}/submit`)).statusCode).toBe(409);
    expect((await author.post(`/stories/${f.draft}/submit`)).statusCode).toBe(409);
    expect((await author.post(`/stories/${f.submitted}/themes`, { theme_ids: themeId })).statusCode).toBe(409);
    expect((await clients.get('facilitator')!.post(`/stories/${f.submitted}/themes`, { theme_ids: themeId })).statusCode).toBe(303);
  });
});
