// Writing a category: its page shows the material beside the practice form: assigned elements, its stories and the
// reasons groups gave for selecting them; stories refused for the report stay out.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { pageUser } from '../../helpers/factories.js';
import { ANONYMOUS_NAME, REFUSED_TITLE, reportScenario } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe("a category's writing page", () => {
  it('shows its elements, its stories and the selection reasons, never an anonymous author or a refused story', async () => {
    const s = await reportScenario(app);
    const { client } = await pageUser(app, 'facilitator');
    const page = (await client.get(`/themes/${s.category}`)).body;
    const trust = page.slice(page.indexOf('id="material-title"'), page.indexOf('id="content-title"'));
    expect(trust).toContain('The material for this theme');
    expect(trust).toContain('Een café als eerste stap');
    expect(trust).toContain('De brief van de huisbaas');
    expect(trust).toContain('Het verhaal toont hoe een **informele plek** de drempel verlaagt.');
    expect(trust).toContain('Omdat het toont dat eerlijkheid over geld vertrouwen schept.');
    expect(trust).not.toContain(REFUSED_TITLE);
    expect(trust).not.toContain(ANONYMOUS_NAME);
    const page2 = (await client.get(`/themes/${s.category2}`)).body;
    const work = page2.slice(page2.indexOf('id="material-title"'), page2.indexOf('id="content-title"'));
    expect(work).toContain('schoolverzuim als signaal');
    expect(work).not.toContain('informele ontmoetingsplek');
  });
});
