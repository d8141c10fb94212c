// API tokens: POST /api/v1/tokens (with `totp` when the person uses MFA) and DELETE /api/v1/tokens/current.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { revokeToken } from './repository.js';
import { AppError, TooManyRequests, Unauthorized, ValidationError } from '../../errors.js';
import { credentials, tokenAnswer } from './schemas.js';
import { audit, checkCredentials } from './service.js';
import { checkSecondFactor, mfaEnabled, mfaRequiredFor } from './mfa.js';
import { accountKey, accountWaitSeconds, recordAccountFailure, recordAccountSuccess } from './rate-limit.js';
import { issueToken } from './tokens.js';

const tokenBody = credentials.extend({
  /** The current code of the authenticator app (or a recovery code); required once the person has turned MFA on. */
  totp: z.string().trim().max(40).optional(),
});

async function refuseWhileWaiting(app: FastifyInstance, request: FastifyRequest, key: string): Promise<void> {
  const wait = await accountWaitSeconds(app.db, key);
  if (wait > 0) {
    request.log.warn({ event: 'token_throttled' }, 'token attempts throttled');
    throw new TooManyRequests(wait);
  }
}

export default async function accountApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'public', rateLimit: {} },
      schema: { tags: ['auth'], body: tokenBody, response: { 201: tokenAnswer }, security: [] },
    },
    async (request, reply) => {
      const key = accountKey('sign-in', request.body.email);
      await refuseWhileWaiting(app, request, key);
      const user = await checkCredentials(app.db, app.config, request.body.email, request.body.password);
      if (!user) {
        await recordAccountFailure(app.db, key);
        request.log.info({ event: 'token_refused' }, 'token refused');
        throw new Unauthorized('Wrong e-mail address or password');
      }
      await recordAccountSuccess(app.db, key);
      if (mfaRequiredFor(app.config, user)) throw new AppError(403, 'mfa_required', 'Turn on two-step sign-in on your profile page first');
      if (mfaEnabled(user)) {
        if (!request.body.totp)
          throw new ValidationError([{ path: 'totp', message: request.t('accounts.code.totp_required') }], 'A one-time code is required');
        const mfaKey = accountKey('mfa', user.id);
        await refuseWhileWaiting(app, request, mfaKey);
        if (!(await checkSecondFactor(app.db, user, request.body.totp))) {
          await recordAccountFailure(app.db, mfaKey);
          request.log.info({ event: 'token_refused', user_id: user.id, reason: 'code' }, 'token refused');
          throw new Unauthorized('Wrong one-time code');
        }
        await recordAccountSuccess(app.db, mfaKey);
      }
      const answer = await issueToken(app.db, user.id, app.config.TOKEN_TTL_DAYS);
      await audit(app.db, user.id, 'token.created', { type: 'user', id: user.id });
      request.log.info({ event: 'token_created', user_id: user.id }, 'token created');
      return reply.code(201).send(answer);
    },
  );

  app.delete('/api/v1/tokens/current', { config: { access: 'signed-in' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    if (request.tokenId) await revokeToken(app.db, request.tokenId);
    return reply.code(204).send();
  });
}
