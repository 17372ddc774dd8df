import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUserBody, UpdateUserBody, User, UsersQuery } from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { createUser, getUser, listUsers, updateUser } from './service.js';

const Params = z.strictObject({ id: z.uuid() });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users bound to units in the caller’s subtree (admin)',
        querystring: UsersQuery,
        response: { 200: z.object({ items: z.array(User) }) },
      },
    },
    async (req) => listUsers(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'One user (admin)', params: Params, response: { 200: User } } },
    async (req) => getUser(app.db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user bound to a unit in scope (admin)',
        body: CreateUserBody,
        response: { 201: User },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(app.db, requireActor(req), req.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Update roles, unit, name, active flag or reset the password (admin)',
        params: Params,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    async (req) => updateUser(app.db, requireActor(req), req.params.id, req.body),
  );
};
