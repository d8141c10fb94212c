// The group's own work in the round's report, in every format: per group the learning questions of its stories, the
// minutes (Markdown made safe), the backcast board; a story printed in full with its form's own fields (backcast) and
// its learning question. Never the anonymous author, never a story (or its learning question) refused for the report.
// The publication takes the boards into its appendix. Each format is rendered once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeBoard, makeGroup, makeMinutes, makeRound, makeSelection, writeStory } from '../../helpers/factories.js';
import { docxText, pdfText } from './report-text.js';

const ANONYMOUS = 'Ilse Verborgen-Anoniem';
const REFUSED_TITLE = 'Een verhaal dat binnen de groep blijft';
const REFUSED_QUESTION = 'Deze leervraag hoort niet in het rapport';
const NAMED_QUESTION = 'Hoe blijf ik bereikbaar zonder altijd beschikbaar te zijn?';
const ANONYMOUS_QUESTION = 'Wanneer mag ik aandringen bij een gezin dat niet opendoet?';
const MINUTES =
  'We spraken over **bereikbaarheid**: dat werd concreet *een werk-gsm en WhatsApp*.\n\n<script>alert("minuten")</script>\n\n- terugbellen binnen de dag\n- één vast aanspreekpunt';
const BOARD = {
  dream: 'Outreach is vanzelfsprekend in élke organisatie.',
  solution: 'Een gedeelde pool van outreachers over de gemeenten heen.',
  steps: 'Eerst een netwerkdag, dan een convenant met de besturen.',
  needs: 'Tijd, geld en een **trekker** per regio.',
};
const STORY_DREAM = 'Elke gemeente heeft een vaste outreacher in haar team.';
const STORY_NEEDS = 'Een meerjarenplan en steun van het OCMW.';

let app: FastifyInstance;
let fac: ReturnType<typeof api>;
let round: string;
let publication: string;

beforeAll(async () => {
  app = await buildTestApp();
  const facilitator = await apiUser(app, 'facilitator');
  fac = api(app, facilitator.token);
  const db = app.db;
  round = await makeRound(db, {
    title: 'Bijeenkomst vier: leervragen',
    template: 'learning',
    prompt: 'Welke vraag neem je mee uit je werk?',
    meeting_date: '2026-05-14',
    published: true,
  });
  const story = (input: Parameters<typeof writeStory>[1]) => writeStory(db, { language: 'nl', round_id: round, ...input });
  const named = await story({
    title: 'Een werk-gsm voor het gezin',
    author_name: 'Marieke Claes',
    template: 'learning',
    story: 'Het gezin kon me eindelijk bereiken.',
    learning_question: NAMED_QUESTION,
  });
  const anonymous = await story({
    title: 'De voordeur bleef dicht',
    author_name: ANONYMOUS,
    anonymous: true,
    template: 'learning',
    learning_question: ANONYMOUS_QUESTION,
  });
  const refused = await story({ title: REFUSED_TITLE, template: 'learning', learning_question: REFUSED_QUESTION, consent_report: false });
  const backcast = await story({
    title: 'Verankerd binnen vijf jaar',
    template: 'backcast',
    story: 'Vandaag hangt alles aan één projectsubsidie.',
    extra: {
      dream: STORY_DREAM,
      solution: 'Structurele financiering via het lokaal bestuur.',
      steps: 'Cijfers verzamelen.',
      needs: STORY_NEEDS,
      horizon: '5y',
    },
  });
  const learning = await makeGroup(db, { round_id: round, name: 'Groep Leren', story_ids: [named, anonymous, refused] });
  const future = await makeGroup(db, { round_id: round, name: 'Groep Toekomst', story_ids: [backcast] });
  await makeSelection(db, { group_id: learning, story_id: named, reasons: 'De vraag leeft bij iedereen.' });
  await makeSelection(db, { group_id: future, story_id: backcast, reasons: 'Het toont wat blijvend werk vraagt.' });
  await makeMinutes(db, learning, MINUTES);
  await makeBoard(db, future, BOARD);
  const created = await fac.post('/api/v1/publications', { title: 'Wat we leerden over verankering', round_ids: [round] });
  if (created.statusCode !== 201) throw new Error(`publication not created: ${created.body}`);
  publication = (created.json() as { id: string }).id;
});
afterAll(async () => {
  await app.close();
});

