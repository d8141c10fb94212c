// The leak test: as every role, every page reachable by links from home, every GET route of the OpenAPI document with real
// ids and every report format (DOCX unzipped, PDF through pdftotext) are searched for the anonymous author's name, e-mail address and user id.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrganization } from '../../../server/features/organizations/repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient } from '../../helpers/factories.js';
import { makeStory } from '../../helpers/stories.js';
import { reportText } from '../reports/report-text.js';

const NAME = 'Wannes Onzichtbaar';
const EMAIL = 'wannes.onzichtbaar@example.org';
let app: FastifyInstance;
let ids: { story: string; round: string; group: string; user: string; organization: string };
type Person = Awaited<ReturnType<typeof apiUser>>;
let people: Record<'admin' | 'facilitator' | 'storyteller' | 'observer' | 'member' | 'author', Person>;

/** The data must be as described, or the search below proves nothing. */
function must(status: number, expected: number, what: string): void {
  if (status !== expected) throw new Error(`${what}: ${status}`);
}

beforeAll(async () => {
  app = await buildTestApp();
  const org = (await insertOrganization(app.db, { name: 'OCMW Eenling', project: null, region: null, starts_on: null, ends_on: null })).id;
  people = {
    admin: await apiUser(app, 'admin'),
    facilitator: await apiUser(app, 'facilitator'),
    storyteller: await apiUser(app, 'storyteller'),
    observer: await apiUser(app, 'observer'),
    member: await apiUser(app, 'storyteller'),
    author: await apiUser(app, 'storyteller', { name: NAME, email: EMAIL, organization_id: org }),
  };
  const f = api(app, people.facilitator.token);
  const a = api(app, people.author.token);
  // The anonymous story: role and organisation given, a family's details flagged and then removed, after submission.
  const story = (
    await a.post('/api/v1/stories', {
      title: 'Een verhaal zonder naam',
      story: 'Mevrouw Peeters belde op 0475 12 34 56.',
      significance: 'Omdat het telde.',
      anonymous: true,
      role: 'brugfiguur',
      organization_id: org,
      submit: true,
    })
  ).json();
  await a.patch(`/api/v1/stories/${story.id}`, { story: 'Een moeder belde.' });
  const named = await makeStory(app, { author_id: people.member.user.id, author_name: people.member.user.name });
  const round = (await f.post('/api/v1/rounds', { title: 'Leak round', voting_method: 'plurality' })).json();
  await f.post(`/api/v1/rounds/${round.id}/stories`, { story_ids: [story.id, named.id] });
  // Automatic groups over the named author and the anonymous author, who must be in the room to comment.
  const groups = await f.post(`/api/v1/rounds/${round.id}/groups`, {
    auto: { size: 2, member_ids: [people.member.user.id, people.author.user.id] },
  });
  must(groups.statusCode, 201, 'automatic groups');
  const group = groups.json().items[0];
  await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'discussing' });
  must((await a.post(`/api/v1/stories/${story.id}/comments`, { body: 'Ik was er zelf bij.' })).statusCode, 201, 'comment');
  await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'voting' });
  await api(app, people.member.token).put(`/api/v1/groups/${group.id}/ballot`, { story_id: story.id });
  const selection = await f.post(`/api/v1/groups/${group.id}/selection`, { story_id: story.id, reasons: 'Het toont vertrouwen.' });
  must(selection.statusCode, 201, 'selection');
  await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'closed' });
  must((await f.post(`/api/v1/rounds/${round.id}/publish`)).statusCode, 200, 'publish');
  ids = { story: story.id, round: round.id, group: group.id, user: people.author.user.id, organization: org };
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** The author's name, e-mail address or user id in a text, with the place it was found. */
function leaks(body: string): string[] {
  const found = [NAME, 'Wannes', 'Onzichtbaar', EMAIL, ids.user, 'brugfiguur', 'Peeters', '0475 12 34 56', '0475123456'].filter((s) =>
    body.includes(s),
  );
  return found;
}

