// Data rights: a person downloads everything held about them; an administrator erases a person in one transaction.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasePerson } from '../../../server/features/privacy/service.js';
import { buildTestApp } from '../../helpers/app.js';
import {
  api,
  apiUser,
  castBallot,
  failSignIns,
  makeAuditEntry,
  makeComment,
  makeUser,
  makeVotingGroup,
  pageUser,
  recordEdit,
  tokenFor,
  writeStory,
} from '../../helpers/factories.js';
import { refuseDeletingUser } from '../../helpers/faults.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** A storyteller with two stories (one in a round), a comment and a ballot, and another voter. */
async function world() {
  const admin = await apiUser(app, 'admin');
  const person = await apiUser(app, 'storyteller', { name: 'Mieke Vermeulen', email: 'mieke.vermeulen@example.org' });
  const other = await apiUser(app, 'storyteller', { name: 'Other Voter' });
  const held = await writeStory(app.db, { author_id: person.user.id, author_name: 'Mieke Vermeulen' });
  const loose = await writeStory(app.db, { author_id: person.user.id, author_name: 'Mieke Vermeulen' });
  for (const id of [held, loose]) await recordEdit(app.db, id);
  const othersStory = await writeStory(app.db, { author_id: other.user.id, author_name: 'Other Voter' });
  const { groupId } = await makeVotingGroup(app.db, {
    storyIds: [held, othersStory],
    memberIds: [person.user.id, other.user.id],
    facilitatorId: admin.user.id,
  });
  await castBallot(app.db, groupId, person.user.id, othersStory);
  await castBallot(app.db, groupId, other.user.id, othersStory);
  await makeComment(app.db, { story_id: othersStory, author_id: person.user.id, body: 'Dit raakte me.' });
  return { admin, person, other, held, loose, othersStory, groupId };
}

