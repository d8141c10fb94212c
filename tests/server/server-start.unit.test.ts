// Starting the real server: a bad configuration is a clear message and a non-zero exit, never a crash trace.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('server start-up', () => {
  it('refuses an unknown DATABASE_URL with a message naming it', () => {
    const res = start({ DATABASE_URL: 'mysql://root@localhost/db' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('DATABASE_URL: must start with postgres://, postgresql:// or sqlite:');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when the database cannot be reached', () => {
    const res = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Significant could not start: .+/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