/**
 * Where a person is rightly named as a person, next to no story: people management (which must then not show the
 * anonymous story) and a group's member list (being in the room names nobody's story).
 */
function withoutPeopleLists(url: string, body: string): string {
  if (/^\/(people|operations|users|api\/v1\/users)/.test(url))
    return body.includes('Een verhaal zonder naam') ? `${NAME} with the story` : '';
  return body.replace(/<details class="members">[\s\S]*?<\/details>/g, '').replace(/"member_ids":\[[^\]]*\]/g, '');
}

/** Pages reachable by links from home, bounded; sign-out and forms are not followed. */
async function crawl(client: PageClient, limit = 120): Promise<Array<{ url: string; body: string }>> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const pages = [];
  while (queue.length && pages.length < limit) {
    const url = queue.shift()!;
    const res = await client.get(url);
    expect(res.statusCode, url).toBeLessThan(500);
    pages.push({ url, body: res.body });
    if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
    for (const m of res.body.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const href = m[1]!.replaceAll('&amp;', '&');
      if (seen.has(href) || href.startsWith('/public/') || href.startsWith('/sign-out') || href.includes('/present')) continue;
      seen.add(href);
      queue.push(href);
    }
  }
  return pages;
}

/** Every GET route of the OpenAPI document, with the test data's ids in its path. */
async function apiGets(): Promise<string[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const fill = (path: string) =>
    path
      .replace(/^(\/api\/v1\/stories)\/\{id\}/, `$1/${ids.story}`)
      .replace(/^(\/api\/v1\/rounds)\/\{id\}/, `$1/${ids.round}`)
      .replace(/^(\/api\/v1\/groups)\/\{id\}/, `$1/${ids.group}`)
      .replace(/^(\/api\/v1\/users)\/\{id\}/, `$1/${ids.user}`)
      .replace(/^(\/api\/v1\/organizations)\/\{id\}/, `$1/${ids.organization}`);
  return Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([path]) => fill(path))
    .filter((path) => !path.includes('{') && !path.endsWith('/live'));
}

const REPORT_FORMATS = ['html', 'md', 'json', 'csv', 'docx', 'pdf'];

describe('an anonymous author is named nowhere but in their own views', () => {
  for (const role of ['admin', 'facilitator', 'storyteller', 'observer', 'member'] as const) {
    it(`as ${role}: every linked page, every API GET and every report format`, async () => {
      const who = people[role];
      const client = new PageClient(app);
      await client.signIn(who.user.email);
      const found: string[] = [];
      for (const page of await crawl(client)) {
        const hits = leaks(withoutPeopleLists(page.url, page.body));
        if (hits.length) found.push(`${page.url}: ${hits.join(', ')}`);
      }
      for (const url of await apiGets()) {
        const res = await api(app, who.token).get(url);
        expect(res.statusCode, url).toBeLessThan(500);
        const hits = leaks(withoutPeopleLists(url, res.body));
        if (hits.length) found.push(`API ${url}: ${hits.join(', ')}`);
      }
      for (const format of REPORT_FORMATS) {
        const res = await api(app, who.token).get(`/api/v1/rounds/${ids.round}/report?format=${format}`);
        expect(res.statusCode, format).toBe(200);
        // DOCX unzipped, PDF through pdftotext (reports/report-text.ts).
        const hits = leaks(await reportText(format, res.rawPayload));
        if (hits.length) found.push(`report ${format}: ${hits.join(', ')}`);
      }
      expect(found).toEqual([]);
    }, 120_000);
  }

  it('shows the author their own name, role and comment', async () => {
    const client = new PageClient(app);
    await client.signIn(EMAIL);
    const page = await client.get(`/stories/${ids.story}`);
    expect(page.body).toContain(NAME);
    expect(page.body).toContain('brugfiguur');
    expect((await client.get(`/groups/${ids.group}`)).body).toContain(`${NAME} · `);
  });
});
