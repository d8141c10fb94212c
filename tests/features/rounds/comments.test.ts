// Comments and characteristic elements: Markdown made safe, open in the right phases, elements tagged with themes.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('comments', () => {
  it('renders Markdown safely and signs the comment', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const member = s.members[1]!;
    const res = await api(app, member.token).post(`/api/v1/stories/${s.stories[0]!.id}/comments`, {
      body: 'This *moved* me <script>alert(1)</script>',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      body: 'This *moved* me <script>alert(1)</script>',
      author_name: member.user.name,
      created_at: expect.any(String),
      group_id: s.group.id,
    });
    expect(res.json().body_html).toContain('<em>moved</em>');
    expect(res.json().body_html).not.toContain('<script');
    expect((await api(app, member.token).post(`/api/v1/stories/${s.stories[0]!.id}/comments`, { body: 'x'.repeat(5001) })).statusCode).toBe(
      400,
    );
    expect((await api(app, member.token).post(`/api/v1/stories/${s.stories[0]!.id}/comments`, { body: '   ' })).statusCode).toBe(400);
  });

  it('is open while discussing and voting, closed before and after', async () => {
    const s = await roundScenario(app, { phase: 'collecting' });
    const post = () => api(app, s.members[0]!.token).post(`/api/v1/stories/${s.stories[0]!.id}/comments`, { body: 'A thought.' });
    expect((await post()).statusCode).toBe(409);
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'discussing' });
    expect((await post()).statusCode).toBe(201);
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'voting' });
    expect((await post()).statusCode).toBe(201);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS });
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' });
    expect((await post()).statusCode).toBe(409);
  });
});

describe('characteristic elements', () => {
  it('lets facilitators note, tag and remove elements of a story in the group', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const created = await s.f.post('/api/v1/themes', { name: 'Informal networks' });
    expect(created.statusCode).toBe(201);
    const themeId = created.json().id as string;
    const url = `/api/v1/groups/${s.group.id}/elements`;
    const res = await s.f.post(url, { story_id: s.stories[0]!.id, text: 'The neighbour as a bridge', theme_id: themeId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      story_id: s.stories[0]!.id,
      group_id: s.group.id,
      round_id: s.round.id,
      text: 'The neighbour as a bridge',
      theme_id: themeId,
    });
    expect((await s.f.post(url, { story_id: s.stories[0]!.id, text: 'x', theme_id: 'no-such-theme' })).statusCode).toBe(400);
    expect((await s.f.post(url, { story_id: 'elsewhere', text: 'x' })).statusCode).toBe(400);
    expect((await s.f.post(url, { story_id: s.stories[0]!.id, text: 'x'.repeat(301) })).statusCode).toBe(400);
    const page = await (await import('../../helpers/factories.js')).pageUser(app, 'facilitator');
    expect((await page.client.get(`/groups/${s.group.id}`)).body).toContain('The neighbour as a bridge');
    expect((await s.f.delete(`${url}/${res.json().id}`)).statusCode).toBe(204);
    expect((await s.f.delete(`${url}/${res.json().id}`)).statusCode).toBe(404);
  });
});
