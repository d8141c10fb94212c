// The story pages without JavaScript: the template form, 422 re-render, the review step, the story, edit, history, list, export.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeComment, makeGroup, makeRound, makeSelection, pageUser } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const form = {
  anonymous: 'no',
  title: 'Een deur die openging',
  story: 'We spraken af aan de **schoolpoort**.',
  significance: 'Vertrouwen groeit traag.',
  role: 'Outreacher',
  story_date: '2024-03-12',
  language: 'nl',
  consent_report: 'on',
  consent_quote: 'on',
};

function storyIdFrom(location: string | undefined): string {
  const m = /^\/stories\/([^/]+)/.exec(location ?? '');
  if (!m?.[1]) throw new Error(`no story in ${location}`);
  return m[1];
}

describe('writing through the pages', () => {
  it('shows the template form with the criteria and the anonymity choice, in both languages', async () => {
    const { client } = await pageUser(app, 'storyteller');
    const en = await client.get('/stories/new');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('How stories are selected');
    expect(en.body).toContain('Who was involved?');
    expect(en.body).toContain('name="anonymous" value="yes"');
    expect(en.body).toContain('Save draft');
    expect(en.body).toContain('Check and submit');
    expect(en.body).toMatch(/href="\/stories\/new\?template(=|&#x3D;)learning"/);
    const learning = await client.get('/stories/new?template=learning');
    expect(learning.body).toContain('name="learning_question"');
    expect(learning.body).toContain('name="template" value="learning"');
    await client.post('/language', { locale: 'nl', return_to: '/stories/new' });
    const nl = await client.get('/stories/new');
    expect(nl.body).toContain('Zo kiezen we verhalen');
    expect(nl.body).toContain('Wie was erbij betrokken?');
    expect(nl.body).toContain('Ik blijf anoniem');
  });

  it('re-renders a failed form with 422, keeping everything typed', async () => {
    const { client } = await pageUser(app, 'storyteller');
    const res = await client.post('/stories', {
      ...form,
      anonymous: '',
      title: 'x'.repeat(201),
      story: 'Mijn <b>getypte</b> tekst',
      action: 'submit',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Mijn &lt;b&gt;getypte&lt;/b&gt; tekst');
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#field-anonymous"');
    expect(res.body).toContain('href="#field-title"');
    expect(res.body).toContain('value="Outreacher"');
  });

  it('refuses a NUL character beside the field it is in, keeping the rest of what was typed', async () => {
    const { client } = await pageUser(app, 'storyteller');
    const res = await client.post('/stories', { ...form, story: 'Een\u0000verhaal', role: 'Brug\u0000figuur', action: 'draft' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-story"');
    expect(res.body).toContain('href="#field-role"');
    expect(res.body).toMatch(/id="error-story">.*This contains a character that is not allowed \(NUL\)/);
    expect(res.body).toMatch(/<textarea id="field-story"[^>]* aria-invalid="true"/);
    expect(res.body).toContain('value="Een deur die openging"');
    expect(await app.db.selectFrom('stories').select('id').execute()).toEqual([]);
  });

  it('names the missing template field in the reader’s language, beside it and in the summary', async () => {
    const { client } = await pageUser(app, 'storyteller', { locale: 'nl' });
    const res = await client.post('/stories', { ...form, significance: '', action: 'submit' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      '<a href="#field-significance">Vul &quot;Waarom deze ervaring voor mij belangrijk is&quot; in voor je indient</a>',
    );
    expect(res.body).toMatch(/<textarea id="field-significance"[^>]* aria-invalid="true"/);
    expect(res.body).toContain('value="Een deur die openging"');
  });

  it('saves a draft, then checks it: findings highlighted, fix, and submit', async () => {
    const { user, client } = await pageUser(app, 'storyteller');
    const draft = await client.post('/stories', { ...form, story: 'Bel mama op 0470 12 34 56 of mail an@example.be.', action: 'submit' });
    expect(draft.statusCode).toBe(303);
    const id = storyIdFrom(draft.headers.location);
    expect(draft.headers.location).toBe(`/stories/${id}/submit`);
    const review = await client.get(`/stories/${id}/submit`);
    expect(review.body).toContain('<mark>0470 12 34 56</mark>');
    expect(review.body).toContain('<mark>an@example.be</mark>');
    const refused = await client.post(`/stories/${id}/submit`, {});
    expect(refused.statusCode).toBe(422);
    const edit = await client.get(`/stories/${id}/edit`);
    expect(edit.body).toContain('0470 12 34 56');
    const fixed = await client.post(`/stories/${id}/edit`, {
      ...form,
      story: 'Bel mama als het dringend is; mail an@example.be.',
      action: 'submit',
    });
    expect(fixed.headers.location).toBe(`/stories/${id}/submit`);
    const confirmed = await client.post(`/stories/${id}/submit`, { confirm: 'on' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/stories/${id}`);
    const row = await app.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(row.author_name).toBe(user.name);
    const page = await client.get(`/stories/${id}`);
    expect(page.body).toContain(
      '<p>Bel mama als het dringend is; mail <a href="mailto:an@example.be" rel="nofollow noopener noreferrer">an@example.be</a>.</p>',
    );
    // Emptying the date in the form clears it.
    await client.post(`/stories/${id}/edit`, {
      ...form,
      story_date: '',
      story: 'Bel mama als het dringend is; mail an@example.be.',
      action: 'save',
    });
    expect((await app.db.selectFrom('stories').select('story_date').where('id', '=', id).executeTakeFirstOrThrow()).story_date).toBeNull();
    const history = await client.get(`/stories/${id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('0470 12 34 56');
  });

  it('submits at once when the check finds nothing, and lists, filters and exports it', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const res = await client.post('/stories', { ...form, action: 'submit' });
    const id = storyIdFrom(res.headers.location);
    expect(res.headers.location).toBe(`/stories/${id}`);
    const list = await client.get('/stories?q=SCHOOLPOORT');
    expect(list.body).toContain(`/stories/${id}`);
    const none = await client.get('/stories?q=nergens&status=draft');
    expect(none.body).not.toContain(`/stories/${id}`);
    const csv = await client.get('/stories/export.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Een deur die openging');
  });

  it('uses the round template for a round in its collecting phase', async () => {
    const roundId = await makeRound(app.db, { title: 'Ronde 5', template: 'backcast' });
    const { client } = await pageUser(app, 'storyteller');
    const page = await client.get(`/stories/new?round_id=${roundId}`);
    expect(page.body).toContain('name="extra_dream"');
    const missing = await client.post('/stories', { ...form, round_id: roundId, action: 'submit' });
    expect(missing.statusCode).toBe(422);
    const ok = await client.post('/stories', {
      ...form,
      round_id: roundId,
      extra_dream: 'Elk gezin vindt de weg',
      extra_solution: 'Samen',
      extra_steps: 'Eerst',
      extra_needs: 'Tijd',
      extra_horizon: '3y',
      action: 'submit',
    });
    const id = storyIdFrom(ok.headers.location);
    const row = await app.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ template: 'backcast', round_id: roundId, status: 'submitted' });
    expect(JSON.parse(row.extra!)).toEqual({
      dream: 'Elk gezin vindt de weg',
      solution: 'Samen',
      steps: 'Eerst',
      needs: 'Tijd',
      horizon: '3y',
    });
    // The facilitator decides which proposed stories the round discusses (the rounds feature adds them).
    const inRound = await app.db.selectFrom('round_stories').selectAll().where('story_id', '=', id).execute();
    expect(inRound).toHaveLength(0);
  });

  it('shows the home panel with drafts to storytellers and facilitators only', async () => {
    const { client } = await pageUser(app, 'storyteller');
    await client.post('/stories', { ...form, title: 'Mijn halve klad', action: 'draft' });
    const home = await client.get('/');
    expect(home.body).toContain('Write a story');
    expect(home.body).toContain('Mijn halve klad');
    const observer = await pageUser(app, 'observer');
    expect((await observer.client.get('/')).body).not.toContain('home-stories');
  });

  it('shows comments with their authors and the selection history; the anonymous author is "the author"', async () => {
    const { user, client } = await pageUser(app, 'storyteller', { name: 'Verborgen Schrijver' });
    const res = await client.post('/stories', { ...form, anonymous: 'yes', action: 'submit' });
    const id = storyIdFrom(res.headers.location);
    const commenter = await pageUser(app, 'facilitator', { name: 'Fien Facilitator' });
    const roundId = await makeRound(app.db, { title: 'Bijeenkomst 2', phase: 'closed' });
    const groupId = await makeGroup(app.db, { round_id: roundId, name: 'Groep A', facilitator_id: commenter.user.id });
    await makeComment(app.db, { story_id: id, group_id: groupId, author_id: commenter.user.id, body: 'Sterk verhaal' });
    await makeComment(app.db, { story_id: id, group_id: groupId, author_id: user.id, body: 'Dank jullie' });
    await makeSelection(app.db, { group_id: groupId, story_id: id, reasons: 'Het toont geduld.', selected_by: commenter.user.id });
    const page = await commenter.client.get(`/stories/${id}`);
    expect(page.body).toContain('Sterk verhaal');
    expect(page.body).toContain('Fien Facilitator');
    expect(page.body).toContain('The author');
    expect(page.body).not.toContain('Verborgen Schrijver');
    expect(page.body).toContain('Chosen in Bijeenkomst 2, group Groep A');
    expect(page.body).toContain('Het toont geduld.');
    // A tag that no longer exists: the story page again (422), the form open, the message beside the choices.
    const tagger = await apiUser(app, 'facilitator');
    expect((await api(app, tagger.token).post('/api/v1/themes', { name: 'Geduld' })).statusCode).toBe(201);
    const tagged = await commenter.client.post(`/stories/${id}/themes`, { theme_ids: ['gone'] });
    expect(tagged.statusCode).toBe(422);
    expect(tagged.body).toContain('href="#field-theme_ids"');
    expect(tagged.body).toContain('id="error-theme_ids"');
    expect(tagged.body).toContain('<details class="no-print" open>');
    expect(tagged.body).toMatch(/id="field-theme_ids"[^>]* aria-invalid="true"/);
    expect((await client.get(`/stories/${id}`)).body).toContain('Verborgen Schrijver');
  });
});
