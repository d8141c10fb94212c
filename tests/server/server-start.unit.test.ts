// Starting the real server: a bad configuration is a clear message and a non-zero exit, never a crash trace.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the server's entry point and resolves with its exit status and output (asynchronously: the worker stays alive). */
function start(env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/server.ts'],
      // tsx compiles the server on the way: on a loaded machine that alone can take half a minute.
      { env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env }, encoding: 'utf8', timeout: 80_000 },
      (error, _stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

describe('server start-up', () => {
  it('refuses an unknown DATABASE_URL with a message naming it', async () => {
    const res = await start({ DATABASE_URL: 'mysql://root@localhost/db' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('DATABASE_URL: must start with postgres://, postgresql:// or sqlite:');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('says so when the database cannot be reached', async () => {
    const res = await start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Significant could not start: .+/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
