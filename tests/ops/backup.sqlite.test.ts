// SQLite backups: an online backup taken under write load restores with every row acknowledged before it began; bad restores are refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError, backupSqlite, pidFileFor, restoreSqlite, verifyDatabaseFile } from '../../server/features/operations/backup.js';
import { ADMIN, buildServer, freePort, kill, startServer, tokenFor } from '../../scripts/crash.js';
import { buildTestApp, freshDatabase } from '../helpers/app.js';
import { api, apiUser, unique } from '../helpers/factories.js';

const run = promisify(execFile);
let app: FastifyInstance;
let dir: string;

beforeEach(async () => {
  app = await buildTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-backup-'));
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function emailsIn(file: string): Set<string> {
  const handle = new SQLite(file, { readonly: true });
  try {
    return new Set((handle.prepare('select email from users').all() as Array<{ email: string }>).map((r) => r.email));
  } finally {
    handle.close();
  }
}

describe('SQLite backup and restore', () => {
  it('takes a consistent backup while people are being added, and restores every row committed before it began', async () => {
    const admin = await apiUser(app, 'admin');
    const client = api(app, admin.token);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const email = `${unique('load')}@example.org`;
        const res = await client.post('/api/v1/users', {
          email,
          name: 'Load test',
          role: 'storyteller',
          password: 'a long enough password here',
        });
        expect(res.statusCode).toBe(201);
        acknowledged.push(email);
      }
    })();
    while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 5));
    const beforeBackup = [...acknowledged];
    const backupFile = path.join(dir, 'backup.sqlite');
    const result = await backupSqlite(app.connection.sqlite!.name, backupFile);
    // Keep writing a little after the backup, so the restore is compared with a database that moved on.
    const atBackupEnd = acknowledged.length;
    while (acknowledged.length < atBackupEnd + 5) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await writer;

    expect(result.integrity).toBe('ok');
    expect(result.migrations).toBeGreaterThanOrEqual(3);
    const restored = path.join(dir, 'restored', 'significant.sqlite');
    const check = restoreSqlite(backupFile, restored);
    expect(check.integrity).toBe('ok');
    expect(fs.existsSync(`${restored}-wal`)).toBe(false);
    const emails = emailsIn(restored);
    for (const email of beforeBackup) expect(emails.has(email)).toBe(true);
    // Nothing in the copy that was never acknowledged (the snapshot is of committed rows only).
    const known = new Set([...acknowledged, admin.user.email]);
    for (const email of emails) expect(known.has(email)).toBe(true);
    expect(emails.has(acknowledged[acknowledged.length - 1]!)).toBe(false);
    const handle = new SQLite(restored, { readonly: true });
    expect(handle.pragma('integrity_check', { simple: true })).toBe('ok');
    handle.close();
  });

  it('backs up a database that a separately running server writes to, from its own connection', async () => {
    const database = await freshDatabase();
    const server = await buildServer();
    const port = await freePort();
    const { child } = await startServer(database.url, port, {}, server.entry);
    const base = `http://127.0.0.1:${port}`;
    try {
      const token = await tokenFor(base, ADMIN.email, ADMIN.password);
      const acknowledged: string[] = [];
      const attempted = new Set<string>([ADMIN.email]);
      let stop = false;
      const writers = [0, 1, 2].map(async () => {
        while (!stop) {
          const email = `${unique('live')}@example.org`;
          attempted.add(email);
          const res = await fetch(`${base}/api/v1/users`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ email, name: 'Live writer', role: 'observer', password: 'a long enough password here' }),
          });
          expect(res.status).toBe(201);
          acknowledged.push(email);
        }
      });
      while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 5));
      const beforeBackup = [...acknowledged];
      const backupFile = path.join(dir, 'live-backup.sqlite');
      const result = await backupSqlite(database.url.replace(/^sqlite:\/\//, ''), backupFile);
      const atEnd = acknowledged.length;
      while (acknowledged.length < atEnd + 10) await new Promise((r) => setTimeout(r, 5));
      stop = true;
      await Promise.all(writers);
      expect(result.integrity).toBe('ok');
      const emails = emailsIn(backupFile);
      for (const email of beforeBackup) expect(emails.has(email)).toBe(true);
      for (const email of emails) expect(attempted.has(email)).toBe(true);
      // Written after the backup finished: not in it (it is a snapshot, not a live file).
      expect(emails.has(acknowledged[acknowledged.length - 1]!)).toBe(false);
    } finally {
      await kill(child);
      server.remove();
      await database.drop();
    }
  }, 120_000);

  it('refuses to restore over a database whose server is running', async () => {
    const backupFile = path.join(dir, 'backup.sqlite');
    await backupSqlite(app.connection.sqlite!.name, backupFile);
    const target = path.join(dir, 'live.sqlite');
    fs.copyFileSync(backupFile, target);
    fs.writeFileSync(pidFileFor(target), `${process.pid}\n`);
    expect(() => restoreSqlite(backupFile, target)).toThrow(/server is running/);
    expect(() => restoreSqlite(backupFile, target)).toThrow(expect.objectContaining({ exitCode: 3 }));
    // A pid file left by a killed server does not block: no process has that pid.
    fs.writeFileSync(pidFileFor(target), '2147483646\n');
    expect(restoreSqlite(backupFile, target).integrity).toBe('ok');
  });

  it('refuses files that are not a sound backup of ours, and leaves the database alone', async () => {
    const target = path.join(dir, 'db.sqlite');
    await backupSqlite(app.connection.sqlite!.name, target);
    const before = fs.readFileSync(target);

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'this is not a database');
    expect(() => restoreSqlite(text, target)).toThrow(/not an SQLite database/);

    const foreign = path.join(dir, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('create table things (id integer primary key)');
    other.close();
    expect(() => restoreSqlite(foreign, target)).toThrow(/not a Significant database/);

    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = Buffer.from(before);
    // Scribble over the middle pages (past the header and schema page).
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6));
    fs.writeFileSync(damaged, bytes);
    expect(() => verifyDatabaseFile(damaged)).toThrow(BackupError);
    expect(() => restoreSqlite(damaged, target)).toThrow(BackupError);

    expect(() => restoreSqlite(path.join(dir, 'missing.sqlite'), target)).toThrow(/does not exist/);

    const newer = path.join(dir, 'newer.sqlite');
    fs.writeFileSync(newer, before);
    const handle = new SQLite(newer);
    handle
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('2099_01_01_000000_from_the_future', new Date().toISOString());
    handle.close();
    expect(() => restoreSqlite(newer, target)).toThrow(
      /newer version of Significant \(unknown migrations: 2099_01_01_000000_from_the_future\)/,
    );
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it('runs as npm run backup / restore, with a non-zero exit when refusing', async () => {
    const file = app.connection.sqlite!.name;
    const env = { ...process.env, DATABASE_URL: `sqlite://${file}`, LOG_LEVEL: 'silent' };
    const backupFile = path.join(dir, 'cli.sqlite');
    const out = await run('npx', ['tsx', 'scripts/backup.ts', backupFile], { env });
    expect(out.stdout).toMatch(/integrity_check ok/);
    expect(fs.existsSync(backupFile)).toBe(true);
    fs.writeFileSync(pidFileFor(file), `${process.pid}\n`);
    try {
      const refused = await run('npx', ['tsx', 'scripts/restore.ts', backupFile], { env }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(refused?.code).toBe(3);
      expect(refused?.stderr).toMatch(/server is running/);
    } finally {
      fs.rmSync(pidFileFor(file), { force: true });
    }
  });
});
