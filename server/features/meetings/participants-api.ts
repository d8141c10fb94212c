// The participants API: facilitators bring people into their round by e-mail, list them and take them out again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../http/context.js';
import { inviteToRound, listParticipants, removeFromRound } from './participants.js';
import { inviteAnswer, inviteBody, participantParams, participantView, roundParams } from './schemas.js';

export default async function participantsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['rounds'];

  app.post(
    '/api/v1/rounds/:id/participants',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        summary:
          'Bring a person into the round: a new address becomes a storyteller account with an invitation (201 invited), an existing person is added (201 added, no sign-in link), one already in it answers 200 already',
        params: roundParams,
        body: inviteBody,
        response: { 200: inviteAnswer, 201: inviteAnswer },
      },
    },
    async (request, reply) => {
      const answer = await inviteToRound(requestContext(request), request.user!, request.params.id, request.body, {
        locale: request.locale,
      });
      return reply.code(answer.status === 'already' ? 200 : 201).send(answer);
    },
  );

  app.get(
    '/api/v1/rounds/:id/participants',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags,
        summary: 'The people brought into the round',
        params: roundParams,
        response: { 200: z.object({ items: z.array(participantView) }) },
      },
    },
    async (request) => ({ items: await listParticipants(app.ctx, request.user!, request.params.id) }),
  );

  app.delete(
    '/api/v1/rounds/:id/participants/:userId',
    {
      config: { access: ['facilitator'] },
      schema: { tags, summary: 'Take a person out of the round (their account stays)', params: participantParams },
    },
    async (request, reply) => {
      await removeFromRound(app.ctx, request.user!, request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  );
}