async function report(format: string, lang = 'nl') {
  const res = await fac.get(`/api/v1/rounds/${round}/report?format=${format}&lang=${lang}`);
  expect(res.statusCode, format).toBe(200);
  return res;
}

function expectPrivacy(text: string): void {
  for (const hidden of [ANONYMOUS, 'Ilse', REFUSED_TITLE, REFUSED_QUESTION, '<script', 'alert(']) expect(text).not.toContain(hidden);
}

/** What every format holds, as text a reader finds (labels in Dutch). */
const PHRASES = [
  // Group A: its learning questions (the anonymous story's too, without its author), its minutes.
  'Groep Leren',
  'Leervragen van de verhalen',
  NAMED_QUESTION,
  ANONYMOUS_QUESTION,
  'De voordeur bleef dicht',
  'Verslag van het gesprek',
  'bereikbaarheid',
  'een werk-gsm en WhatsApp',
  'één vast aanspreekpunt',
  // The selected learning story in full with its question.
  'Leervraag:',
  // Group B: the selected backcast story in full with its form's fields, and the group's board.
  'Groep Toekomst',
  'De droom',
  STORY_DREAM,
  'Wat is er nodig?',
  STORY_NEEDS,
  'Tijdshorizon',
  'Vijf jaar of meer',
  'Backcastbord van de groep',
  'Droom',
  'Outreach is vanzelfsprekend in élke organisatie.',
  'Welke stappen?',
  'Eerst een netwerkdag, dan een convenant met de besturen.',
  'trekker',
];

