// People through the API (admins): POST and GET /api/v1/users, PATCH /api/v1/users/:id, and a new invitation
// (POST /api/v1/users/:id/invitation).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRow } from '../../db/tables/accounts.js';
import { requestContext } from '../../http/context.js';
import { createUserBody, patchUserBody, userParams, userView } from '../accounts/index.js';
import { addPerson, changePerson, findPerson, invitePerson, listPeople } from './service.js';

/** A new invitation: mailed to the person, or the link to pass on (only for an account nobody has signed in to yet). */
const invitationAnswer = z.object({ mailed: z.boolean(), invitation_link: z.string().nullable() });

function presentUser(row: UserRow): z.infer<typeof userView> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organization_id: row.organization_id,
    locale: row.locale,
    active: row.active === 1,
    created_at: row.created_at,
  };
}

export default async function usersApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], body: createUserBody, response: { 201: userView } } },
    async (request, reply) => reply.code(201).send(presentUser(await addPerson(requestContext(request), request.user!.id, request.body))),
  );

  app.get(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], response: { 200: z.object({ items: z.array(userView) }) } } },
    async () => ({ items: (await listPeople(app.db)).map(presentUser) }),
  );

  app.patch(
    '/api/v1/users/:id',
    { config: { access: ['admin'] }, schema: { tags: ['users'], params: userParams, body: patchUserBody, response: { 200: userView } } },
    async (request) => presentUser(await changePerson(requestContext(request), request.user!.id, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/users/:id/invitation',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary:
          'A new invitation link (an earlier one stops working). For someone who has signed in before it goes by mail only (invitation_link null; 409 without a mail server); mail needs PUBLIC_URL (409 public_url_missing)',
        params: userParams,
        response: { 201: invitationAnswer },
      },
    },
    async (request, reply) => {
      const ctx = requestContext(request);
      const person = await findPerson(ctx, request.params.id);
      return reply.code(201).send(await invitePerson(ctx, request.user!, person, request.locale));
    },
  );
}
