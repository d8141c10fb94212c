// Theme pages without JavaScript: the tree, creating, editing lists as indented text and quotes (clustering: clustering.test.ts).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { pageUser } from '../../helpers/factories.js';
import { insertStory, insertTheme, linkStoryTheme } from '../../helpers/report-data.js';
import { listThemes } from '../../../server/features/themes/service.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('theme pages', () => {
  it('creates a part and a category through the forms and shows the tree with counts', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const empty = await client.post('/themes', { name: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('error-summary');
    expect(empty.body).toContain('aria-invalid="true"');
    const part = await client.post('/themes', { name: 'Netwerken', description: 'Wie rond het gezin staat', position: '2' });
    expect(part.statusCode).toBe(303);
    const partId = part.headers.location!.split('/').pop()!;
    const cat = await client.post('/themes', { name: 'Informele netwerken', parent_id: partId });
    expect(cat.statusCode).toBe(303);
    const story = await insertStory(app.db, { title: 'De buurvrouw', story: 'Ze bracht soep.' });
    const catId = cat.headers.location!.split('/').pop()!;
    await linkStoryTheme(app.db, story, catId);
    const page = await client.get('/themes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a href="/themes/${partId}">Netwerken</a>`);
    expect(page.body).toContain(`<a href="/themes/${catId}">Informele netwerken</a>`);
    expect(page.body).toContain('1 story · 0 elements');
    const third = await client.post('/themes', { name: 'Te diep', parent_id: catId });
    expect(third.statusCode).toBe(422);
    expect(third.body).toMatch(
      /<p class="error-message" id="error-parent_id">[^<]*<span[^>]*>[^<]*<\/span> A category belongs to a part; a part cannot itself be a category \(two levels only\)/,
    );
    expect(third.body).toMatch(
      /<select id="field-parent_id" name="parent_id" aria-describedby="hint-parent_id error-parent_id" aria-invalid="true">/,
    );
    expect(third.body).toContain('<input id="field-name" name="name" type="text" value="Te diep"');
  });

  it('edits challenges and actions as an indented list that round-trips, and shows parse errors beside the field', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const id = await insertTheme(app.db, { name: 'Houding' });
    const edit = await client.get(`/themes/${id}`);
    expect(edit.statusCode).toBe(200);
    const challenges = '- Gezin is wantrouwig\n  - eerdere ‘controle’\n    - OCMW\n- Gezin botst op procedures';
    const saved = await client.post(`/themes/${id}/content`, {
      practice: 'Wees **eerlijk**.',
      challenges,
      actions: 'Zoek op\n  aanbellen\n  huisbezoek',
      opening_story_id: '',
    });
    expect(saved.statusCode).toBe(303);
    const theme = (await listThemes(app.db)).find((t) => t.id === id)!;
    expect(theme.challenges).toEqual([
      { text: 'Gezin is wantrouwig', children: [{ text: 'eerdere ‘controle’', children: [{ text: 'OCMW' }] }] },
      { text: 'Gezin botst op procedures' },
    ]);
    expect(theme.actions).toEqual([{ text: 'Zoek op', children: [{ text: 'aanbellen' }, { text: 'huisbezoek' }] }]);
    expect(theme.practice_html).toContain('<strong>eerlijk</strong>');
    const again = await client.get(`/themes/${id}`);
    expect(again.body).toContain(`>${challenges.replace(/‘/g, '‘')}</textarea>`);
    expect(again.body).toContain('>- Zoek op\n  - aanbellen\n  - huisbezoek</textarea>');

    const bad = await client.post(`/themes/${id}/content`, { practice: 'blijft staan', challenges: 'een\n      te ver', actions: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Line 2: this line is indented more than one level below the line above it.');
    expect(bad.body).toMatch(/<p class="error-message" id="error-challenges">/);
    expect(bad.body).toContain('>blijft staan</textarea>');
    expect(bad.body).toContain('>een\n      te ver</textarea>');
  });

  it('marks a quote, refuses a refused story, and removes a quote', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const id = await insertTheme(app.db, { name: 'Vertrouwen' });
    const story = await insertStory(app.db, { title: 'Koffie', story: 'We dronken koffie tot het gesprek vanzelf kwam.' });
    const refused = await insertStory(app.db, { title: 'Liever niet', story: 'Niet citeren.', consent_quote: false });
    await linkStoryTheme(app.db, story, id);
    await linkStoryTheme(app.db, refused, id);
    const page = await client.get(`/themes/${id}`);
    expect(page.body).toContain(`<option value="${story}"`);
    expect(page.body).not.toMatch(new RegExp(`id="field-story_id"[\\s\\S]*<option value="${refused}"`));
    expect(page.body).toContain('1 story of this theme is not offered');
    const notIn = await client.post(`/themes/${id}/quotes`, { story_id: story, text: 'thee' });
    expect(notIn.statusCode).toBe(422);
    expect(notIn.body).toContain('error-summary');
    expect(notIn.body).toMatch(
      /<p class="error-message" id="error-text">[^<]*<span[^>]*>[^<]*<\/span> This passage does not occur in the story/,
    );
    expect(notIn.body).toMatch(/<textarea id="field-text" name="text"[^>]*aria-invalid="true"[^>]*>thee<\/textarea>/);
    // A refused story is a state the form cannot fix: back to the theme, with the reason as a message.
    const no = await client.post(`/themes/${id}/quotes`, { story_id: refused, text: 'Niet citeren' });
    expect(no.statusCode).toBe(303);
    expect(no.headers.location).toBe(`/themes/${id}#quotes`);
    expect((await client.get(`/themes/${id}`)).body).toContain('The author of this story refused quoting');
    const ok = await client.post(`/themes/${id}/quotes`, { story_id: story, text: 'tot het gesprek vanzelf kwam' });
    expect(ok.statusCode).toBe(303);
    const withQuote = await client.get(`/themes/${id}`);
    expect(withQuote.body).toContain('“tot het gesprek vanzelf kwam”');
    expect(withQuote.body).toContain(`<a href="/stories/${story}">Koffie</a>`);
    const quoteId = /\/quotes\/([^/]+)\/delete/.exec(withQuote.body)![1];
    expect((await client.post(`/themes/${id}/quotes/${quoteId}/delete`)).statusCode).toBe(303);
    expect((await client.get(`/themes/${id}`)).body).not.toContain('“tot het gesprek vanzelf kwam”');
  });

  it('lets observers read the tree only, and keeps storytellers out', async () => {
    await insertTheme(app.db, { name: 'Kader' });
    const { client: observer } = await pageUser(app, 'observer');
    const list = await observer.get('/themes');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Kader');
    expect(list.body).not.toContain('/themes/new');
    expect((await observer.get('/themes/cluster')).statusCode).toBe(403);
    const { client: teller } = await pageUser(app, 'storyteller');
    expect((await teller.get('/themes')).statusCode).toBe(403);
    expect((await teller.post('/themes', { name: 'x' })).statusCode).toBe(403);
  });
});
