import { describe, expect, it } from 'vitest';
import { assignableRoles, can, PERMISSIONS, ROLES, type Permission, type Role } from './permissions';

describe('permissions', () => {
  it('grants exactly this table (a change here is a security decision: update the role-matrix test too)', () => {
    const table = Object.fromEntries(
      (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [permission, ROLES.filter((role) => can(role, permission))]),
    );
    expect(table).toEqual({
      'workspace:read': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER'],
      'workspace:rename': ['OWNER', 'ADMIN'],
      'workspace:delete': ['OWNER'],
      'members:read': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER'],
      'members:manage': ['OWNER', 'ADMIN'],
      'bots:read': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER'],
      'bots:edit': ['OWNER', 'ADMIN', 'EDITOR'],
      'bots:publish': ['OWNER', 'ADMIN', 'EDITOR'],
      'conversations:read': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER'],
      'inbox:work': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT'],
      'analytics:read': ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'],
      'secrets:manage': ['OWNER', 'ADMIN'],
      'apiKeys:manage': ['OWNER', 'ADMIN'],
    });
  });

  it('grants nothing without a role, or to an unknown one', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
      expect(can('SUPERUSER' as Role, permission)).toBe(false);
    }
  });

  it('lets only an owner hand out the owner role; others hand out none', () => {
    expect(assignableRoles('OWNER')).toEqual(['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER']);
    expect(assignableRoles('ADMIN')).toEqual(['ADMIN', 'EDITOR', 'AGENT', 'VIEWER']);
    for (const role of ['EDITOR', 'AGENT', 'VIEWER'] as const) expect(assignableRoles(role)).toEqual([]);
  });
});
