// Retention: old stories no round holds are deleted, people without a sign-in for N days are erased; unset keeps everything.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertBallot, insertStories, insertVotingGroup } from '../helpers/bench-fixtures.js';
import { audit } from '../../server/features/accounts/service.js';
import { applyRetention, retentionSettings } from '../../server/features/privacy/retention.js';
import { buildTestApp, databaseUrlOf } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';

const run = promisify(execFile);
const OLD = '2020-01-01T00:00:00.000Z';
let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp({ STORY_RETENTION_DAYS: '30', ACCOUNT_RETENTION_DAYS: '30' });
});
afterEach(async () => {
  await app.close();
});

async function age(userId: string): Promise<void> {
  await app.db.updateTable('users').set({ created_at: OLD }).where('id', '=', userId).execute();
}

describe('retention', () => {
  it('reads its settings from the environment, unset meaning forever', async () => {
    expect(retentionSettings(app.config)).toEqual({ storyDays: 30, accountDays: 30 });
    const plain = await buildTestApp();
    try {
      expect(retentionSettings(plain.config)).toEqual({ storyDays: null, accountDays: null });
      await insertStories(plain.db, 2, { author_id: null, created_at: OLD });
      expect(await applyRetention(plain.db, retentionSettings(plain.config))).toEqual({ stories_deleted: 0, accounts_erased: 0 });
    } finally {
      await plain.close();
    }
  });

  it('deletes old stories unless a round holds them, and keeps recent ones', async () => {
    const author = await makeUser(app);
    const old = await insertStories(app.db, 3, { author_id: author.id, created_at: OLD });
    const fresh = await insertStories(app.db, 2, { author_id: author.id });
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await app.db.updateTable('stories').set({ created_at: recent }).where('id', 'in', fresh).execute();
    await insertVotingGroup(app.db, { storyIds: [old[0]!], memberIds: [author.id], facilitatorId: null });

    const result = await applyRetention(app.db, { storyDays: 30, accountDays: null });
    expect(result).toEqual({ stories_deleted: 2, accounts_erased: 0 });
    const left = (await app.db.selectFrom('stories').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([old[0]!, ...fresh].sort());
    expect(await app.db.selectFrom('story_versions').select('id').where('story_id', 'in', [old[1]!, old[2]!]).execute()).toEqual([]);
  });

  it('erases people who have not signed in for N days (never administrators), keeping their ballots and stories anonymously', async () => {
    const idle = await makeUser(app, { name: 'Idle Person' });
    const active = await makeUser(app);
    const oldAdmin = await makeUser(app, { role: 'admin' });
    const newcomer = await makeUser(app);
    for (const u of [idle, active, oldAdmin]) await age(u.id);
    await audit(app.db, active.id, 'user.signed_in', { type: 'user', id: active.id });
    const [story] = await insertStories(app.db, 1, { author_id: idle.id, author_name: 'Idle Person' });
    const [voted] = await insertStories(app.db, 1, { author_id: active.id });
    const { groupId } = await insertVotingGroup(app.db, { storyIds: [voted!], memberIds: [idle.id, active.id], facilitatorId: null });
    await insertBallot(app.db, groupId, idle.id, voted!);

    const result = await applyRetention(app.db, { storyDays: null, accountDays: 30 });
    expect(result).toEqual({ stories_deleted: 0, accounts_erased: 1 });
    const ids = (await app.db.selectFrom('users').select('id').execute()).map((r) => r.id);
    expect(ids).not.toContain(idle.id);
    expect(ids).toEqual(expect.arrayContaining([active.id, oldAdmin.id, newcomer.id]));
    expect(
      await app.db.selectFrom('stories').select(['author_id', 'author_name', 'anonymous']).where('id', '=', story!).executeTakeFirst(),
    ).toEqual({ author_id: null, author_name: null, anonymous: 1 });
    expect(await app.db.selectFrom('ballots').select('voter_id').execute()).toEqual([{ voter_id: null }]);
    expect(await app.db.selectFrom('audit_log').select('action').where('action', '=', 'retention.user_erased').execute()).toHaveLength(1);
    // Running again finds nobody else.
    expect(await applyRetention(app.db, { storyDays: null, accountDays: 30 })).toEqual({ stories_deleted: 0, accounts_erased: 0 });
  });

  it('runs inside the app a minute after start and then every day', async () => {
    // Only the timer functions are faked: the database drivers keep their real I/O, so queries still complete.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const timed = await buildTestApp({ STORY_RETENTION_DAYS: '30' });
    try {
      await insertStories(timed.db, 2, { author_id: null, created_at: OLD });
      await vi.advanceTimersByTimeAsync(59_000);
      expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2_000);
      await vi.waitFor(async () => expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(0));
      await insertStories(timed.db, 1, { author_id: null, created_at: OLD });
      await vi.advanceTimersByTimeAsync(86_400_000);
      await vi.waitFor(async () => expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(0));
    } finally {
      vi.useRealTimers();
      await timed.close();
    }
  });

  it('runs as npm run retention', async () => {
    await insertStories(app.db, 2, { author_id: null, created_at: OLD });
    const env = { ...process.env, DATABASE_URL: databaseUrlOf(app), STORY_RETENTION_DAYS: '30', LOG_LEVEL: 'silent' };
    const out = await run('npx', ['tsx', 'scripts/retention.ts'], { env });
    expect(out.stdout).toContain('2 stories deleted, 0 accounts erased');
    const none = await run('npx', ['tsx', 'scripts/retention.ts'], { env: { ...env, STORY_RETENTION_DAYS: '' } });
    expect(none.stdout).toContain('Nothing to do');
  });
});
