// A quote taken from an anonymous story whose author agreed to be quoted: every format of the publication prints it,
// placed with a category or with a part, captioned with the story's title and number, never with the author's name.
// (HTML and Markdown once left out the quotes of a part, which DOCX, PDF and JSON printed.) An anonymous author who
// refused quoting is quoted in none.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { publicationScenario } from '../../helpers/publications.js';
import { api, makeQuote } from '../../helpers/factories.js';
import { ANONYMOUS_NAME, insertStory, linkStoryTheme } from '../../helpers/report-data.js';
import { docxText, pdfText } from '../reports/report-text.js';

const IN_CATEGORY = 'Het gezin kreeg een brief over de huur';
const IN_PART = 'de façade van kalmte brak';
const REFUSED = 'niemand mag deze woorden citeren';
const REFUSED_TITLE = 'Een anoniem verhaal zonder citaten';
let app: FastifyInstance;
let download: (format: string) => Promise<string>;

beforeAll(async () => {
  app = await buildTestApp();
  const { facilitator, observer, publication, s } = await publicationScenario(app);
  const fac = api(app, facilitator.token);
  for (const [theme, text] of [
    [s.category, IN_CATEGORY],
    [s.part, IN_PART],
  ] as const) {
    const quoted = await fac.post(`/api/v1/themes/${theme}/quotes`, { story_id: s.anonymous, text });
    if (quoted.statusCode !== 201) throw new Error(`quote: ${quoted.statusCode} ${quoted.body}`);
  }
  // Written past the API (which refuses it): a quote of an anonymous author who said no to quoting.
  const refused = await insertStory(app.db, {
    title: REFUSED_TITLE,
    author_name: ANONYMOUS_NAME,
    anonymous: true,
    consent_quote: false,
    round_id: s.round,
    story: `Wat er gebeurde: ${REFUSED}.`,
  });
  await linkStoryTheme(app.db, refused, s.category);
  await makeQuote(app.db, s.part, refused, REFUSED);
  const published = await fac.post(`/api/v1/publications/${publication.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
  download = async (format) => {
    const res = await api(app, observer.token).get(`/api/v1/publications/${publication.id}/report?format=${format}&lang=nl`);
    if (res.statusCode !== 200) throw new Error(`${format}: ${res.statusCode} ${res.body}`);
    if (format === 'docx') return docxText(res.rawPayload);
    if (format === 'pdf') return pdfText(res.rawPayload);
    return res.body;
  };
});
afterAll(async () => {
  await app.close();
});

describe('a quote from an anonymous story', () => {
  it.each(['html', 'md', 'json', 'docx', 'pdf'])('is in the %s format, without the author', async (format) => {
    const text = await download(format);
    // The framed quotes, in their quotation marks (the passages are also in the story printed in full); the JSON model
    // carries them as quote objects.
    const shown = format === 'json' ? JSON.stringify(JSON.parse(text).parts) : text;
    const framed = (passage: string) => (format === 'json' ? `"text":"${passage}"` : `“${passage}”`);
    for (const passage of [IN_CATEGORY, IN_PART]) expect(shown, passage).toContain(framed(passage));
    expect(text).not.toContain(REFUSED);
    expect(text).not.toContain(ANONYMOUS_NAME);
  });

  it('leaves out the refused quote although its story is in the publication', async () => {
    const model = await download('json');
    expect(model).toContain(REFUSED_TITLE);
    expect(model).not.toContain(REFUSED);
  });
});
