import { EventEmitter } from 'node:events';

interface SessionEventMap {
  /** A session ended (sign-out): its sockets must be disconnected. */
  revoked: [sessionId: string];
  /** A user lost access to a workspace: their sockets must leave its rooms. */
  membershipRemoved: [userId: string, workspaceId: string];
}

const holder = globalThis as typeof globalThis & { __flowboardSessionEvents?: EventEmitter<SessionEventMap> };

/** Process-wide, shared through globalThis because Next loads route modules more than once. */
export const sessionEvents: EventEmitter<SessionEventMap> = (holder.__flowboardSessionEvents ??=
  new EventEmitter<SessionEventMap>());
