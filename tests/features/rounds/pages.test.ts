// The whole round through the HTML pages, without JavaScript: create, add stories, form a group, discuss, vote, select, close.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../../server/features/accounts/repository.js';
import { groupsOfRound } from '../../../server/features/rounds/groups-repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser, PageClient } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('round pages', () => {
  it('runs a round from start to close through forms', async () => {
    const fac = await pageUser(app, 'facilitator');
    const members = [await pageUser(app, 'storyteller'), await pageUser(app, 'storyteller')];
    expect((await fac.client.get('/rounds/new')).statusCode).toBe(200);
    const invalid = await fac.client.post('/rounds', { title: '', voting_method: 'ranked' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('error-summary');
    const created = await fac.client.post('/rounds', {
      title: 'Winter round',
      voting_method: 'ranked',
      hide_results: 'on',
      prompt: 'What changed?',
    });
    expect(created.statusCode).toBe(303);
    const roundUrl = created.headers.location as string;
    const roundId = roundUrl.split('/').pop()!;
    const sent = await makeStory(app, {
      author_id: members[0]!.user.id,
      author_name: members[0]!.user.name,
      round_id: roundId,
      title: 'Sent for this round',
    });
    const other = await makeStory(app, { author_id: members[1]!.user.id, author_name: members[1]!.user.name, title: 'Another story' });
    let page = await fac.client.get(roundUrl);
    expect(page.body).toContain('Sent for this round'); // proposed automatically
    expect((await fac.client.post(`${roundUrl}/stories`, { story_ids: [sent.id, other.id] })).statusCode).toBe(303);

    const form = await fac.client.get(`${roundUrl}/groups?count=1`);
    expect(form.statusCode).toBe(200);
    const saved = await fac.client.post(`${roundUrl}/groups`, {
      count: '1',
      name_0: 'Table one',
      facilitator_0: fac.user.id,
      members_0: members.map((m) => m.user.id),
      stories_0: [sent.id, other.id],
    });
    expect(saved.statusCode).toBe(303);
    const [group] = await groupsOfRound(app.db, roundId);
    const groupId = group!.id;

    expect((await fac.client.post(`${roundUrl}/phase`, { phase: 'discussing' })).statusCode).toBe(303);
    const comment = await members[0]!.client.post(`/groups/${groupId}/comments`, { story_id: other.id, body: 'This **touched** me.' });
    expect(comment.statusCode).toBe(303);
    expect((await members[1]!.client.get(`/groups/${groupId}`)).body).toContain('<strong>touched</strong>');

    // Going back needs the confirmation box.
    expect((await fac.client.post(`${roundUrl}/phase`, { phase: 'collecting' })).statusCode).toBe(422);
    expect((await fac.client.post(`${roundUrl}/phase`, { phase: 'voting' })).statusCode).toBe(303);

    const bad = await members[0]!.client.post(`/groups/${groupId}/ballot`, { [`rank_${sent.id}`]: '1', [`rank_${other.id}`]: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('different place');
    for (const m of members) {
      expect((await m.client.post(`/groups/${groupId}/ballot`, { [`rank_${other.id}`]: '1', [`rank_${sent.id}`]: '2' })).statusCode).toBe(
        303,
      );
    }
    const facPage = await fac.client.get(`/groups/${groupId}`);
    expect(facPage.body).toContain('2 of 2 members have voted');
    expect(facPage.body).toContain('Borda count');
    const memberPage = await members[0]!.client.get(`/groups/${groupId}`);
    expect(memberPage.body).not.toContain('id="results"');

    const short = await fac.client.post(`/groups/${groupId}/selection`, { story_id: other.id, reasons: 'Nice' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Nice'); // what was typed is kept
    expect((await fac.client.post(`/groups/${groupId}/selection`, { story_id: other.id, reasons: REASONS })).statusCode).toBe(303);
    expect((await fac.client.post(`${roundUrl}/phase`, { phase: 'closed', confirm: 'on' })).statusCode).toBe(303);
    expect((await fac.client.post(`${roundUrl}/publish`, {})).statusCode).toBe(303);
    page = await fac.client.get(roundUrl);
    expect(page.body).toContain(REASONS);
    expect(page.body).toContain('Published');
    const after = await members[0]!.client.get(`/groups/${groupId}`);
    expect(after.body).toContain('id="results"');
    const home = await members[0]!.client.get('/');
    expect(home.body).toContain('What the groups chose');
  });

  it('shows the pages in Dutch and guards them', async () => {
    const fac = await pageUser(app, 'facilitator', { locale: 'nl' });
    const list = await fac.client.get('/rounds');
    expect(list.body).toContain('Nieuwe bijeenkomst');
    const teller = await pageUser(app, 'storyteller');
    expect((await teller.client.get('/rounds/new')).statusCode).toBe(403);
    expect((await teller.client.get('/rounds')).body).not.toContain('/rounds/new');
    const anonymous = await app.inject('/rounds');
    expect(anonymous.statusCode).toBe(303);
    expect((await teller.client.get('/groups/nope')).statusCode).toBe(404);
  });

  it('translates every page in both languages (no catalog key shows)', async () => {
    const s = await roundScenario(app, { method: 'points', hide_results: false });
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { points: { [s.stories[0]!.id]: 2 } });
    for (const locale of ['en', 'nl'] as const) {
      const fac = await pageUser(app, 'facilitator', { locale });
      const member = new PageClient(app);
      await member.signIn(s.members[1]!.user.email);
      await updateUser(app.db, s.members[1]!.user.id, { locale });
      const pages = [
        await fac.client.get('/rounds'),
        await fac.client.get('/rounds/new'),
        await fac.client.get(`/rounds/${s.round.id}`),
        await fac.client.get(`/rounds/${s.round.id}/groups`),
        await fac.client.get(`/groups/${s.group.id}`),
        await member.get(`/groups/${s.group.id}`),
      ];
      for (const page of pages) {
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`<html lang="${locale}">`);
        expect(page.body.match(/\b(rounds|groups)\.[a-z_]+\.[a-z_.]+/g) ?? []).toEqual([]);
      }
      expect(pages[5]!.body).toContain(locale === 'nl' ? 'Verdeel 5 punten' : 'Spread 5 points');
      expect(pages[5]!.body).toContain('id="results"');
    }
  });

  it('guards every page route by role and by membership', async () => {
    const s = await roundScenario(app);
    const storyId = s.stories[0]!.id;
    const people = {
      admin: await pageUser(app, 'admin'),
      facilitator: await pageUser(app, 'facilitator'),
      member: { client: new PageClient(app) },
      outsider: await pageUser(app, 'storyteller'),
      observer: await pageUser(app, 'observer'),
    };
    await people.member.client.signIn(s.members[0]!.user.email);
    const r = s.round.id;
    const g = s.group.id;
    const rows: Array<[string, string, Record<string, string>, Record<keyof typeof people, number>]> = [
      ['GET', `/rounds/${r}`, {}, { admin: 200, facilitator: 200, member: 200, outsider: 404, observer: 404 }],
      ['GET', `/rounds/${r}/groups`, {}, { admin: 403, facilitator: 200, member: 403, outsider: 403, observer: 403 }],
      ['GET', `/groups/${g}`, {}, { admin: 200, facilitator: 200, member: 200, outsider: 404, observer: 404 }],
      [
        'POST',
        '/rounds',
        { title: 'T', voting_method: 'plurality' },
        { admin: 403, facilitator: 303, member: 403, outsider: 403, observer: 403 },
      ],
      ['POST', `/rounds/${r}/stories`, { story_ids: storyId }, { admin: 403, facilitator: 303, member: 403, outsider: 403, observer: 403 }],
      ['POST', `/rounds/${r}/publish`, {}, { admin: 403, facilitator: 303, member: 403, outsider: 403, observer: 403 }],
      ['POST', `/groups/${g}/ballot`, { story_id: storyId }, { admin: 403, facilitator: 403, member: 303, outsider: 404, observer: 404 }],
      [
        'POST',
        `/groups/${g}/comments`,
        { story_id: storyId, body: 'A thought.' },
        { admin: 403, facilitator: 303, member: 303, outsider: 404, observer: 404 },
      ],
      [
        'POST',
        `/groups/${g}/elements`,
        { story_id: storyId, text: 'Trust' },
        { admin: 403, facilitator: 303, member: 303, outsider: 404, observer: 404 },
      ],
      ['POST', `/groups/${g}/iterations`, {}, { admin: 403, facilitator: 303, member: 403, outsider: 403, observer: 403 }],
    ];
    const failures: string[] = [];
    for (const [method, url, fields, expected] of rows) {
      for (const [who, person] of Object.entries(people) as Array<[keyof typeof people, { client: PageClient }]>) {
        const res = method === 'GET' ? await person.client.get(url) : await person.client.post(url, fields);
        if (res.statusCode !== expected[who]) failures.push(`${method} ${url} as ${who}: ${res.statusCode}, expected ${expected[who]}`);
      }
      const anonymous = method === 'GET' ? await app.inject(url) : await new PageClient(app).post(url, fields);
      if (anonymous.statusCode !== (method === 'GET' ? 303 : 401)) failures.push(`${method} ${url} anonymously: ${anonymous.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