describe('the round report holds the group work', () => {
  it('HTML: learning questions, minutes made safe, the board, the backcast story with its fields', async () => {
    const html = (await report('html')).body;
    expect(html).toContain('<h5>Leervragen van de verhalen</h5>');
    expect(html).toMatch(/<li><strong>Een werk-gsm voor het gezin<\/strong> <span class="meta">\(verhaal nr\. \d+\)<\/span>: Hoe blijf ik/);
    expect(html).toMatch(/<li><strong>De voordeur bleef dicht<\/strong> <span class="meta">\(verhaal nr\. \d+\)<\/span>: Wanneer mag ik/);
    expect(html).toContain('<div class="minutes"><h5>Verslag van het gesprek</h5><p>We spraken over <strong>bereikbaarheid</strong>');
    expect(html).toContain('<em>een werk-gsm en WhatsApp</em>');
    expect(html).toContain('<li>één vast aanspreekpunt</li>');
    expect(html).toContain('<h5>Backcastbord van de groep</h5>');
    expect(html).toContain('<div><h6>Droom</h6><p>Outreach is vanzelfsprekend in élke organisatie.</p>\n</div>');
    expect(html).toContain('<strong>trekker</strong>');
    expect(html).toContain(`<p><strong>De droom</strong></p><p>${STORY_DREAM}</p>`);
    expect(html).toContain('<p><strong>Tijdshorizon</strong></p><p>Vijf jaar of meer</p>');
    expect(html).toContain(`<p><strong>Leervraag:</strong> ${NAMED_QUESTION}</p>`);
    for (const phrase of PHRASES) expect(html).toContain(phrase);
    expectPrivacy(html);
    // The minutes and the board belong to their own group.
    const [learning, future] = html.split('<h4>Groep Toekomst</h4>');
    expect(learning).toContain('Verslag van het gesprek');
    expect(learning).not.toContain('Backcastbord van de groep');
    expect(future).toContain('Backcastbord van de groep');
    expect(future).not.toContain('Verslag van het gesprek');
  });

  it('HTML in English: the labels of the story form and the board follow the reader', async () => {
    const html = (await report('html', 'en')).body;
    expect(html).toContain('<p><strong>The dream</strong></p>');
    expect(html).toContain('<p><strong>Time horizon</strong></p><p>Five years or more</p>');
    expect(html).toContain('<h5>Learning questions of the stories</h5>');
    expect(html).toContain('<h5>Minutes of the discussion</h5>');
    expect(html).toContain('<h5>The group&#x27;s backcast board</h5>');
    expect(html).toContain('<h6>What is needed?</h6>');
  });

  it('Markdown', async () => {
    const md = (await report('md')).body;
    expect(md).toContain('**Leervragen van de verhalen**');
    expect(md).toMatch(/- \*\*Een werk-gsm voor het gezin\*\* \(verhaal nr\. \d+\): Hoe blijf ik bereikbaar/);
    expect(md).toContain('**Verslag van het gesprek**\n\nWe spraken over **bereikbaarheid**');
    expect(md).toContain('*Droom*\n\nOutreach is vanzelfsprekend in élke organisatie.');
    expect(md).toContain(`**De droom**\n\n${STORY_DREAM}`);
    expect(md).toContain('**Tijdshorizon**\n\nVijf jaar of meer');
    for (const phrase of PHRASES) expect(md).toContain(phrase);
    expectPrivacy(md);
  });

  it('JSON: the model carries the group work and the story fields in every language', async () => {
    const model = JSON.parse((await report('json')).body);
    const [learning, future] = ['Groep Leren', 'Groep Toekomst'].map((n) =>
      model.rounds[0].groups.find((g: { name: string }) => g.name === n),
    );
    expect(learning.learning_questions.map((q: { story: { title: string }; text: string }) => [q.story.title, q.text])).toEqual([
      ['Een werk-gsm voor het gezin', NAMED_QUESTION],
      ['De voordeur bleef dicht', ANONYMOUS_QUESTION],
    ]);
    expect(learning.minutes_html).toContain('<strong>bereikbaarheid</strong>');
    expect(learning.backcast).toBeNull();
    expect(future.minutes_html).toBeNull();
    expect(future.backcast).toEqual({
      dream_html: '<p>Outreach is vanzelfsprekend in élke organisatie.</p>\n',
      solution_html: '<p>Een gedeelde pool van outreachers over de gemeenten heen.</p>\n',
      steps_html: '<p>Eerst een netwerkdag, dan een convenant met de besturen.</p>\n',
      needs_html: '<p>Tijd, geld en een <strong>trekker</strong> per regio.</p>\n',
    });
    expect(future.selected.fields.map((f: { name: string }) => f.name)).toEqual(['dream', 'solution', 'steps', 'needs', 'horizon']);
    expect(future.selected.fields[4]).toEqual({
      name: 'horizon',
      label: { en: 'Time horizon', nl: 'Tijdshorizon', fr: 'Horizon temporel' },
      html: null,
      choice: { en: 'Five years or more', nl: 'Vijf jaar of meer', fr: 'Cinq ans ou plus' },
    });
    expect(learning.selected.fields).toEqual([]);
    const text = JSON.stringify(model);
    expect(text).not.toContain('author_name');
    expectPrivacy(text);
  });

  it('DOCX', async () => {
    const text = await docxText((await report('docx')).rawPayload);
    for (const phrase of PHRASES) expect(text).toContain(phrase);
    expect(text).toContain(`Een werk-gsm voor het gezin (verhaal nr.`);
    expectPrivacy(text);
  });

  it('PDF', async () => {
    const text = pdfText((await report('pdf')).rawPayload);
    for (const phrase of PHRASES) expect(text).toContain(phrase);
    expectPrivacy(text);
  });
});

describe("the publication's appendix takes the backcast boards of its rounds", () => {
  const APPENDIX = [
    'Bijlage 2: Backcast-oefening',
    'Bijeenkomst vier: leervragen: Groep Toekomst',
    'Outreach is vanzelfsprekend in élke organisatie.',
    'Een gedeelde pool van outreachers over de gemeenten heen.',
    'Eerst een netwerkdag, dan een convenant met de besturen.',
    'trekker',
  ];
  const download = async (format: string) => {
    const res = await fac.get(`/api/v1/publications/${publication}/report?format=${format}&lang=nl&preview=true`);
    expect(res.statusCode, format).toBe(200);
    return res;
  };

  it('HTML, DOCX and PDF', async () => {
    const html = (await download('html')).body;
    expect(html).toContain('<h4>Bijeenkomst vier: leervragen: Groep Toekomst</h4>');
    expect(html).toContain('<div><h5>Droom</h5><p>Outreach is vanzelfsprekend in élke organisatie.</p>\n</div>');
    // Only boards with something on them: group A wrote none.
    expect(html).not.toContain(': Groep Leren</h4>');
    const docx = await docxText((await download('docx')).rawPayload);
    const pdf = pdfText((await download('pdf')).rawPayload);
    for (const text of [html, docx, pdf]) {
      for (const phrase of APPENDIX) expect(text).toContain(phrase);
      expectPrivacy(text);
    }
  });
});
