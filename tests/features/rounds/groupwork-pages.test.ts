// The group page carries the group's own work without JavaScript: members note elements, the facilitator rewrites and
// tags them, writes the minutes; the backcast board saves over its version and, when someone saved meanwhile, comes back
// (409) with the person's own text in the fields and the board's text beside them. Stories show their form's own fields.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, PageClient } from '../../helpers/factories.js';
import { roundScenario } from '../../helpers/rounds.js';

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

async function scenario(template?: 'backcast' | 'learning') {
  const s = await roundScenario(app, {
    phase: 'discussing',
    members: 2,
    stories: [
      {
        title: 'A phone that rings',
        template: template ?? 'msc',
        learning_question: template === 'learning' ? 'How do I stay reachable without burning out?' : null,
        extra: template === 'backcast' ? { dream: 'Families find us without a referral.', horizon: '3y' } : null,
      },
    ],
  });
  return {
    ...s,
    member: await signedIn(s.members[0]!.user.email),
    other: await signedIn(s.members[1]!.user.email),
    facilitator: await signedIn(s.facilitator.user.email),
  };
}

describe('elements on the group page', () => {
  it('members note them; the facilitator rewrites and tags them, and the first words stay visible', async () => {
    const s = await scenario();
    const g = s.group.id;
    const story = s.stories[0]!.id;
    const theme = (await s.f.post('/api/v1/themes', { name: 'Guidance strategies' })).json().id as string;
    const noted = await s.member.post(`/groups/${g}/elements`, { story_id: story, text: 'Being reachable' });
    expect(noted.statusCode).toBe(303);
    expect(noted.headers.location).toBe(`/groups/${g}#story-${story}`);
    const memberPage = (await s.member.get(`/groups/${g}`)).body;
    expect(memberPage).toContain('Being reachable');
    // Members see no rewrite form and no theme choice.
    expect(memberPage).not.toContain('/edit"');
    expect(memberPage).not.toContain(`name="theme_id"`);

    const element = (await s.f.get(`/api/v1/groups/${g}`)).json().elements[0].id as string;
    const page = (await s.facilitator.get(`/groups/${g}`)).body;
    expect(page).toContain(`action="/groups/${g}/elements/${element}/edit"`);

    // A rewrite without text comes back beside its own field, the typed text kept.
    const refused = await s.facilitator.post(`/groups/${g}/elements/${element}/edit`, { text: ' ', theme_id: theme });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(`id="error-element-edit-${element}"`);
    expect(refused.body).toMatch(new RegExp(`<details class="element-edit no-print" open>`));

    const saved = await s.facilitator.post(`/groups/${g}/elements/${element}/edit`, { text: 'A work phone and WhatsApp', theme_id: theme });
    expect(saved.statusCode).toBe(303);
    const after = (await s.member.get(`/groups/${g}`)).body;
    expect(after).toContain('A work phone and WhatsApp <span class="tag">Guidance strategies</span>');
    expect(after).toContain('(first noted as “Being reachable”)');
    // Another group's element address is not found.
    expect((await s.facilitator.post(`/groups/other/elements/${element}/edit`, { text: 'x' })).statusCode).toBe(404);
    expect((await s.member.post(`/groups/${g}/elements/${element}/edit`, { text: 'x' })).statusCode).toBe(403);
  });
});

describe('minutes on the group page', () => {
  it('the facilitator writes them; the participants read them, made safe', async () => {
    const s = await scenario();
    const g = s.group.id;
    expect((await s.member.get(`/groups/${g}`)).body).not.toContain('id="minutes"');
    const form = (await s.facilitator.get(`/groups/${g}`)).body;
    expect(form).toContain(`action="/groups/${g}/minutes"`);
    const saved = await s.facilitator.post(`/groups/${g}/minutes`, { minutes: 'The group chose **trust**. <script>alert(1)</script>' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/groups/${g}#minutes`);
    const page = (await s.member.get(`/groups/${g}`)).body;
    expect(page).toContain('Minutes of the discussion');
    expect(page).toContain('The group chose <strong>trust</strong>.');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain(`action="/groups/${g}/minutes"`);
    // Too long: the same form, 422, the text kept and the message beside it.
    const tooLong = await s.facilitator.post(`/groups/${g}/minutes`, { minutes: 'x'.repeat(50_001) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('id="error-minutes"');
    expect(tooLong.body).toContain('x'.repeat(50_001));
    expect((await s.member.post(`/groups/${g}/minutes`, { minutes: 'Mine.' })).statusCode).toBe(403);
  });
});

describe('the backcast board on the group page', () => {
  it('saves over its version; a stale save comes back with both texts and saves once combined', async () => {
    const s = await scenario('backcast');
    const g = s.group.id;
    const page = (await s.member.get(`/groups/${g}`)).body;
    expect(page).toContain('Backcast board');
    expect(page).toContain('name="version" value="0"');
    const mine = { dream: 'My dream for the projects.', solution: 'My solution.', steps: 'My steps.', needs: 'My needs.', version: '0' };

    // Someone else saves first (through the API here; the page does the same).
    expect(
      (
        await api(app, s.members[1]!.token).put(`/api/v1/groups/${g}/backcast`, {
          dream: 'Their dream.',
          solution: 'My solution.',
          steps: '',
          needs: 'Their needs.',
          version: 0,
        })
      ).statusCode,
    ).toBe(200);

    const conflict = await s.member.post(`/groups/${g}/backcast`, mine);
    expect(conflict.statusCode).toBe(409);
    const body = conflict.body;
    expect(body).toContain('Someone else saved the board while you were writing (it is now version 1).');
    expect(body).toContain('class="error-summary"');
    // The person's own text stays in every field, and the form now names the latest version.
    for (const text of ['My dream for the projects.', 'My solution.', 'My steps.', 'My needs.'])
      expect(body).toMatch(new RegExp(`>${text}</textarea>`));
    expect(body).toContain('name="version" value="1"');
    // The board's text shows beside each field where it differs; where it is the same, nothing is doubled.
    expect(body).toContain('id="theirs-backcast-dream"');
    expect(body).toMatch(/id="theirs-backcast-dream"><p class="meta">Now on the board:<\/p><p>Their dream.<\/p>/);
    expect(body).toContain('id="theirs-backcast-needs"');
    expect(body).not.toContain('id="theirs-backcast-solution"');
    expect(body).toContain('Now on the board: this field was emptied.');

    const combined = await s.member.post(`/groups/${g}/backcast`, { ...mine, dream: 'Their dream, and mine.', version: '1' });
    expect(combined.statusCode).toBe(303);
    expect(combined.headers.location).toBe(`/groups/${g}#backcast`);
    const board = (await s.f.get(`/api/v1/groups/${g}`)).json().backcast;
    expect(board).toMatchObject({ dream: 'Their dream, and mine.', steps: 'My steps.', version: 2 });
    expect((await s.other.get(`/groups/${g}`)).body).toContain('<p>Their dream, and mine.</p>');
  });

  it('shows a story’s own form fields (backcast) beside its text', async () => {
    const s = await scenario('backcast');
    const page = (await s.member.get(`/groups/${s.group.id}`)).body;
    expect(page).toContain('<h4>The dream</h4><p class="story-extra">Families find us without a referral.</p>');
    expect(page).toContain('<h4>Time horizon</h4><p class="story-extra">Three years</p>');
  });

  it('shows a story’s learning question', async () => {
    const s = await scenario('learning');
    expect((await s.member.get(`/groups/${s.group.id}`)).body).toContain('How do I stay reachable without burning out?');
  });
});
