/** Response types inferred from the shared zod schemas, so the web app and the server agree. */
import type { z } from 'zod';
import type {
  Me as MeSchema,
  OrgUnitList as OrgUnitListSchema,
  OrgUnitWithAncestors as OrgUnitWithAncestorsSchema,
} from '@binhdang/domain';

export type Me = z.infer<typeof MeSchema>;
export type OrgUnitList = z.infer<typeof OrgUnitListSchema>;
export type OrgUnitWithAncestors = z.infer<typeof OrgUnitWithAncestorsSchema>;
export type { OrgUnit, User, CreateUserBody, UpdateUserBody, OrgKind, Role, Permission } from '@binhdang/domain';
