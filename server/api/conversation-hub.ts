import { EventEmitter } from 'node:events';
import type { ChatMessage } from '../../lib/chat/chat-message';
import type { ConversationListener } from '../runtime/runtime-deps';

export type HubEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'token'; streamId: string; delta: string }
  | { type: 'status'; status: 'active' | 'handoff' | 'ended' };

/**
 * In-process fan-out of a conversation's events, for Server-Sent Events responses. Sockets get
 * the same events through socket.io rooms.
 */
export class ConversationHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  subscribe(conversationId: string, onEvent: (event: HubEvent) => void): () => void {
    this.emitter.on(conversationId, onEvent);
    return () => this.emitter.off(conversationId, onEvent);
  }

  readonly listener: Omit<ConversationListener, 'trace'> = {
    messages: (conversationId, messages) => {
      for (const message of messages) this.emitter.emit(conversationId, { type: 'message', message } satisfies HubEvent);
    },
    token: (conversationId, streamId, delta) => this.emitter.emit(conversationId, { type: 'token', streamId, delta } satisfies HubEvent),
    status: (conversationId, status) => this.emitter.emit(conversationId, { type: 'status', status } satisfies HubEvent),
  };
}

/** One listener that tells several: those in `listeners` when it is told (a listener added later is told too). */
export function combineListeners(listeners: Partial<ConversationListener>[]): ConversationListener {
  return {
    messages: (...args) => listeners.forEach((l) => l.messages?.(...args)),
    token: (...args) => listeners.forEach((l) => l.token?.(...args)),
    status: (...args) => listeners.forEach((l) => l.status?.(...args)),
    trace: (...args) => listeners.forEach((l) => l.trace?.(...args)),
    queue: (...args) => listeners.forEach((l) => l.queue?.(...args)),
  };
}
