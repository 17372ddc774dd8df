import type { FastifyRequest } from 'fastify';
import type { Lang } from '@binhdang/domain';

/** The user's language: their saved choice, else Accept-Language, else Vietnamese. */
export function langOf(req: FastifyRequest): Lang {
  if (req.actor) return req.actor.locale;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && /^\s*en\b/i.test(accept)) return 'en';
  return 'vi';
}
