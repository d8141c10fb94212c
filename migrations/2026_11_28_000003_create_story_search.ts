// Full-text search over stories.search_text (already folded for accents and case by the app):
// an FTS5 table kept by triggers on SQLite, a generated tsvector with a GIN index on PostgreSQL.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql`create virtual table stories_fts using fts5(story_id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger stories_fts_insert after insert on stories begin
      insert into stories_fts (story_id, search_text) values (new.id, new.search_text); end`.execute(db);
    await sql`create trigger stories_fts_update after update of search_text on stories begin
      update stories_fts set search_text = new.search_text where story_id = old.id; end`.execute(db);
    await sql`create trigger stories_fts_delete after delete on stories begin
      delete from stories_fts where story_id = old.id; end`.execute(db);
    return;
  }
  await sql`alter table stories add column search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(
    db,
  );
  await sql`create index stories_search on stories using gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const name of ['stories_fts_insert', 'stories_fts_update', 'stories_fts_delete']) {
      await sql`drop trigger ${sql.ref(name)}`.execute(db);
    }
    await sql`drop table stories_fts`.execute(db);
    return;
  }
  await sql`drop index stories_search`.execute(db);
  await sql`alter table stories drop column search_vector`.execute(db);
}
