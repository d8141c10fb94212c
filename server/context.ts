// What a service receives instead of the Fastify instance: the database and its dialect, the configuration, a logger, the mailer.
import type { Config } from './config.js';
import type { Db, Dialect } from './db/database.js';
import type { Mailer } from './lib/mail.js';

/** The logger calls services make (pino's shape, so the app's logger fits; tests may pass a silent one). */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  log: Log;
  mail: Mailer;
}
