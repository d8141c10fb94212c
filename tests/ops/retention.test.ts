// Retention: old stories no round holds are deleted, people without a sign-in for N days are erased; unset keeps everything.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../../server/features/accounts/service.js';
import { applyRetention, retentionSettings } from '../../server/features/privacy/retention.js';
import { buildTestApp, databaseUrlOf } from '../helpers/app.js';
import { castBallot, makeUser, makeVotingGroup, recordEdit, writeStories } from '../helpers/factories.js';
import { backdateAccounts, backdateStories, daysAgo } from '../helpers/the-past.js';

const run = promisify(execFile);
let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp({ STORY_RETENTION_DAYS: '30', ACCOUNT_RETENTION_DAYS: '30' });
});
afterEach(async () => {
  await app.close();
});

/** Stories written long ago, each edited once (so it has a version for retention to remove too). */
async function oldStories(db: FastifyInstance['db'], count: number, authorId: string | null = null): Promise<string[]> {
  const ids = await writeStories(db, count, { author_id: authorId });
  for (const id of ids) await recordEdit(db, id);
  await backdateStories(db, ids);
  return ids;
}

describe('retention', () => {
  it('reads its settings from the environment, unset meaning forever', async () => {
    expect(retentionSettings(app.config)).toEqual({ storyDays: 30, accountDays: 30 });
    const plain = await buildTestApp();
    try {
      expect(retentionSettings(plain.config)).toEqual({ storyDays: null, accountDays: null });
      await oldStories(plain.db, 2);
      expect(await applyRetention(plain.db, retentionSettings(plain.config))).toEqual({ stories_deleted: 0, accounts_erased: 0 });
    } finally {
      await plain.close();
    }
  });

  it('deletes old stories unless a round holds them, and keeps recent ones', async () => {
    const author = await makeUser(app);
    const old = await oldStories(app.db, 3, author.id);
    const fresh = await writeStories(app.db, 2, { author_id: author.id });
    await backdateStories(app.db, fresh, daysAgo(5));
    await makeVotingGroup(app.db, { storyIds: [old[0]!], memberIds: [author.id], facilitatorId: null });
    expect(await app.db.selectFrom('story_versions').select('id').where('story_id', 'in', [old[1]!, old[2]!]).execute()).toHaveLength(2);

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
    await backdateAccounts(app.db, [idle.id, active.id, oldAdmin.id]);
    await audit(app.db, active.id, 'user.signed_in', { type: 'user', id: active.id });
    const [story] = await writeStories(app.db, 1, { author_id: idle.id, author_name: 'Idle Person' });
    const [voted] = await writeStories(app.db, 1, { author_id: active.id });
    const { groupId } = await makeVotingGroup(app.db, { storyIds: [voted!], memberIds: [idle.id, active.id], facilitatorId: null });
    await castBallot(app.db, groupId, idle.id, voted!);

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
      await oldStories(timed.db, 2);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2_000);
      await vi.waitFor(async () => expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(0));
      await oldStories(timed.db, 1);
      await vi.advanceTimersByTimeAsync(86_400_000);
      await vi.waitFor(async () => expect(await timed.db.selectFrom('stories').select('id').execute()).toHaveLength(0));
    } finally {
      vi.useRealTimers();
      await timed.close();
    }
  });

  it('runs as npm run retention', async () => {
    await oldStories(app.db, 2);
    const env = { ...process.env, DATABASE_URL: databaseUrlOf(app), STORY_RETENTION_DAYS: '30', LOG_LEVEL: 'silent' };
    const out = await run('npx', ['tsx', 'scripts/retention.ts'], { env });
    expect(out.stdout).toContain('2 stories deleted, 0 accounts erased');
    const none = await run('npx', ['tsx', 'scripts/retention.ts'], { env: { ...env, STORY_RETENTION_DAYS: '' } });
    expect(none.stdout).toContain('Nothing to do');
  });
});
