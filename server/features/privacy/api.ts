// The data-rights API: a person's own data (GET /api/v1/me/export) and an administrator's erasure of a person.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { id } from '../../lib/schemas.js';
import { erasePerson, exportFileName, exportPerson } from './service.js';

export const eraseBody = z.object({ stories: z.enum(['remove', 'anonymise']) });

const erasureAnswer = z.object({
  id: z.string(),
  stories_removed: z.number(),
  stories_anonymised: z.number(),
  comments_kept: z.number(),
  ballots_kept: z.number(),
});

/** Everything the platform holds about the person, as a JSON download (the API and the /privacy page alike). */
export async function sendPersonExport(ctx: Pick<AppContext, 'db'>, userId: string, reply: FastifyReply): Promise<FastifyReply> {
  const data = await exportPerson(ctx.db, userId);
  return reply
    .header('content-disposition', `attachment; filename="${exportFileName()}"`)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(data, null, 2));
}

export default async function privacyApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/me/export',
    { config: { access: 'signed-in' }, schema: { tags: ['privacy'], summary: 'Everything the platform holds about the caller, as JSON' } },
    async (request, reply) => sendPersonExport(app.ctx, request.user!.id, reply),
  );

  app.post(
    '/api/v1/users/:id/erase',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['privacy'],
        summary: 'Erase a person; their stories are removed or kept anonymised',
        params: z.object({ id }),
        body: eraseBody,
        response: { 200: erasureAnswer },
      },
    },
    async (request) => erasePerson(app.db, request.user!.id, request.params.id, request.body.stories),
  );
}
