// The environment, read once through one zod schema; loadConfig is pure so tests can build any config.
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from './i18n/locales.js';
import { FACILITATOR_TERMS, ROUND_TERMS, type Terms } from './i18n/terms.js';

const databaseUrl = z
  .string()
  .default('sqlite:data/significant.sqlite')
  .transform((url, ctx) => {
    if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
      try {
        new URL(url);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not a valid postgres:// URL' });
        return z.NEVER;
      }
      return { dialect: 'postgres' as const, url };
    }
    if (url.startsWith('sqlite:')) {
      // sqlite:///abs/path.sqlite is absolute; sqlite:relative/path.sqlite is relative to the working directory.
      const rest = url.slice('sqlite:'.length);
      const file = rest.startsWith('//') ? rest.slice(2) : rest;
      if (file === '' || file === '/') {
        ctx.addIssue({ code: 'custom', message: 'names no SQLite file (sqlite:relative/path.sqlite or sqlite:///abs/path.sqlite)' });
        return z.NEVER;
      }
      return { dialect: 'sqlite' as const, file: file === ':memory:' ? file : path.resolve(file) };
    }
    ctx.addIssue({ code: 'custom', message: 'must start with postgres://, postgresql:// or sqlite:' });
    return z.NEVER;
  });

const termOf = (table: Record<string, unknown>) => z.enum(Object.keys(table) as [string, ...string[]]).optional();

/** The terms a configuration chose, in the shape t() takes them. */
export function configTerms(config: Config): Terms {
  return {
    round: { en: config.ROUND_TERM_EN, nl: config.ROUND_TERM_NL, fr: config.ROUND_TERM_FR },
    facilitator: { en: config.FACILITATOR_TERM_EN, nl: config.FACILITATOR_TERM_NL, fr: config.FACILITATOR_TERM_FR },
  };
}

const boolish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: databaseUrl,
  DEFAULT_LOCALE: z.enum(LOCALES).default('en'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  ADMIN_NAME: z.string().min(1).default('Administrator'),
  /** Secret for signing session cookies; generated and kept in the database when absent. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** The address people reach us at; https:// turns on Secure cookies and the __Host- prefix. */
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: boolish.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** argon2 cost; only tests lower it. */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Significant <no-reply@localhost>'),
  MFA_REQUIRED: boolish.default(false),
  /** Stories and inactive accounts expire after this many days (see features/privacy/retention.ts); unset keeps them forever. */
  STORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  ACCOUNT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  /** Sign-in, token and set-up attempts allowed per IP address per minute, shared by every instance. */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** The network's own words per language (i18n/terms.ts): what rounds and facilitators are called; unset keeps the first. */
  ROUND_TERM_EN: termOf(ROUND_TERMS.en),
  ROUND_TERM_NL: termOf(ROUND_TERMS.nl),
  ROUND_TERM_FR: termOf(ROUND_TERMS.fr),
  FACILITATOR_TERM_EN: termOf(FACILITATOR_TERMS.en),
  FACILITATOR_TERM_NL: termOf(FACILITATOR_TERMS.nl),
  FACILITATOR_TERM_FR: termOf(FACILITATOR_TERMS.fr),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the environment; throws a ConfigError whose message names each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if ((parsed.data.ADMIN_EMAIL === undefined) !== (parsed.data.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  return parsed.data;
}

export function isSecure(config: Config): boolean {
  return config.PUBLIC_URL?.startsWith('https://') ?? false;
}
