// The SQLite file, its -wal and -shm files, its folder and its backups are readable by their owner only, whatever the umask.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../server/db/connect.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { backupSqlite, claimPidFile, restoreSqlite } from '../../server/features/operations/backup.js';
import { testConfig } from '../helpers/app.js';

let dir: string;
let umask: number;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-modes-'));
  // The most permissive umask: whatever is private is so because we made it so.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** A new database in a folder that does not exist yet, migrated and written to, so the WAL and shared memory exist. */
async function newDatabase(file: string) {
  const connection = await connect({ dialect: 'sqlite', file });
  await migrateToLatest(connection.db);
  return connection;
}

describe('file modes', () => {
  it('creates the folder 0700 and the database with its -wal and -shm files 0600', async () => {
    const file = path.join(dir, 'data', 'deeper', 'significant.sqlite');
    const connection = await newDatabase(file);
    try {
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8), f).toBe('600');
      expect(mode(path.join(dir, 'data')).toString(8)).toBe('700');
      expect(mode(path.dirname(file)).toString(8)).toBe('700');
    } finally {
      await connection.close();
    }
  });

  it('creates the folder 0700 when the server claims its pid file before opening the database', () => {
    const file = path.join(dir, 'fresh', 'significant.sqlite');
    const release = claimPidFile(testConfig(`sqlite://${file}`));
    try {
      expect(mode(path.dirname(file)).toString(8)).toBe('700');
    } finally {
      release();
    }
  });

  it('writes backups 0600 and restores 0600 into a new 0700 folder, even from a backup someone made readable', async () => {
    const file = path.join(dir, 'live', 'significant.sqlite');
    const connection = await newDatabase(file);
    const backup = path.join(dir, 'backup.sqlite');
    try {
      await backupSqlite(file, backup);
    } finally {
      await connection.close();
    }
    expect(mode(backup).toString(8)).toBe('600');

    fs.chmodSync(backup, 0o644);
    const restored = path.join(dir, 'elsewhere', 'significant.sqlite');
    restoreSqlite(backup, restored);
    expect(mode(restored).toString(8)).toBe('600');
    expect(mode(path.dirname(restored)).toString(8)).toBe('700');
  });
});
