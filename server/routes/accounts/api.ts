// API tokens (POST /api/v1/tokens, DELETE /api/v1/tokens/current) and people (/api/v1/users).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRow } from '../../db/tables/accounts.js';
import { revokeToken } from '../../db/repositories/users.js';
import { Unauthorized } from '../../errors.js';
import { createUserBody, credentials, tokenAnswer, userView } from '../../schemas/accounts.js';
import { audit, checkCredentials, createUser } from '../../services/accounts.js';
import { issueToken } from '../../services/tokens.js';

export function presentUser(row: UserRow): z.infer<typeof userView> {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, organization_id: row.organization_id,
    locale: row.locale, active: row.active === 1, created_at: row.created_at,
  };
}

export default async function accountApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: credentials, response: { 201: tokenAnswer }, security: [] },
    },
    async (request, reply) => {
      const user = await checkCredentials(app.db, app.config, request.body.email, request.body.password);
      if (!user) {
        request.log.info({ event: 'token_refused' }, 'token refused');
        throw new Unauthorized('Wrong e-mail address or password');
      }
      const answer = await issueToken(app.db, user.id, app.config.TOKEN_TTL_DAYS);
      await audit(app.db, user.id, 'token.created', { type: 'user', id: user.id });
      return reply.code(201).send(answer);
    },
  );

  app.delete('/api/v1/tokens/current', { config: { access: 'signed-in' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    if (request.tokenId) await revokeToken(app.db, request.tokenId);
    return reply.code(204).send();
  });

  app.post(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], body: createUserBody, response: { 201: userView } } },
    async (request, reply) => {
      const user = await createUser(app.db, app.config, request.body, request.user?.id ?? null);
      return reply.code(201).send(presentUser(user));
    },
  );

  app.get(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], response: { 200: z.object({ items: z.array(userView) }) } } },
    async () => {
      const rows = await app.db.selectFrom('users').selectAll().orderBy('name').execute();
      return { items: rows.map(presentUser) };
    },
  );
}
