// The join API: facilitators make and revoke a group's join code; anyone with a live code joins the group as a guest.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { personName } from '../../access/display-name.js';
import { baseUrlOf } from '../../http/base-url.js';
import { requestContext } from '../../http/context.js';
import { codeParams, groupParams, joinAnswer, joinBody, joinCodeView } from './schemas.js';
import { joinWithToken, makeJoinCode, revokeJoinCode } from './service.js';

export default async function joinApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['groups'];

  app.post(
    '/api/v1/groups/:id/join-codes',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        summary: 'A short code (and link) that lets people in the room join this group; earlier codes of the group stop',
        params: groupParams,
        response: { 201: joinCodeView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await makeJoinCode(requestContext(request), request.user!, request.params.id, baseUrlOf(request))),
  );

  app.delete(
    '/api/v1/join-codes/:code',
    {
      config: { access: ['facilitator'] },
      schema: { tags, summary: 'Revoke a join code: nobody joins with it any more (guests who joined stay)', params: codeParams },
    },
    async (request, reply) => {
      await revokeJoinCode(requestContext(request), request.user!, request.params.code);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/join',
    {
      config: { access: 'public', rateLimit: {} },
      schema: {
        tags,
        summary:
          'Join a group with its code, as a guest (a first name or none): a token that acts in that group only, until the round closes',
        body: joinBody,
        response: { 201: joinAnswer },
        security: [],
      },
    },
    async (request, reply) => {
      const { joined, token, expires_at } = await joinWithToken(requestContext(request), request.body, request.locale);
      const name = personName({ name: joined.name, guest_number: joined.number }, (n) => request.t('join.guest', { number: n }));
      return reply.code(201).send({
        token,
        expires_at,
        participant: { id: joined.userId, name, number: joined.number },
        group_id: joined.groupId,
        round_id: joined.roundId,
      });
    },
  );
}
