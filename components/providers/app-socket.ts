'use client';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/socket-events';

/** A member's socket to the app's own server, typed with the event maps the server uses. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an acknowledgement may take before the call counts as failed. */
export const ACK_TIMEOUT_MS = 15_000;

/**
 * Opens a socket to the members' namespace of the page's own origin. The session cookie
 * authenticates it at handshake; the server checks the Origin header. WebSocket only: the app
 * and its socket.io share one server, so long-polling would add nothing but round trips.
 */
export function connectAppSocket(): AppSocket {
  return io({ transports: ['websocket'], withCredentials: true });
}

/** An acknowledged reply, or the error a failed or unanswered call becomes. */
export type AckReply<T> = { data: T } | { error: { code: string; message: string } };

/**
 * Emits an event and waits for its acknowledgement (`{ data } | { error }`). A timeout or a
 * dropped connection resolves as an error too, so callers handle one shape.
 */
export async function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: AppSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckReply<AckData<E>>> {
  try {
    // socket.io's typed emitWithAck cannot narrow a generic event name; the reply type is the ack's.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: E, payload: unknown): Promise<AckReply<AckData<E>>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return {
      error: {
        code: 'TIMEOUT',
        message: socket.connected ? 'The server did not answer in time. Try again.' : 'Not connected to the server. Check your connection; it reconnects by itself.',
      },
    };
  }
}

type AckData<E extends keyof ClientToServerEvents> = NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (reply: infer R) => void
  ? R extends { data: infer D }
    ? D
    : never
  : never;
