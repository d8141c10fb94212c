// The home page composes the panels of the features for the person signed in, each once, in one order; visitors who
// are not signed in get the welcome only.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { buildTestApp, freshDatabase, testConfig } from '../../helpers/app.js';
import { pageUser, PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const count = (body: string, text: string) => body.split(text).length - 1;

describe('the home page', () => {
  it('shows a storyteller the writing panel, then their data, each once', async () => {
    const { client } = await pageUser(app, 'storyteller');
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    expect(count(home.body, 'class="card home-stories"')).toBe(1);
    expect(count(home.body, 'class="card operations-panel"')).toBe(1);
    expect(home.body.indexOf('home-stories')).toBeLessThan(home.body.indexOf('operations-panel'));
    expect(home.body).not.toContain('href="/operations"');
  });

  it('shows an administrator the operations page beside their data, and no writing panel', async () => {
    const { client } = await pageUser(app, 'admin');
    const home = await client.get('/');
    expect(count(home.body, 'class="card operations-panel"')).toBe(1);
    expect(home.body).toContain('href="/operations"');
    expect(home.body).not.toContain('class="card home-stories"');
  });

  it('shows no panel to a visitor who is not signed in', async () => {
    const home = await new PageClient(app).get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain('class="card');
  });

  it('shows each panel once, also when several apps run in one process', async () => {
    const database = await freshDatabase();
    const second = await buildApp(testConfig(database.url), { logger: false });
    try {
      const { client } = await pageUser(second, 'facilitator');
      const home = await client.get('/');
      expect(count(home.body, 'class="card home-stories"')).toBe(1);
      expect(count(home.body, 'class="card operations-panel"')).toBe(1);
    } finally {
      await second.close();
      await database.drop();
    }
  });
});
