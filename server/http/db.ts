// Connects to the database named by DATABASE_URL, migrates it, and hangs it off the app; closes it with the app.
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { connect, type Connection } from '../db/connect.js';
import type { Database, Dialect } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dialect: Dialect;
    connection: Connection;
  }
}

export default fp<{ config: Config; connection?: Connection }>(
  async (app, { config, connection }) => {
    const conn = connection ?? (await connect(config.DATABASE_URL));
    await migrateToLatest(conn.db);
    app.decorate('db', conn.db);
    app.decorate('dialect', conn.dialect);
    app.decorate('connection', conn);
    app.addHook('onClose', async () => {
      await conn.close();
    });
  },
  { name: 'db' },
);
