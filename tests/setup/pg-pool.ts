// A pool of PostgreSQL test databases shared by every test process of one run. Creating a database from the template
// and dropping it costs seconds on a small machine (WAL and fsync); emptying a released one costs milliseconds. A
// database goes back to the pool only when its schema is still the template's (a test that restores a dump or
// migrates down and up may leave another); otherwise it is dropped. Busy flags live in a registry database, so test
// processes never hand out the same database twice; whatever a crashed process held is dropped at the end of the run.
import pg from 'pg';

/** One text that changes when tables, columns, indexes, constraints, triggers or applied migrations differ. */
export const SCHEMA_FINGERPRINT = `
  select md5(concat_ws('|',
    (select string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, ''), ',' order by table_name, column_name)
       from information_schema.columns where table_schema = 'public'),
    (select string_agg(indexname || ':' || indexdef, ',' order by indexname) from pg_indexes where schemaname = 'public'),
    (select string_agg(c.conname || ':' || pg_get_constraintdef(c.oid), ',' order by c.conname)
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'),
    (select string_agg(t.tgname, ',' order by t.tgname) from pg_trigger t join pg_class r on r.oid = t.tgrelid
       join pg_namespace n on n.oid = r.relnamespace where n.nspname = 'public' and not t.tgisinternal),
    (select string_agg(name, ',' order by name) from kysely_migration)
  )) as fingerprint`;

/** The tables a released database is emptied of: all but Kysely's own bookkeeping. */
export const DATA_TABLES = `
  select quote_ident(tablename) as name from pg_tables
   where schemaname = 'public' and tablename not in ('kysely_migration', 'kysely_migration_lock') order by tablename`;

export interface PgPoolInfo {
  /** URL of the registry database that holds the busy flags. */
  registry: string;
  fingerprint: string;
  /** TRUNCATE of every data table, restarting identities. */
  empty: string;
}

/** The URL of database `name` on the server of `admin`. */
export function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
