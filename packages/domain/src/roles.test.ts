import { describe, expect, it } from 'vitest';
import { hasPermission } from './roles.js';

describe('roles', () => {
  it('only admins manage users and org units', () => {
    expect(hasPermission(['admin'], 'user.manage')).toBe(true);
    for (const r of ['planner', 'reporter', 'reviewer', 'viewer'] as const) {
      expect(hasPermission([r], 'user.manage')).toBe(false);
      expect(hasPermission([r], 'org.manage')).toBe(false);
    }
  });

  it('a user holding several roles has the union of their permissions', () => {
    expect(hasPermission(['planner', 'reviewer'], 'plan.write')).toBe(true);
    expect(hasPermission(['planner', 'reviewer'], 'report.review')).toBe(true);
    expect(hasPermission(['planner', 'reviewer'], 'activity.write')).toBe(false);
  });

  it('a viewer only reads', () => {
    expect(hasPermission(['viewer'], 'org.read')).toBe(true);
    for (const p of ['plan.write', 'activity.write', 'report.write', 'report.review', 'audit.read'] as const) {
      expect(hasPermission(['viewer'], p)).toBe(false);
    }
  });
});
