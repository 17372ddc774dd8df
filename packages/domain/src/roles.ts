/** Roles and what they allow. Scope (the org subtree) is checked separately. */

export const ROLES = ['admin', 'planner', 'reporter', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'user.manage'
  | 'audit.read'
  | 'plan.write'
  | 'activity.write'
  | 'report.write'
  | 'report.review';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.manage', 'user.manage', 'audit.read'],
  planner: ['org.read', 'plan.write'],
  reporter: ['org.read', 'activity.write', 'report.write'],
  reviewer: ['org.read', 'report.review'],
  viewer: ['org.read'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => GRANTS[r].includes(permission));
}
