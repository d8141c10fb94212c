// Each role's home page shows its next step: storytellers their meetings, stories (with their state), groups and
// feedback as text; facilitators rounds by phase and what waits for them; observers the published reports; admins people.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvitation } from '../../../server/features/accounts/index.js';
import { buildTestApp } from '../../helpers/app.js';
import {
  addStoriesToRound,
  api,
  makeElement,
  makeGroup,
  makeRound,
  makeSelection,
  makeUser,
  pageUser,
  publishRound,
  setRoundPhase,
  writeStory,
} from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** The HTML of one panel (from its section to the next one), so an assertion cannot be met by another panel. */
function panel(body: string, cls: string): string {
  const start = body.indexOf(`class="card ${cls}"`);
  expect(start, `panel ${cls}`).toBeGreaterThan(-1);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

describe('the storyteller home page', () => {
  it('shows open meetings, own stories with their state, own groups and feedback rendered from Markdown', async () => {
    const { user, client } = await pageUser(app, 'storyteller', { locale: 'en' });
    const open = await makeRound(app.db, { title: 'Spring meeting', phase: 'collecting' });
    const draft = await writeStory(app.db, { author_id: user.id, title: 'Half written', status: 'draft' });
    const submitted = await writeStory(app.db, { author_id: user.id, title: 'Sent but waiting' });
    const inRound = await writeStory(app.db, { author_id: user.id, title: 'Taken into a meeting' });
    const chosen = await writeStory(app.db, { author_id: user.id, title: 'The chosen one' });
    const closed = await makeRound(app.db, { title: 'Winter meeting', phase: 'discussing' });
    const group = await makeGroup(app.db, { round_id: closed, name: 'Table three', member_ids: [user.id], story_ids: [inRound, chosen] });
    await makeSelection(app.db, { group_id: group, story_id: chosen, reasons: 'It shows **trust** growing.' });
    await setRoundPhase(app.db, closed, 'closed');

    const home = (await client.get('/')).body;
    expect(panel(home, 'open-round')).toContain('Spring meeting');
    expect(home).toContain(`href="/stories/new?round_id=${open}"`);
    const stories = panel(home, 'home-stories');
    expect(stories).toContain(`href="/stories/${draft}/edit"`);
    expect(stories).toMatch(new RegExp(`href="/stories/${submitted}">Sent but waiting</a> <span class="tag state-submitted">submitted<`));
    expect(stories).toMatch(new RegExp(`href="/stories/${inRound}">Taken into a meeting</a> <span class="tag state-in_round">`));
    expect(stories).toMatch(new RegExp(`href="/stories/${chosen}">The chosen one</a> <span class="tag state-selected">`));
    const groups = panel(home, 'home-my-groups');
    expect(groups).toContain(`href="/groups/${group}">Table three</a>`);
    expect(groups).toContain('Winter meeting');
    expect(home).toContain('<strong>trust</strong>');
    expect(home).not.toContain('**trust**');
  });

  it('offers no facilitator or administrator panel', async () => {
    const { client } = await pageUser(app, 'storyteller');
    const home = (await client.get('/')).body;
    for (const cls of ['home-run-rounds', 'home-clustering', 'home-people']) expect(home).not.toContain(`class="card ${cls}"`);
  });
});

describe('the facilitator home page', () => {
  it('shows rounds by phase, groups waiting for a selection, proposed stories and elements to cluster', async () => {
    const { client } = await pageUser(app, 'facilitator', { locale: 'en' });
    const author = await makeUser(app);
    const collecting = await makeRound(app.db, { title: 'Collecting one', phase: 'collecting' });
    const proposed = await writeStory(app.db, { author_id: author.id, title: 'Proposed for collecting', round_id: collecting });
    const added = await writeStory(app.db, { author_id: author.id, title: 'Already added', round_id: collecting });
    await addStoriesToRound(app.db, collecting, [added]);
    const voting = await makeRound(app.db, { title: 'Voting one', phase: 'voting' });
    const s1 = await writeStory(app.db, { author_id: author.id });
    const s2 = await writeStory(app.db, { author_id: author.id });
    const waiting = await makeGroup(app.db, { round_id: voting, name: 'Still choosing', story_ids: [s1] });
    const done = await makeGroup(app.db, { round_id: voting, name: 'Has chosen', story_ids: [s2] });
    await makeSelection(app.db, { group_id: done, story_id: s2, reasons: 'Because.' });
    await makeElement(app.db, { story_id: s1, round_id: voting, text: 'a work phone' });
    await makeElement(app.db, { story_id: s1, round_id: voting, text: 'coming back' });

    const home = (await client.get('/')).body;
    const run = panel(home, 'home-run-rounds');
    expect(run.indexOf('Collecting stories')).toBeLessThan(run.indexOf('Voting</h3>'));
    expect(run).toContain(`href="/rounds/${collecting}">Collecting one</a>`);
    expect(run).toContain(`href="/rounds/${voting}">Voting one</a>`);
    expect(run).toContain('1 group waits for a selection');
    expect(run).toContain(`href="/groups/${waiting}">Still choosing</a>`);
    expect(run).not.toContain('Has chosen');
    expect(run).toContain('1 story proposed for a round');
    expect(run).toContain(`href="/stories/${proposed}">Proposed for collecting</a>`);
    expect(run).not.toContain('Already added');
    expect(panel(home, 'home-clustering')).toContain('2 characteristic elements from 1 round have no theme yet.');
    expect(home).toContain('class="card home-stories"');
  });

  it('in Dutch counts with the plural forms and calls rounds meetings', async () => {
    const { client } = await pageUser(app, 'facilitator', { locale: 'nl' });
    const voting = await makeRound(app.db, { phase: 'voting' });
    const story = await writeStory(app.db, {});
    await makeGroup(app.db, { round_id: voting, story_ids: [story] });
    await makeGroup(app.db, { round_id: voting, name: 'Group B' });
    const home = (await client.get('/')).body;
    expect(home).toContain('2 groepen wachten op een keuze');
    expect(home).toContain('Jouw bijeenkomsten');
    expect(home).not.toContain('class="card home-clustering"');
  });
});

describe('the observer home page', () => {
  it('lists the published round reports and publications with downloads, and no unpublished round', async () => {
    const { facilitator, s, publication } = await publicationScenario(app);
    const published = await api(app, facilitator.token).post(`/api/v1/publications/${publication.id}/publish`);
    expect(published.statusCode).toBe(200);
    await makeRound(app.db, { title: 'Not out yet', phase: 'closed' });
    const { client } = await pageUser(app, 'observer', { locale: 'en' });

    const home = (await client.get('/')).body;
    const reports = panel(home, 'home-published-reports');
    expect(reports).toContain(`href="/reports/${s.round}/download?format=pdf"`);
    expect(reports).not.toContain('Not out yet');
    const pubs = panel(home, 'home-publications');
    expect(pubs).toContain('Outreachend werken: wat we leerden');
    expect(pubs).toContain('version 1');
    const download = await client.get(`/publications/${publication.id}/download?format=html`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(home).not.toContain('class="card home-stories"');
    expect(home).not.toContain('class="card home-run-rounds"');
  });

  it('says so while nothing is published, then lists a published round but never one still running', async () => {
    const { client } = await pageUser(app, 'observer', { locale: 'en' });
    expect(panel((await client.get('/')).body, 'home-published-reports')).toContain('No report has been published yet.');
    await publishRound(app.db, await makeRound(app.db, { title: 'Out now' }));
    await makeRound(app.db, { title: 'Hidden', phase: 'voting' });
    const home = (await client.get('/')).body;
    expect(panel(home, 'home-published-reports')).toContain('Out now');
    expect(home).not.toContain('Hidden');
  });
});

describe('the administrator home page', () => {
  it('shows people per role and the invitations still waiting', async () => {
    const { user: admin, client } = await pageUser(app, 'admin', { locale: 'en' });
    await makeUser(app, { role: 'storyteller' });
    await makeUser(app, { role: 'storyteller' });
    const invited = await makeUser(app, { role: 'observer', name: 'Invited Iris' });
    await createInvitation(app.db, invited.id, admin.id);

    const home = (await client.get('/')).body;
    const people = panel(home, 'home-people');
    expect(people).toContain('Storyteller: 2');
    expect(people).toContain('Administrator: 1');
    expect(people).toContain('1 invitation waiting');
    expect(people).toContain(`href="/users/${invited.id}">Invited Iris</a>`);
    expect(home).toContain('href="/operations"');
    expect(home).not.toContain('class="card home-run-rounds"');
  });
});
