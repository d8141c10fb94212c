// Closing a round from the pages: the close button leads to a confirmation page that says what can no longer change;
// only a POST with the confirm box ticked closes; the API's phase call stays as it was.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function phaseOf(app: FastifyInstance, token: string, roundId: string): Promise<string> {
  return (await api(app, token).get(`/api/v1/rounds/${roundId}`)).json().phase;
}

describe('closing a round', () => {
  it('goes through a confirmation page that says what can no longer change', async () => {
    const s = await roundScenario(app);
    const fac = await pageUser(app, 'facilitator');
    const roundUrl = `/rounds/${s.round.id}`;
    const round = await fac.client.get(roundUrl);
    expect(round.body).toContain(`href="${roundUrl}/close"`);
    expect(round.body).not.toMatch(/name="phase" value="closed"/);

    // A group without a selection: the page says which one, and offers no close button.
    let page = await fac.client.get(`${roundUrl}/close`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('cannot be undone');
    expect(page.body).toContain('Group A');
    expect(page.body).toContain(`/groups/${s.group.id}#selection`);
    expect(page.body).not.toContain(`action="${roundUrl}/close"`);

    expect(
      (await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' }))
        .statusCode,
    ).toBe(201);
    page = await fac.client.get(`${roundUrl}/close`);
    expect(page.body).toContain(`action="${roundUrl}/close"`);
    for (const text of [
      'Ballots and the votes counted in the room',
      'Guest access',
      'The round&#x27;s 3 stories stay as they are',
      'cannot be opened again',
    ])
      expect(page.body).toContain(text);

    // Without the box ticked: the same page again with the message by the box; nothing changes.
    const unticked = await fac.client.post(`${roundUrl}/close`, {});
    expect(unticked.statusCode).toBe(422);
    expect(unticked.body).toContain('error-summary');
    expect(unticked.body).toContain('Tick the box to confirm');
    expect(unticked.body).toContain('aria-invalid="true"');
    expect(await phaseOf(app, s.facilitator.token, s.round.id)).toBe('voting');

    // The old phase form without a confirmation leads to the page instead of closing.
    const bare = await fac.client.post(`${roundUrl}/phase`, { phase: 'closed' });
    expect(bare.statusCode).toBe(303);
    expect(bare.headers.location).toBe(`${roundUrl}/close`);
    expect(await phaseOf(app, s.facilitator.token, s.round.id)).toBe('voting');

    const closed = await fac.client.post(`${roundUrl}/close`, { confirm: 'on' });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(roundUrl);
    expect(await phaseOf(app, s.facilitator.token, s.round.id)).toBe('closed');
    expect((await fac.client.get(roundUrl)).body).toContain('The round is closed.');
    // Once closed the page has nothing left to confirm.
    const after = await fac.client.get(`${roundUrl}/close`);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe(roundUrl);
  });

  it('is refused with the groups named when one has not chosen, and the API is unchanged', async () => {
    const s = await roundScenario(app);
    const fac = await pageUser(app, 'facilitator');
    const res = await fac.client.post(`/rounds/${s.round.id}/close`, { confirm: 'on' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/rounds/${s.round.id}/close`);
    expect((await fac.client.get(res.headers.location as string)).body).toContain('Group A');
    expect(await phaseOf(app, s.facilitator.token, s.round.id)).toBe('voting');
    // The API closes with the phase call, no confirmation (API.md), once every group has chosen.
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' });
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
  });

  it('is for facilitators, in their language, behind CSRF', async () => {
    const s = await roundScenario(app);
    const member = await pageUser(app, 'storyteller');
    expect((await member.client.get(`/rounds/${s.round.id}/close`)).statusCode).toBe(403);
    expect((await member.client.post(`/rounds/${s.round.id}/close`, { confirm: 'on' })).statusCode).toBe(403);
    const fac = await pageUser(app, 'facilitator', { locale: 'nl' });
    expect((await fac.client.get('/rounds/no-such-round/close')).statusCode).toBe(404);
    const nl = await fac.client.get(`/rounds/${s.round.id}/close`);
    expect(nl.body).toContain('kan niet ongedaan worden');
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' });
    const forged = await fac.client.post(`/rounds/${s.round.id}/close`, { confirm: 'on' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await phaseOf(app, s.facilitator.token, s.round.id)).toBe('voting');
  });
});
