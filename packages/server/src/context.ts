import type { Kysely } from 'kysely';
import type { DB, DbKind } from '@binhdang/db';
import { DomainError, hasPermission, isInSubtree, type Lang, type Permission, type Role } from '@binhdang/domain';

/** The signed-in user as every service sees it: who, where in the tree, and with which roles. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgPath: string;
  roles: Role[];
  locale: Lang;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, logout, OpenAPI). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    db: Kysely<DB>;
    dbKind: DbKind;
  }
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.roles, permission)) throw new DomainError('forbidden', `missing permission ${permission}`);
}

/** Scope rule: an actor reads and writes only inside the subtree of their own org unit. */
export function requireInScope(actor: Actor, path: string, field?: string): void {
  if (!isInSubtree(path, actor.orgPath)) {
    throw new DomainError('out_of_scope', 'outside scope', field ? { [field]: 'out of scope' } : {});
  }
}
