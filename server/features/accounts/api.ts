// API tokens: POST /api/v1/tokens (with `totp` when the person uses MFA) and DELETE /api/v1/tokens/current.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../http/context.js';
import { credentials, tokenAnswer } from './schemas.js';
import { createApiToken, revokeCurrentToken } from './sign-in.js';

const tokenBody = credentials.extend({
  /** The current code of the authenticator app (or a recovery code); required once the person has turned MFA on. */
  totp: z.string().trim().max(40).optional(),
});

export default async function accountApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'public', rateLimit: {} },
      schema: { tags: ['auth'], body: tokenBody, response: { 201: tokenAnswer }, security: [] },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(requestContext(request), request.body, request.ip)),
  );

  app.delete(
    '/api/v1/tokens/current',
    { config: { access: 'signed-in', whileEnrolling: true, guests: 'self' }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      await revokeCurrentToken(app.ctx, request.tokenId);
      return reply.code(204).send();
    },
  );
}
