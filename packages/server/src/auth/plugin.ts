import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@binhdang/domain';
import type { Actor } from '../context.js';
import { actorForToken, SESSION_COOKIE } from './sessions.js';

/** Resolves the session cookie to an actor on every API request; routes then demand one. */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await actorForToken(app.db, token);
  });
  // "Who are you" comes before "what did you send": a signed-out request is a 401 whatever its body.
  app.addHook('preValidation', async (req) => {
    if (req.actor || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (req.routeOptions.url === undefined || req.routeOptions.config.public) return;
    throw new DomainError('unauthenticated', 'not signed in');
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('unauthenticated', 'not signed in');
  return req.actor;
}
