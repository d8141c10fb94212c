// The network's own words reach the report: it is laid out in a worker thread, which gets the instance's terms with the
// model (render-thread.ts), in every format.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { reportText } from './report-text.js';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

async function reportOf(format: string) {
  const facilitator = await apiUser(app, 'facilitator');
  const client = api(app, facilitator.token);
  const round = (await client.post('/api/v1/rounds', { title: 'Voorjaar', voting_method: 'plurality' })).json();
  const res = await client.get(`/api/v1/rounds/${round.id}/report?format=${format}&lang=en&preview=true`);
  expect(res.statusCode).toBe(200);
  return reportText(format, res.rawPayload);
}

describe('the network terms in the report', () => {
  it('name rounds by the chosen word in HTML, Markdown, DOCX and PDF', async () => {
    app = await buildTestApp({ ROUND_TERM_EN: 'meeting' });
    for (const format of ['html', 'md', 'docx', 'pdf']) {
      const text = await reportOf(format);
      expect(text, format).toMatch(/Meetings and selected stories/i);
      expect(text, format).not.toMatch(/Rounds and selected stories/i);
    }
  });

  it('keep the default word without a setting', async () => {
    app = await buildTestApp();
    expect(await reportOf('html')).toMatch(/Rounds and selected stories/i);
  });
});
