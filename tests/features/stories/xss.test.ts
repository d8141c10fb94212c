// XSS corpus: classic payloads in every text field of a story; nothing executable comes out in any page or in story_html.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, makeRound, makeUser, PageClient, tokenFor } from '../../helpers/factories.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '![x](x" onerror="alert(1))',
  '<details open ontoggle=alert(1)>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><button>x</button></form>',
  '[x](vbscript:msgbox(1))',
  '<object data="x"></object><embed src="x">',
  '{{constructor.constructor("alert(1)")()}}',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<base href="https://evil.example/">',
  '`<script>alert(1)</script>`',
  '<<script>script>alert(1)<</script>/script>',
  '<p title="</p><script>alert(1)</script>">x</p>',
];

/** What could run in a page: script elements, event handlers, dangerous URL schemes, embedding elements. */
function executable(html: string): string[] {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  const problems: string[] = [];
  if (/<script\b(?![^>]*\bsrc="\/public\/)/i.test(main)) problems.push('script element');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(main)) problems.push('event handler attribute');
  if (/\s(?:href|src|action|formaction|data|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.test(main))
    problems.push('dangerous URL');
  if (/<(?:iframe|object|embed|svg|math|img|style|base|link|meta)\b/i.test(main)) problems.push('embedding element');
  if (/<[a-z][^>]*\sstyle\s*=/i.test(main)) problems.push('style attribute');
  if (/<form\b[^>]*action="(?!\/)/i.test(main)) problems.push('form to elsewhere');
  return problems;
}

let app: FastifyInstance;
let token: string;
let client: PageClient;
let backcastRound: string;

beforeAll(async () => {
  app = await buildTestApp();
  const author = await makeUser(app, { role: 'facilitator' });
  token = await tokenFor(app, author);
  client = new PageClient(app);
  await client.signIn(author.email);
  backcastRound = await makeRound(app.db, { title: 'Backcast', template: 'backcast' });
});
afterAll(async () => {
  await app?.close();
});

describe('XSS corpus', () => {
  it('checks the checker', () => {
    expect(executable('<main><img src=x onerror=alert(1)></main>')).toEqual(['event handler attribute', 'embedding element']);
    expect(executable('<main><a href="javascript:x">x</a></main>')).toEqual(['dangerous URL']);
    expect(executable('<main><p>&lt;script&gt;</p></main>')).toEqual([]);
  });

  for (const [i, payload] of PAYLOADS.entries()) {
    it(`payload ${i + 1}: ${payload.slice(0, 40)}`, async () => {
      const extra = { dream: payload, solution: payload, steps: payload, needs: payload };
      const body = {
        title: payload,
        story: payload,
        significance: payload,
        role: payload,
        learning_question: payload,
        author_name: payload,
        anonymous: false,
        round_id: backcastRound,
        extra,
      };
      const created = await api(app, token).post('/api/v1/stories', body);
      expect(created.statusCode).toBe(201);
      const story = created.json();
      expect(executable(`<main>${story.story_html}</main>`), 'story_html').toEqual([]);
      expect(executable(`<main>${story.significance_html}</main>`), 'significance_html').toEqual([]);
      await api(app, token).patch(`/api/v1/stories/${story.id}`, { story: `${payload} again` });
      for (const url of [
        '/',
        '/stories',
        `/stories?q=${encodeURIComponent(payload)}`,
        `/stories/${story.id}`,
        `/stories/${story.id}/edit`,
        `/stories/${story.id}/history`,
        `/stories/${story.id}/submit`,
      ]) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBeLessThan(400);
        expect(executable(res.body), url).toEqual([]);
      }
      // The failed form re-renders what was typed, escaped.
      const failed = await client.post('/stories', {
        title: payload,
        story: payload,
        significance: payload,
        role: payload,
        anonymous: '',
        action: 'submit',
      });
      expect(failed.statusCode).toBe(422);
      expect(executable(failed.body), 'failed form').toEqual([]);
    });
  }
});
