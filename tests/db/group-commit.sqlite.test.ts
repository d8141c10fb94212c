// Group commit on SQLite: the work queued together shares one transaction, a failing piece is undone alone, and no
// caller hears "done" before the COMMIT that holds its write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inGroupCommit } from '../../server/db/group-commit.js';
import type { Database } from '../../server/db/database.js';

describe('group commit (SQLite)', () => {
  let dir: string;
  let handle: SQLite.Database;
  let db: Kysely<Database>;
  let commits: number;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
    handle = new SQLite(path.join(dir, 'db.sqlite'));
    handle.pragma('journal_mode = WAL');
    handle.exec('create table pieces (n integer primary key)');
    commits = 0;
    // Counts the COMMITs Kysely sends, by watching the statements it prepares.
    const counting = {
      close: () => handle.close(),
      prepare: (text: string) => {
        if (/^commit/i.test(text.trim())) commits += 1;
        return handle.prepare(text);
      },
    };
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: counting }) });
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (n: number) => async (trx: Kysely<Database>) => {
    await sql`insert into pieces (n) values (${n})`.execute(trx);
    return n;
  };

  it('commits the work queued in the same moment in one transaction', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => inGroupCommit(db, 'sqlite', write(i + 1))));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(commits).toBe(1);
    expect(handle.prepare('select count(*) as c from pieces').get()).toEqual({ c: 40 });
  });

  it('undoes a failing piece alone and gives its caller the error', async () => {
    const results = await Promise.allSettled([
      inGroupCommit(db, 'sqlite', write(1)),
      inGroupCommit(db, 'sqlite', async (trx) => {
        await sql`insert into pieces (n) values (2)`.execute(trx);
        throw new Error('refused');
      }),
      inGroupCommit(db, 'sqlite', write(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(handle.prepare('select n from pieces order by n').pluck().all()).toEqual([1, 3]);
    expect(commits).toBe(1);
  });

  it('answers only when the write is committed: another connection already reads it', async () => {
    const seen: number[] = [];
    const other = new SQLite(path.join(dir, 'db.sqlite'), { readonly: true });
    await Promise.all(
      [7, 8, 9].map((n) =>
        inGroupCommit(db, 'sqlite', write(n)).then(() => {
          seen.push(other.prepare('select count(*) as c from pieces where n = ?').pluck().get(n) as number);
        }),
      ),
    );
    other.close();
    expect(seen).toEqual([1, 1, 1]);
  });

  it('takes work queued while a batch runs into the next batch', async () => {
    const first = inGroupCommit(db, 'sqlite', async (trx) => {
      const n = await write(1)(trx);
      // Queued from inside the running batch: it cannot join a transaction that is about to commit.
      later = inGroupCommit(db, 'sqlite', write(2));
      return n;
    });
    let later: Promise<number> | undefined;
    await first;
    await expect(later).resolves.toBe(2);
    expect(commits).toBe(2);
  });
});
