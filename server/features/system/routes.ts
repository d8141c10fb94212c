// Health check, the OpenAPI document and the language switch.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rememberLocale } from '../../http/i18n.js';
import { localeSchema } from '../../lib/schemas.js';
import { safeReturnPath } from '../../lib/paths.js';
import { checkHealth, chooseLanguage } from './service.js';

const languageBody = z.object({ locale: localeSchema, return_to: z.string().max(2000).optional() });

export default async function systemRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/healthz', { config: { access: 'public', whileEnrolling: true }, schema: { hide: true } }, async () => checkHealth(app.ctx));

  app.get('/api/v1/openapi.json', { config: { access: 'public', whileEnrolling: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.post(
    '/language',
    { config: { access: 'public', whileEnrolling: true }, schema: { hide: true, body: languageBody } },
    async (request, reply) => {
      rememberLocale(reply, app.config, request.body.locale);
      await chooseLanguage(app.ctx, request.user?.id ?? null, request.body.locale);
      return reply.redirect(safeReturnPath(request.body.return_to), 303);
    },
  );
}
