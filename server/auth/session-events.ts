import { EventEmitter } from 'node:events';
import type { Role } from '../../lib/permissions';

interface SessionEventMap {
  /** A session ended (sign-out): its sockets must be disconnected. */
  revoked: [sessionId: string];
  /** A user lost access to a workspace: their sockets must leave its rooms. */
  membershipRemoved: [userId: string, workspaceId: string];
  /** A member's role changed: sockets must drop what the new role may not follow (the inbox). */
  roleChanged: [userId: string, workspaceId: string, role: Role];
}

const holder = globalThis as typeof globalThis & { __flowboardSessionEvents?: EventEmitter<SessionEventMap> };

/** Process-wide, shared through globalThis because Next loads route modules more than once. */
export const sessionEvents: EventEmitter<SessionEventMap> = (holder.__flowboardSessionEvents ??=
  new EventEmitter<SessionEventMap>());
