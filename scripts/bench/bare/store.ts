// The bare floor's data access: the same SQL the real server runs for these routes, written by hand against the driver
// (better-sqlite3 with the same pragmas, or a pg pool of the same size); no Kysely, no repositories.
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface BareUser {
  id: string;
  name: string;
  role: string;
}

export type StoryRow = Record<string, string | number | null> & { id: string; created_at: string; author_id: string | null };

export interface BareStore {
  ping(): Promise<void>;
  userByTokenHash(hash: string, now: string): Promise<BareUser | undefined>;
  userById(id: string): Promise<BareUser | undefined>;
  sessionData(id: string): Promise<{ data: string; expires_at: string } | undefined>;
  /** Inserts or replaces the voter's ballot in one transaction. */
  upsertBallot(row: { id: string; group_id: string; voter_id: string; content: string; now: string }): Promise<void>;
  listStories(viewerId: string, limit: number): Promise<StoryRow[]>;
  themeIds(ids: string[]): Promise<Array<{ story_id: string; theme_id: string }>>;
  lockedIds(ids: string[]): Promise<string[]>;
  filterChoices(): Promise<{ themes: unknown[]; organizations: unknown[]; rounds: unknown[] }>;
}

const USER_BY_TOKEN = `select users.id, users.name, users.role from api_tokens inner join users on users.id = api_tokens.user_id
  where api_tokens.token_hash = $1 and api_tokens.revoked_at is null and api_tokens.expires_at > $2 and users.active = 1`;
const USER_BY_ID = 'select id, name, role from users where id = $1 and active = 1';
const SESSION = 'select data, expires_at from sessions where id = $1';
const UPSERT_BALLOT = `insert into ballots (id, group_id, iteration, voter_id, content, created_at, updated_at)
  values ($1, $2, 1, $3, $4, $5, $5)
  on conflict (group_id, iteration, voter_id) do update set content = excluded.content, updated_at = excluded.updated_at`;
// SQLite: the unary + keeps the planner on the created_at index, as the real repository does.
const LIST = (plus: string) => `select * from stories where (${plus}status = 'submitted' or ${plus}author_id = $1)
  order by created_at desc, serial desc limit $2`;
const THEMES = (list: string) => `select story_id, theme_id from story_themes where story_id in (${list}) order by theme_id`;
const LOCKED = (list: string) => `select round_stories.story_id from round_stories inner join rounds on rounds.id = round_stories.round_id
  where round_stories.story_id in (${list}) and rounds.phase != 'collecting'`;
const CHOICES = [
  'select id, name, parent_id from themes order by position, name limit 500',
  'select id, name from organizations order by name limit 1000',
  'select id, title, phase, template from rounds order by created_at desc limit 200',
] as const;

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

export function sqliteStore(file: string): BareStore {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // better-sqlite3 takes $1 as a named parameter "1": bind with an object keyed 1..n.
  const named = (values: unknown[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (text: string) => {
    let statement = cache.get(text);
    if (!statement) cache.set(text, (statement = db.prepare(text)));
    return statement;
  };
  const all = <T>(text: string, values: unknown[] = []) => prepare(text).all(named(values)) as T[];
  const upsert = db.transaction((values: unknown[]) => prepare(UPSERT_BALLOT).run(named(values)));
  return {
    ping: async () => void prepare('select 1').get(),
    userByTokenHash: async (hash, now) => all<BareUser>(USER_BY_TOKEN, [hash, now])[0],
    userById: async (id) => all<BareUser>(USER_BY_ID, [id])[0],
    sessionData: async (id) => all<{ data: string; expires_at: string }>(SESSION, [id])[0],
    upsertBallot: async (r) => void upsert([r.id, r.group_id, r.voter_id, r.content, r.now]),
    listStories: async (viewerId, limit) => all<StoryRow>(LIST('+'), [viewerId, limit]),
    themeIds: async (ids) => all(THEMES(placeholders(ids.length)), ids),
    lockedIds: async (ids) => all<{ story_id: string }>(LOCKED(placeholders(ids.length)), ids).map((r) => r.story_id),
    filterChoices: async () => {
      const [themes, organizations, rounds] = CHOICES.map((q) => all(q));
      return { themes: themes!, organizations: organizations!, rounds: rounds! };
    },
  };
}

export function postgresStore(url: string): BareStore {
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {});
  const all = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];
  return {
    ping: async () => void (await pool.query('select 1')),
    userByTokenHash: async (hash, now) => (await all<BareUser>(USER_BY_TOKEN, [hash, now]))[0],
    userById: async (id) => (await all<BareUser>(USER_BY_ID, [id]))[0],
    sessionData: async (id) => (await all<{ data: string; expires_at: string }>(SESSION, [id]))[0],
    upsertBallot: async (r) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(UPSERT_BALLOT, [r.id, r.group_id, r.voter_id, r.content, r.now]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    listStories: (viewerId, limit) => all<StoryRow>(LIST(''), [viewerId, limit]),
    themeIds: (ids) => all(THEMES(placeholders(ids.length)), ids),
    lockedIds: async (ids) => (await all<{ story_id: string }>(LOCKED(placeholders(ids.length)), ids)).map((r) => r.story_id),
    filterChoices: async () => {
      const [themes, organizations, rounds] = await Promise.all(CHOICES.map((q) => all(q)));
      return { themes: themes!, organizations: organizations!, rounds: rounds! };
    },
  };
}
