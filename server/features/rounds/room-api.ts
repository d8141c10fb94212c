// The meeting in the room, in the API: the votes counted on paper or by hands (API.md "The meeting in the room").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { enterCountedVotes } from './counted-votes.js';
import { countBody, countView } from './room-schemas.js';
import { idParams } from './schemas.js';

export default async function roomApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/api/v1/groups/:id/tally',
    {
      config: { access: ['facilitator'] },
      schema: {
        tags: ['groups'],
        summary: "Votes counted in the room (paper, hands) for the group's current vote; the results add them to the ballots",
        params: idParams,
        body: countBody,
        response: { 200: countView },
      },
    },
    async (request) => enterCountedVotes(app.ctx, request.user!, request.params.id, request.body),
  );
}
