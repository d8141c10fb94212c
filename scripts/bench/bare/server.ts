// The bare floor: plain Fastify doing the same work as the real routes (same tables, queries, JSON and page content)
// without our framework code: no plugins, hooks, schemas, access module, i18n or session library. Run by _servers.ts.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { postgresStore, sqliteStore, type BareUser, type StoryRow } from './store.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const store = databaseUrl.startsWith('postgres') ? postgresStore(databaseUrl) : sqliteStore(databaseUrl.replace(/^sqlite:\/\//, ''));
const secret = process.env.SESSION_SECRET ?? '';
const page = Handlebars.compile(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'stories.hbs'), 'utf8'));
const app = Fastify({ logger: false });

function unauthorized(reply: FastifyReply) {
  return reply.code(401).type('application/problem+json').send({ type: 'about:blank', title: 'Unauthorized', status: 401 });
}

async function bearerUser(request: FastifyRequest): Promise<BareUser | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  return store.userByTokenHash(createHash('sha256').update(match[1]!).digest('hex'), new Date().toISOString());
}

/** The real server's session cookie (`<id>.<HMAC-SHA256>`, as @fastify/cookie signs it), checked and looked up. */
async function sessionUser(request: FastifyRequest): Promise<BareUser | undefined> {
  const raw = /(?:^|;\s*)significant=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!raw) return undefined;
  const value = decodeURIComponent(raw);
  const dot = value.lastIndexOf('.');
  const id = value.slice(0, dot);
  const expected = Buffer.from(createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, ''));
  const given = Buffer.from(value.slice(dot + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const row = await store.sessionData(id);
  if (!row || row.expires_at < new Date().toISOString()) return undefined;
  const userId = (JSON.parse(row.data) as { userId?: string }).userId;
  return userId ? store.userById(userId) : undefined;
}

/** The same 50 stories as the real list: rows, theme ids, the locked flag, the author rule and the next cursor. */
async function storyPage(viewer: BareUser, limit: number) {
  const rows = await store.listStories(viewer.id, limit + 1);
  const items = rows.slice(0, limit);
  const ids = items.map((r) => r.id);
  const [themes, locked] = ids.length ? await Promise.all([store.themeIds(ids), store.lockedIds(ids)]) : [[], []];
  const themeIds = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const t of themes) themeIds.get(t.story_id)?.push(t.theme_id);
  const lockedIds = new Set(locked);
  const last = items[items.length - 1];
  const next_cursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([last.created_at, Number(last.serial)])).toString('base64url') : null;
  return { items: items.map((r) => present(r, viewer, themeIds.get(r.id) ?? [], lockedIds.has(r.id))), next_cursor };
}

function present(r: StoryRow, viewer: BareUser, theme_ids: string[], locked: boolean) {
  const anonymous = r.anonymous === 1;
  const showDetails = r.show_details === 1;
  // An anonymous author's role and organisation are shown only to the author, or to all when the author chose so.
  const details = !anonymous || showDetails || viewer.id === r.author_id;
  return {
    id: r.id,
    serial: Number(r.serial),
    title: r.title,
    story: r.story,
    significance: r.significance,
    story_html: r.story_html,
    significance_html: r.significance_html,
    author_name: !anonymous || viewer.id === r.author_id ? r.author_name : null,
    anonymous,
    role: details ? r.role : null,
    story_date: r.story_date,
    status: r.status,
    theme_ids,
    language: r.language,
    template: r.template,
    learning_question: r.learning_question,
    extra: typeof r.extra === 'string' ? (JSON.parse(r.extra) as unknown) : null,
    consent_report: r.consent_report === 1,
    consent_quote: r.consent_quote === 1,
    show_details: showDetails,
    organization_id: details ? r.organization_id : null,
    round_id: r.round_id,
    locked,
    submitted_at: r.submitted_at,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

const excerpt = (html: string) =>
  String(html)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 240);

app.get('/healthz', async () => {
  await store.ping();
  return { status: 'ok' };
});

// Ballots: the token's hash looked up, one row upserted in a transaction (what the issue names as the floor).
app.put<{ Params: { id: string }; Body: { ranking?: unknown } }>('/api/v1/groups/:id/ballot', async (request, reply) => {
  const user = await bearerUser(request);
  if (!user) return unauthorized(reply);
  const ranking = request.body?.ranking;
  if (!Array.isArray(ranking) || !ranking.every((s) => typeof s === 'string')) return reply.code(400).send({ status: 400 });
  const now = new Date().toISOString();
  const content = JSON.stringify({ ranking });
  await store.upsertBallot({ id: randomUUID(), group_id: request.params.id, voter_id: user.id, content, now });
  return { group_id: request.params.id, iteration: 1, ballot: { ranking } };
});

app.get<{ Querystring: { limit?: string } }>('/api/v1/stories', async (request, reply) => {
  const user = await bearerUser(request);
  if (!user) return unauthorized(reply);
  return storyPage(user, Math.min(200, Math.max(1, Number(request.query.limit ?? 50) || 50)));
});

app.get<{ Querystring: { limit?: string } }>('/stories', async (request, reply) => {
  const user = await sessionUser(request);
  if (!user) return reply.redirect('/sign-in', 303);
  const limit = Math.min(200, Math.max(1, Number(request.query.limit ?? 20) || 20));
  const [list, choices] = await Promise.all([storyPage(user, limit), store.filterChoices()]);
  const items = list.items.map((s) => ({
    ...s,
    excerpt: excerpt(String(s.story_html)),
    author: s.author_name ?? 'Anonymous',
    date: s.story_date ?? s.created_at,
  }));
  const html = page({ user, items, ...choices, canWrite: user.role !== 'observer', next_cursor: list.next_cursor });
  return reply.type('text/html; charset=utf-8').send(html);
});

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
