/**
 * Who may do what in a workspace. One table, read by the server's authorization middleware
 * (tRPC and socket.io) and by the UI to hide controls a member cannot use.
 */
export const ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'AGENT', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  EDITOR: 'Editor',
  AGENT: 'Agent',
  VIEWER: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: 'Everything, including deleting the workspace and naming other owners.',
  ADMIN: 'Manage members, invitations, secrets and every bot.',
  EDITOR: 'Build, test and publish bots; answer handoffs.',
  AGENT: 'Answer conversations handed off to a human; read bots and transcripts.',
  VIEWER: 'Read bots, dashboards and transcripts; change nothing.',
};

const everyone: readonly Role[] = ROLES;
const builders: readonly Role[] = ['OWNER', 'ADMIN', 'EDITOR'];
const managers: readonly Role[] = ['OWNER', 'ADMIN'];

export const PERMISSIONS = {
  'workspace:read': everyone,
  'workspace:rename': managers,
  'workspace:delete': ['OWNER'],
  'members:read': everyone,
  'members:manage': managers,
  'bots:read': everyone,
  'bots:edit': builders,
  'bots:publish': builders,
  'conversations:read': everyone,
  'inbox:work': ['OWNER', 'ADMIN', 'EDITOR', 'AGENT'],
  'analytics:read': ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'],
  'secrets:manage': managers,
  'apiKeys:manage': managers,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles that `actor` may hand out: only an owner can make another owner. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === 'OWNER') return [...ROLES];
  if (actor === 'ADMIN') return ROLES.filter((r) => r !== 'OWNER');
  return [];
}
