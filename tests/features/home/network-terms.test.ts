// The network's own words on the pages: an instance that calls its rounds "ronde" / "meeting" and its facilitators
// "procesbegeleider" / "coach" shows those words on the pages, in mails' language and in the menus; the default stays.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { pageUser } from '../../helpers/factories.js';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

describe('the network terms on the pages', () => {
  it('show the default words without a setting', async () => {
    app = await buildTestApp();
    const { client } = await pageUser(app, 'facilitator', { locale: 'nl' });
    const rounds = (await client.get('/rounds')).body;
    expect(rounds).toContain('Nieuwe bijeenkomst');
    expect(rounds).not.toMatch(/\bronde\b/i);
  });

  it('show the chosen words for rounds and facilitators in every language', async () => {
    app = await buildTestApp({
      ROUND_TERM_NL: 'ronde',
      ROUND_TERM_EN: 'meeting',
      ROUND_TERM_FR: 'séance',
      FACILITATOR_TERM_NL: 'procesbegeleider',
      FACILITATOR_TERM_EN: 'coach',
    });
    const nl = await pageUser(app, 'facilitator', { locale: 'nl' });
    const rounds = (await nl.client.get('/rounds')).body;
    expect(rounds).toContain('Nieuwe ronde');
    expect(rounds).not.toContain('bijeenkomst');
    expect((await nl.client.get('/')).body).toContain('Jouw rondes');

    const en = await pageUser(app, 'facilitator', { locale: 'en' });
    const home = (await en.client.get('/')).body;
    expect(home).toContain('Your meetings');
    expect((await en.client.get('/rounds')).body).toContain('New meeting');

    const fr = await pageUser(app, 'facilitator', { locale: 'fr' });
    expect((await fr.client.get('/rounds')).body).toContain('Nouvelle séance');

    const admin = await pageUser(app, 'admin', { locale: 'nl' });
    await pageUser(app, 'facilitator', { locale: 'nl' });
    expect((await admin.client.get('/users')).body).toContain('Procesbegeleider');
  });

  it('refuse a word the instance does not offer', async () => {
    await expect(buildTestApp({ ROUND_TERM_NL: 'vergadering' })).rejects.toThrow(/ROUND_TERM_NL/);
    app = await buildTestApp();
  });
});
