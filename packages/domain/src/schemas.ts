/**
 * Request and response schemas shared by the server (validation, OpenAPI) and the web app.
 * Request bodies are strict: an unknown field is an error naming that field.
 */
import { z } from 'zod';
import { ORG_CODE_PATTERN, ORG_KINDS } from './org.js';
import { ROLES } from './roles.js';

const isoDate = z.iso.date();
const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** An org unit reference: its UUID or its code (e.g. "12" for Lai Châu, "03391" for a commune). */
export const OrgRef = z.string().trim().min(1).max(64);

export const LoginBody = z.strictObject({
  username: trimmed(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(8).max(256),
});

export const Locale = z.enum(['vi', 'en']);
export const UpdateMeBody = z.strictObject({ locale: Locale });

export const OrgKindSchema = z.enum(ORG_KINDS);
export const RoleSchema = z.enum(ROLES);

export const OrgUnit = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  fullName: z.string().nullable(),
  kind: OrgKindSchema,
  unitType: z.string().nullable(),
  parentId: z.uuid().nullable(),
  path: z.string(),
  provinceCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  successorId: z.uuid().nullable(),
  childCount: z.number().int(),
  version: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitsQuery = z.strictObject({
  parent: OrgRef.optional(),
  /** Search inside this unit's subtree (it must be in scope) instead of the caller's whole scope. */
  under: OrgRef.optional(),
  kind: OrgKindSchema.optional(),
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OrgUnitsQuery = z.infer<typeof OrgUnitsQuery>;

export const OrgUnitList = z.object({
  items: z.array(OrgUnit),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const OrgUnitWithAncestors = OrgUnit.extend({
  ancestors: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: OrgKindSchema })),
});

export const CreateOrgUnitBody = z.strictObject({
  code: z.string().trim().regex(ORG_CODE_PATTERN),
  name: trimmed(200),
  nameEn: trimmed(200).optional(),
  fullName: trimmed(300).optional(),
  kind: OrgKindSchema,
  unitType: trimmed(60).optional(),
  parent: OrgRef,
  validFrom: isoDate.optional(),
});
export type CreateOrgUnitBody = z.infer<typeof CreateOrgUnitBody>;

export const RenameOrgUnitBody = z.strictObject({
  name: trimmed(200).optional(),
  nameEn: trimmed(200).nullable().optional(),
  fullName: trimmed(300).nullable().optional(),
  version: z.number().int().min(0),
});
export const MoveOrgUnitBody = z.strictObject({ parent: OrgRef, version: z.number().int().min(0) });
export const CloseOrgUnitBody = z.strictObject({ validTo: isoDate, version: z.number().int().min(0) });
export const MergeOrgUnitBody = z.strictObject({
  successor: OrgRef,
  validTo: isoDate,
  version: z.number().int().min(0),
});

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/);

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  orgUnitCode: z.string(),
  roles: z.array(RoleSchema),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: trimmed(120),
  password: z.string().min(8).max(256),
  orgUnit: OrgRef,
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  locale: Locale.default('vi'),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  displayName: trimmed(120).optional(),
  orgUnit: OrgRef.optional(),
  roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
  active: z.boolean().optional(),
  password: z.string().min(8).max(256).optional(),
  version: z.number().int().min(0),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UsersQuery = z.strictObject({
  orgUnit: OrgRef.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const Me = z.object({
  user: User,
  orgUnit: OrgUnit,
  permissions: z.array(z.string()),
});

export const AuditQuery = z.strictObject({
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()),
  }),
});

export const Health = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
