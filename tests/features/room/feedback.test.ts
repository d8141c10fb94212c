// Feedback to storytellers: once the round is closed, the author of a discussed story sees (home panel and story page)
// the elements noted about it and the group's choice with its reasons rendered from Markdown; nobody else sees it there.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { pageUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { PageClient } from '../../helpers/page-client.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function signedIn(email: string): Promise<PageClient> {
  const client = new PageClient(app);
  expect((await client.signIn(email)).statusCode).toBe(303);
  return client;
}

describe('feedback to the storyteller', () => {
  it('shows the elements noted about their story and the choice with its reasons, once the round is closed', async () => {
    const s = await roundScenario(app, { stories: [{ title: 'Mine' }, { title: 'Chosen one', anonymous: true }, { title: 'Third' }] });
    const [mine, chosen] = s.stories.map((x) => x.id);
    for (const text of ['a work phone and WhatsApp', 'home visits after hours'])
      expect((await s.f.post(`/api/v1/groups/${s.group.id}/elements`, { story_id: mine, text })).statusCode).toBe(201);
    expect(
      (await s.f.post(`/api/v1/groups/${s.group.id}/elements`, { story_id: chosen, text: 'element of another story' })).statusCode,
    ).toBe(201);
    const reasons = `${REASONS}\n\nIt shows **patience** pays.`;
    expect(
      (await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: chosen, reasons, decided_by: 'consensus' })).statusCode,
    ).toBe(201);

    const author = await signedIn(s.members[0]!.user.email);
    // Not yet: the round still votes.
    expect((await author.get(`/stories/${mine}`)).body).not.toContain('id="feedback"');
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);

    const story = (await author.get(`/stories/${mine}`)).body;
    expect(story).toContain('What the groups made of your story');
    expect(story).toContain('Spring round, group Group A');
    expect(story).toContain('<li>a work phone and WhatsApp</li>');
    expect(story).toContain('<li>home visits after hours</li>');
    expect(story).not.toContain('element of another story');
    expect(story).toContain('<strong>Chosen one</strong>');
    expect(story).toContain('Chosen by consensus');
    expect(story).toContain('It shows <strong>patience</strong> pays.');
    expect(story).not.toContain('**patience**');

    const home = (await author.get('/')).body;
    expect(home).toContain('Your story “Mine” was discussed in Group A.');
    expect(home).toContain(`href="/stories/${mine}#feedback"`);
    expect(home).toContain('<li>a work phone and WhatsApp</li>');
    expect(home).toContain('Chosen by consensus');
    expect(home).toContain('<strong>patience</strong>');
    expect(home).not.toContain('**patience**');
    // The anonymous author of the chosen story is not named to others.
    expect(home).not.toContain(s.members[1]!.user.name);

    // Another person who reads the story sees the selection history, not the author's feedback.
    const other = await pageUser(app, 'facilitator');
    const seen = (await other.client.get(`/stories/${mine}`)).body;
    expect(seen).not.toContain('id="feedback"');
    expect(seen).not.toContain('a work phone and WhatsApp');
  });

  it('says so when no element was noted, in the reader’s language', async () => {
    const s = await roundScenario(app);
    expect(
      (await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' }))
        .statusCode,
    ).toBe(201);
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    const author = await signedIn(s.members[1]!.user.email);
    await author.post('/language', { locale: 'nl', return_to: '/' });
    const page = (await author.get(`/stories/${s.stories[1]!.id}`)).body;
    expect(page).toContain('Wat de groepen met je verhaal deden');
    expect(page).toContain('Er werden geen elementen over je verhaal genoteerd.');
    expect(page).toContain('Gekozen in consensus');
  });
});