describe('GET /api/v1/me/export', () => {
  it('gives the caller everything held about them, and nothing of anyone else', async () => {
    const w = await world();
    const res = await api(app, w.person.token).get('/api/v1/me/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="significant-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json();
    expect(data.account).toMatchObject({
      id: w.person.user.id,
      email: 'mieke.vermeulen@example.org',
      name: 'Mieke Vermeulen',
      role: 'storyteller',
    });
    expect(data.account.password_hash).toBeUndefined();
    expect(res.body).not.toContain('argon2');
    expect(data.stories.map((s: { id: string }) => s.id).sort()).toEqual([w.held, w.loose].sort());
    expect(data.stories[0].versions).toHaveLength(1);
    expect(data.comments).toEqual([expect.objectContaining({ story_id: w.othersStory, body: 'Dit raakte me.' })]);
    expect(data.ballots).toEqual([expect.objectContaining({ group_id: w.groupId, iteration: 1, content: { story_id: w.othersStory } })]);
    expect(data.audit.some((a: { action: string }) => a.action === 'user.created')).toBe(true);
    expect(res.body).not.toContain(w.other.user.id);
    expect(res.body).not.toContain('Other Voter');
  });

  it('needs a token', async () => {
    const res = await api(app, null).get('/api/v1/me/export');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('is offered on the /privacy page, downloadable with the session', async () => {
    const { user, client } = await pageUser(app, 'observer');
    const page = await client.get('/privacy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/privacy/export"');
    const file = await client.get('/privacy/export');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.json().account.email).toBe(user.email);
    const home = await client.get('/');
    expect(home.body).toContain('href="/privacy"');
    expect(home.body).not.toContain('href="/operations"');
    const nl = await client.post('/language', { locale: 'nl', return_to: '/privacy' });
    expect(nl.statusCode).toBe(303);
    expect((await client.get('/privacy')).body).toContain('Jouw gegevens');
  });
});

describe('POST /api/v1/users/:id/erase', () => {
  it('erases the account, keeps ballots counted without a link, comments without author, held stories anonymised', async () => {
    const w = await world();
    await failSignIns(app.db, 'mieke.vermeulen@example.org', 2);
    await failSignIns(app.db, 'someone_else@example.org');
    await makeAuditEntry(app.db, 'user.sign_in_failed', { email: 'Mieke.Vermeulen@example.org' });
    const ballotsBefore = await app.db.selectFrom('ballots').select(['group_id', 'iteration', 'content']).orderBy('content').execute();
    const res = await api(app, w.admin.token).post(`/api/v1/users/${w.person.user.id}/erase`, { stories: 'remove' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: w.person.user.id, stories_removed: 1, stories_anonymised: 1, comments_kept: 1, ballots_kept: 1 });

    expect(await app.db.selectFrom('users').selectAll().where('id', '=', w.person.user.id).executeTakeFirst()).toBeUndefined();
    expect(await app.db.selectFrom('stories').select('id').where('id', '=', w.loose).executeTakeFirst()).toBeUndefined();
    const held = await app.db.selectFrom('stories').selectAll().where('id', '=', w.held).executeTakeFirstOrThrow();
    expect(held).toMatchObject({ author_id: null, author_name: null, anonymous: 1 });
    const versions = await app.db.selectFrom('story_versions').select(['snapshot', 'edited_by']).where('story_id', '=', w.held).execute();
    expect(versions.every((v) => !v.snapshot.includes('Mieke') && v.edited_by === null)).toBe(true);
    const comment = await app.db.selectFrom('comments').selectAll().where('story_id', '=', w.othersStory).executeTakeFirstOrThrow();
    expect(comment.author_id).toBeNull();
    const ballotsAfter = await app.db
      .selectFrom('ballots')
      .select(['group_id', 'iteration', 'content', 'voter_id'])
      .orderBy('content')
      .execute();
    expect(ballotsAfter.map(({ voter_id: _v, ...b }) => b)).toEqual(ballotsBefore);
    expect(ballotsAfter.filter((b) => b.voter_id === null)).toHaveLength(1);
    expect(await app.db.selectFrom('api_tokens').select('id').where('user_id', '=', w.person.user.id).execute()).toEqual([]);
    expect((await api(app, w.person.token).get('/api/v1/me/export')).statusCode).toBe(401);

    const entry = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.erased').executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(w.admin.user.id);
    const everyAudit = JSON.stringify(await app.db.selectFrom('audit_log').selectAll().execute());
    expect(everyAudit).not.toContain('mieke');
    expect(everyAudit).not.toContain('Mieke');
    expect((await app.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual([
      'acct:sign-in:someone_else@example.org|127.0.0.1',
    ]);
  });

  it('changes nothing when any step fails: one transaction', async () => {
    const w = await world();
    // Make the last step (deleting the account) fail, after stories, comments and ballots were already changed.
    await refuseDeletingUser(app, w.person.user.id);
    await expect(erasePerson(app.db, w.admin.user.id, w.person.user.id, 'remove')).rejects.toThrow(/refused by test/);
    expect(await app.db.selectFrom('stories').select('id').where('author_id', '=', w.person.user.id).execute()).toHaveLength(2);
    expect(await app.db.selectFrom('ballots').select('id').where('voter_id', '=', w.person.user.id).execute()).toHaveLength(1);
    expect(await app.db.selectFrom('comments').select('id').where('author_id', '=', w.person.user.id).execute()).toHaveLength(1);
    expect(await app.db.selectFrom('api_tokens').select('id').where('user_id', '=', w.person.user.id).execute()).toHaveLength(1);
    expect(await app.db.selectFrom('audit_log').select('id').where('action', '=', 'user.erased').execute()).toEqual([]);
  });

  it('keeps every story anonymised when asked to', async () => {
    const w = await world();
    const res = await api(app, w.admin.token).post(`/api/v1/users/${w.person.user.id}/erase`, { stories: 'anonymise' });
    expect(res.json()).toMatchObject({ stories_removed: 0, stories_anonymised: 2 });
    const rows = await app.db
      .selectFrom('stories')
      .select(['author_id', 'author_name', 'anonymous'])
      .where('id', 'in', [w.held, w.loose])
      .execute();
    expect(rows).toEqual([
      { author_id: null, author_name: null, anonymous: 1 },
      { author_id: null, author_name: null, anonymous: 1 },
    ]);
  });

  it('answers 404 for an unknown person, 403 for yourself and for non-administrators, 400 for a bad choice', async () => {
    const admin = await apiUser(app, 'admin');
    const facilitator = await apiUser(app, 'facilitator');
    const victim = await makeUser(app);
    const client = api(app, admin.token);
    expect((await client.post('/api/v1/users/00000000-0000-0000-0000-000000000000/erase', { stories: 'remove' })).statusCode).toBe(404);
    const self = await client.post(`/api/v1/users/${admin.user.id}/erase`, { stories: 'remove' });
    expect(self.statusCode).toBe(403);
    expect(self.json().title).toBe('You cannot erase yourself');
    expect((await api(app, facilitator.token).post(`/api/v1/users/${victim.id}/erase`, { stories: 'remove' })).statusCode).toBe(403);
    expect((await api(app, null).post(`/api/v1/users/${victim.id}/erase`, { stories: 'remove' })).statusCode).toBe(401);
    const bad = await client.post(`/api/v1/users/${victim.id}/erase`, { stories: 'burn' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('stories');
    expect((await client.post(`/api/v1/users/${victim.id}/erase`, {})).statusCode).toBe(400);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', victim.id).executeTakeFirst()).toBeDefined();
  });
});

describe('the erase pages', () => {
  it('lists people on /operations and erases after confirmation, re-showing the form when it is incomplete', async () => {
    const { user: admin, client } = await pageUser(app, 'admin');
    const victim = await makeUser(app, { name: 'Jan Peeters' });
    const victimToken = await tokenFor(app, victim);
    const ops = await client.get('/operations');
    expect(ops.statusCode).toBe(200);
    expect(ops.body).toContain(`href="/operations/people/${victim.id}/erase"`);
    expect(ops.body).not.toContain(`href="/operations/people/${admin.id}/erase"`);
    const confirm = await client.get(`/operations/people/${victim.id}/erase`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Erase Jan Peeters');

    const incomplete = await client.post(`/operations/people/${victim.id}/erase`, { stories: 'remove' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.body).toContain('Tick the box to confirm');
    expect(incomplete.body).toMatch(/id="stories-remove" name="stories" value="remove" checked/);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', victim.id).executeTakeFirst()).toBeDefined();

    const done = await client.post(`/operations/people/${victim.id}/erase`, { stories: 'anonymise', confirm: 'on' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/operations');
    const after = await client.get('/operations');
    expect(after.body).toContain('The person is erased');
    expect(after.body).not.toContain('Jan Peeters');
    expect((await api(app, victimToken).get('/api/v1/me/export')).statusCode).toBe(401);
  });

  it('is for administrators only, and 404s for unknown people', async () => {
    const { client } = await pageUser(app, 'facilitator');
    expect((await client.get('/operations')).statusCode).toBe(403);
    const { client: adminClient } = await pageUser(app, 'admin');
    expect((await adminClient.get('/operations/people/nobody/erase')).statusCode).toBe(404);
    expect((await adminClient.post('/operations/people/nobody/erase', { stories: 'remove', confirm: 'on' })).statusCode).toBe(404);
  });
});
