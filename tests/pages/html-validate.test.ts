// Every page passes html-validate's recommended rules: each role's pages, rendered by the app with real data, validated.
import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { makeElement, makeRound, makeTheme, pageUser, PageClient, publishRound, writeStory } from '../helpers/factories.js';
import { roundScenario } from '../helpers/rounds.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Whitespace at line ends comes from the indentation of the Handlebars templates: nothing a reader meets.
    'no-trailing-whitespace': 'off',
    // Checkboxes share a name on purpose: round_ids, theme_ids and the like arrive as a list (API.md names them so).
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    // HTML allows any character but whitespace in an id; a field's id follows its name, and the votes counted in the
    // room are named per story (scores.<story id>), as the tally's JSON body names them.
    'valid-id': ['error', { relaxed: true }],
  },
});

let app: FastifyInstance;
let pages: Array<{ who: string; client: PageClient; urls: string[] }>;

beforeAll(async () => {
  app = await buildTestApp();
  const s = await roundScenario(app, { method: 'points', hide_results: false });
  const part = await makeTheme(app.db, { name: 'How' });
  await makeTheme(app.db, { name: 'Guidance strategies', parent_id: part });
  await makeElement(app.db, { story_id: s.stories[0]!.id, round_id: s.round.id, text: 'a work phone' });
  const published = await makeRound(app.db, { title: 'Published meeting' });
  await publishRound(app.db, published);
  const open = await makeRound(app.db, { title: 'Open meeting', phase: 'collecting' });
  const facilitator = new PageClient(app);
  await facilitator.signIn(s.facilitator.user.email);
  const member = new PageClient(app);
  await member.signIn(s.members[0]!.user.email);
  const storyteller = await pageUser(app, 'storyteller');
  const draft = await writeStory(app.db, { author_id: storyteller.user.id, status: 'draft', title: 'A draft' });
  const observer = await pageUser(app, 'observer');
  const admin = await pageUser(app, 'admin');
  const story = s.stories[0]!.id;
  pages = [
    { who: 'visitor', client: new PageClient(app), urls: ['/', '/sign-in', '/nowhere'] },
    {
      who: 'storyteller',
      client: storyteller.client,
      urls: [
        '/',
        '/stories',
        '/stories/new',
        `/stories/new?round_id=${open}`,
        `/stories/${draft}/edit`,
        `/rounds/${open}`,
        '/privacy',
        '/profile',
      ],
    },
    { who: 'member', client: member, urls: ['/', `/groups/${s.group.id}`, `/stories/${story}`, `/rounds/${s.round.id}`] },
    {
      who: 'facilitator',
      client: facilitator,
      urls: [
        '/',
        '/rounds',
        '/rounds/new',
        `/rounds/${s.round.id}`,
        `/groups/${s.group.id}`,
        '/themes',
        '/themes/cluster',
        '/reports',
        '/stories',
      ],
    },
    { who: 'observer', client: observer.client, urls: ['/', '/reports', `/rounds/${published}`] },
    { who: 'admin', client: admin.client, urls: ['/', '/users', '/users/new', '/operations'] },
  ];
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('html-validate over the pages', () => {
  it('finds nothing on any page of any role, and every page has a meta description (Lighthouse SEO)', async () => {
    const found: string[] = [];
    const described: Array<[string, boolean]> = [];
    for (const { who, client, urls } of pages) {
      for (const url of urls) {
        const res = await client.get(url);
        expect([200, 404], `${who} ${url}`).toContain(res.statusCode);
        described.push([`${who} ${url}`, /<meta name="description" content="[^"]+">/.test(res.body)]);
        const report = await validator.validateString(res.body);
        for (const result of report.results)
          for (const m of result.messages) found.push(`${who} ${url}: ${m.ruleId} ${m.message} (line ${m.line}) ${m.selector ?? ''}`);
      }
    }
    expect(found).toEqual([]);
    expect(described.filter(([, has]) => !has).map(([page]) => page)).toEqual([]);
  });
});
