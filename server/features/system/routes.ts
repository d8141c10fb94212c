// Health check, the OpenAPI document and the language switch.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { LANGUAGE_COOKIE } from '../../http/i18n.js';
import { safeReturnPath } from '../../lib/paths.js';

export default async function systemRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    await sql`select 1`.execute(app.db);
    return reply.send({ status: 'ok' });
  });

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.post(
    '/language',
    {
      config: { access: 'public' },
      schema: { hide: true, body: z.object({ locale: z.enum(['en', 'nl']), return_to: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      const { locale, return_to } = request.body as { locale: 'en' | 'nl'; return_to?: string };
      reply.setCookie(LANGUAGE_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 86_400,
        secure: app.config.PUBLIC_URL?.startsWith('https://') ?? false,
      });
      if (request.user) {
        await app.db.updateTable('users').set({ locale, updated_at: new Date().toISOString() }).where('id', '=', request.user.id).execute();
      }
      return reply.redirect(safeReturnPath(return_to), 303);
    },
  );
}
