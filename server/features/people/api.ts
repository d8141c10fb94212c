// People through the API (admins): POST and GET /api/v1/users, PATCH /api/v1/users/:id.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRow } from '../../db/tables/accounts.js';
import { requestContext } from '../../http/context.js';
import { createUserBody, patchUserBody, userParams, userView } from '../accounts/index.js';
import { addPerson, changePerson, listPeople } from './service.js';

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
}
