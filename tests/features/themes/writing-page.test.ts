// Writing a category: its page shows the material beside the practice form: assigned elements, its stories and the
// reasons groups gave for selecting them and the comments on them; stories refused for the report stay out, an
// anonymous author's own comment reads "the author", a guest who gave no name reads "guest N".
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeComment, makeUser, pageUser } from '../../helpers/factories.js';
import { ANONYMOUS_NAME, REFUSED_TITLE, insertStory, linkStoryTheme, reportScenario } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe("a category's writing page", () => {
  it('shows its elements, its stories and the selection reasons, never an anonymous author or a refused story', async () => {
    const s = await reportScenario(app);
    const { client } = await pageUser(app, 'facilitator');
    const page = (await client.get(`/themes/${s.category}`)).body;
    const trust = page.slice(page.indexOf('id="material-title"'), page.indexOf('id="content-title"'));
    expect(trust).toContain('The material for this theme');
    expect(trust).toContain('Een café als eerste stap');
    expect(trust).toContain('De brief van de huisbaas');
    expect(trust).toContain('Het verhaal toont hoe een **informele plek** de drempel verlaagt.');
    expect(trust).toContain('Omdat het toont dat eerlijkheid over geld vertrouwen schept.');
    expect(trust).not.toContain(REFUSED_TITLE);
    expect(trust).not.toContain(ANONYMOUS_NAME);
    const page2 = (await client.get(`/themes/${s.category2}`)).body;
    const work = page2.slice(page2.indexOf('id="material-title"'), page2.indexOf('id="content-title"'));
    expect(work).toContain('schoolverzuim als signaal');
    expect(work).not.toContain('informele ontmoetingsplek');
  });

  it('shows the comments on its stories, naming an anonymous author "the author" and a guest by number', async () => {
    const s = await reportScenario(app);
    // An anonymous story whose author is a facilitator too: their own comment must not give their name away.
    const author = await pageUser(app, 'facilitator', { name: 'Verborgen Schrijver' });
    const own = await insertStory(app.db, {
      title: 'Mijn eigen gezin',
      story: 'De moeder belde zelf.',
      author_id: author.user.id,
      author_name: 'Verborgen Schrijver',
      anonymous: true,
    });
    await linkStoryTheme(app.db, own, s.category);
    const commenter = await makeUser(app, { role: 'facilitator', name: 'Fien Facilitator' });
    const host = await apiUser(app, 'facilitator');
    const { code } = (await api(app, host.token).post(`/api/v1/groups/${s.topGroup}/join-codes`)).json();
    const joined = await api(app, null).post('/api/v1/join', { code });
    expect(joined.statusCode).toBe(201);
    const guest = joined.json().participant as { id: string; number: number };
    await makeComment(app.db, { story_id: own, group_id: s.topGroup, author_id: commenter.id, body: 'Eerlijk over **geld**.' });
    await makeComment(app.db, { story_id: own, group_id: s.topGroup, author_id: author.user.id, body: 'Dat was mijn gezin.' });
    await makeComment(app.db, { story_id: own, group_id: s.topGroup, author_id: guest.id, body: 'Herkenbaar voor ons.' });
    await makeComment(app.db, { story_id: s.refused, group_id: s.group, author_id: commenter.id, body: 'Niet voor het rapport.' });

    const { client } = await pageUser(app, 'facilitator');
    const page = (await client.get(`/themes/${s.category}`)).body;
    const material = page.slice(page.indexOf('id="material-title"'), page.indexOf('id="content-title"'));
    expect(material).toContain('3 comments in the groups');
    expect(material).toContain('Eerlijk over <strong>geld</strong>.');
    expect(material).toContain('Fien Facilitator');
    expect(material).toMatch(/The author<\/p>\s*<p>Dat was mijn gezin\.<\/p>/);
    expect(material).toMatch(new RegExp(`guest ${guest.number}</p>\\s*<p>Herkenbaar voor ons\\.</p>`));
    expect(material).not.toContain('Niet voor het rapport.');
    expect(page).not.toContain('Verborgen Schrijver');
    // The author reads their own name on their own comment.
    const mine = (await author.client.get(`/themes/${s.category}`)).body;
    expect(mine).toMatch(/Verborgen Schrijver<\/p>\s*<p>Dat was mijn gezin/);
    // In Dutch, in Dutch words.
    const dutch = await pageUser(app, 'facilitator', { locale: 'nl' });
    const nl = (await dutch.client.get(`/themes/${s.category}`)).body;
    expect(nl).toContain('3 reacties in de groepen');
    expect(nl).toMatch(/De auteur<\/p>\s*<p>Dat was mijn gezin/);
    expect(nl).toMatch(new RegExp(`gast ${guest.number}</p>`));
  });
});
