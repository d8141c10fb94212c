// A child round cannot be created under a closed round: its selections would have nowhere to go (409).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser } from '../../helpers/factories.js';
import { insertRound } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('POST /api/v1/rounds with a parent', () => {
  it('answers 409 under a closed round and 201 under an open one', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const closed = await insertRound(app.db, { title: 'Afgesloten', published: true });
    const open = await insertRound(app.db, { title: 'Open' });
    const refused = await api(app, token).post('/api/v1/rounds', { title: 'Kind', voting_method: 'plurality', parent_round_id: closed });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 409,
      title: 'The parent round is closed',
      errors: [{ path: 'parent_round_id', message: expect.stringContaining('no round can be made under it') }],
    });
    expect(await app.db.selectFrom('rounds').select('id').where('parent_round_id', '=', closed).execute()).toEqual([]);
    const made = await api(app, token).post('/api/v1/rounds', { title: 'Kind', voting_method: 'plurality', parent_round_id: open });
    expect(made.statusCode).toBe(201);
    expect(made.json().parent_round_id).toBe(open);
  });
});

describe('the new-round page with a closed parent', () => {
  it('offers only open rounds, and a closed one sent anyway is refused beside the field (409), the form kept', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const closed = await insertRound(app.db, { title: 'Afgesloten ronde', published: true });
    await insertRound(app.db, { title: 'Lopende ronde' });
    const form = await client.get('/rounds/new');
    expect(form.body).toContain('Lopende ronde');
    expect(form.body).not.toContain('Afgesloten ronde');
    const refused = await client.post('/rounds', { title: 'Kindronde', voting_method: 'plurality', parent_round_id: closed });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('id="error-parent_round_id"');
    expect(refused.body).toMatch(/aria-invalid="true"/);
    expect(refused.body).toContain('value="Kindronde"');
    expect(await app.db.selectFrom('rounds').select('id').where('title', '=', 'Kindronde').execute()).toEqual([]);
  });
});
