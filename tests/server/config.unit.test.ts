// The environment schema: defaults, DATABASE_URL forms and clear refusals.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('defaults to SQLite at ./data/significant.sqlite on 127.0.0.1:3000 in English', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toEqual({ dialect: 'sqlite', file: path.resolve('data/significant.sqlite') });
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(3000);
    expect(config.DEFAULT_LOCALE).toBe('en');
  });

  it('reads the three DATABASE_URL forms', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:///tmp/x.sqlite' }).DATABASE_URL).toEqual({ dialect: 'sqlite', file: '/tmp/x.sqlite' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:rel/x.sqlite' }).DATABASE_URL).toEqual({
      dialect: 'sqlite',
      file: path.resolve('rel/x.sqlite'),
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).DATABASE_URL).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it('names the bad variable instead of crashing', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEFAULT_LOCALE: 'de' })).toThrow(/DEFAULT_LOCALE/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.org' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD go together/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});
