// buildApp(config): registers every plugin and route in boot order and returns the app; it never listens.
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createMailer } from './lib/mail.js';
import type { Connection } from './db/connect.js';
import { fromRoot } from './lib/root.js';
import auth from './http/auth.js';
import db from './http/db.js';
import errorHandler, { answerFrameworkError } from './http/error-handler.js';
import i18n from './http/i18n.js';
import { logSerializers } from './http/logging.js';
import security from './http/security.js';
import { fastSerializerCompiler } from './http/serializer.js';
import views from './http/views.js';
import './http/context.js';
import accountRoutes from './features/accounts/routes.js';
import homeRoutes from './features/home/routes.js';
import systemRoutes from './features/system/routes.js';
import organizationsRoutes from './features/organizations/routes.js';
import usersRoutes from './features/people/routes.js';
import profileRoutes from './features/profile/routes.js';
import storiesRoutes from './features/stories/routes.js';
import roundsRoutes from './features/rounds/routes.js';
import themesRoutes from './features/themes/routes.js';
import reportsRoutes from './features/reports/routes.js';
import publicationsRoutes from './features/publications/routes.js';
import sourcesRoutes from './features/sources/routes.js';
import operationsRoutes from './features/privacy/routes.js';
import meetingsRoutes from './features/meetings/routes.js';
import joinRoutes from './features/join/routes.js';
import { bootstrapAdmin, cleanUpSessions, identities, rateCounters, sessionRecords, sessionSecret } from './features/accounts/index.js';

const PUBLIC_DIR = fromRoot('public');

export interface BuildOptions {
  /** An already-open connection (tests pass one in); otherwise one is opened from config.DATABASE_URL. */
  connection?: Connection;
  logger?: boolean | object;
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const logDefaults = {
    level: config.LOG_LEVEL,
    // Never write credentials or story text to the log.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', 'token'],
      censor: '[redacted]',
    },
    serializers: logSerializers,
  };
  const app = Fastify({
    // Options given by the caller (a test's level and stream) keep the redaction defaults.
    logger: opts.logger === undefined ? logDefaults : typeof opts.logger === 'object' ? { ...logDefaults, ...opts.logger } : opts.logger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    frameworkErrors: answerFrameworkError(config.DEFAULT_LOCALE),
  }).withTypeProvider<ZodTypeProvider>();

  // A JSON content type with an empty body (a DELETE from many clients) is no body, not a 400; the rest keeps
  // Fastify's own parser with its prototype-poisoning protection.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  // Outside production every answer is checked against zod's own encoding (http/serializer.ts).
  app.setSerializerCompiler(fastSerializerCompiler({ crossCheck: config.NODE_ENV === 'test' }));
  app.decorate('config', config);

  await app.register(db, { config, connection: opts.connection });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Significant API',
        description: 'Most Significant Change: stories, selection rounds and themed reports.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Only the JSON API belongs in the document; the HTML pages are for people.
    transform: (input) =>
      input.url.startsWith('/api/v1/') ? jsonSchemaTransform(input) : { schema: { ...input.schema, hide: true }, url: input.url },
    // Schemas with an id (zod's .meta({ id }), needed for the recursive ones) become components the paths refer to.
    transformObject: jsonSchemaTransformObject,
  });
  const ctx: AppContext = { db: app.db, dialect: app.dialect, config, log: app.log, mail: createMailer(config, app.log) };
  app.decorate('ctx', ctx);
  // The cross-cutting plugins know no feature: the accounts feature hands them its sessions, counters and people here.
  await app.register(security, {
    config,
    sessionSecret: config.SESSION_SECRET ?? (await sessionSecret(ctx.db)),
    sessions: sessionRecords(ctx.db),
    counters: rateCounters(ctx.db),
    cleanUp: () => cleanUpSessions(ctx.db),
  });
  await app.register(i18n, { config });
  await app.register(auth, { config, identities: identities(ctx), enrolmentPage: '/profile/mfa' });
  await app.register(views);
  await app.register(errorHandler);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/public/',
    maxAge: '1h',
    // The installable app's service worker lives with the other files but serves the whole site, and updates at once.
    setHeaders: (res, file) => {
      if (file.endsWith('sw.js')) res.header('service-worker-allowed', '/').header('cache-control', 'no-cache');
      if (file.endsWith('.webmanifest')) res.header('content-type', 'application/manifest+json');
    },
  });

  await app.register(systemRoutes);
  await app.register(homeRoutes);
  await app.register(accountRoutes);
  await app.register(organizationsRoutes);
  await app.register(usersRoutes);
  await app.register(profileRoutes);
  await app.register(storiesRoutes);
  await app.register(roundsRoutes);
  await app.register(meetingsRoutes);
  await app.register(joinRoutes);
  await app.register(themesRoutes);
  await app.register(reportsRoutes);
  await app.register(publicationsRoutes);
  await app.register(sourcesRoutes);
  await app.register(operationsRoutes);

  await bootstrapAdmin(ctx.db, config);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}
