// Organisations through the API: POST (admins, facilitators) and GET (anyone signed in) /api/v1/organizations.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organizationBody, organizationView } from './schemas.js';
import { createOrganization, listOrganizations } from './service.js';

export default async function organizationsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/organizations',
    {
      config: { access: ['admin', 'facilitator'] },
      schema: { tags: ['organizations'], body: organizationBody, response: { 201: organizationView } },
    },
    async (request, reply) => reply.code(201).send(await createOrganization(app.db, request.user!.id, request.body)),
  );

  app.get(
    '/api/v1/organizations',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['organizations'], response: { 200: z.object({ items: z.array(organizationView) }) } },
    },
    async () => ({ items: await listOrganizations(app.db) }),
  );
}
