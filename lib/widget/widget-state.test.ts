import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../chat/chat-message';
import {
  applyStreamDelta,
  forgetConversation,
  initialWidgetState,
  isFinalSendError,
  lastSeq,
  MAX_OUTBOX,
  mergeMessages,
  parseStoredSession,
  pendingOutbox,
  queueMessage,
  randomId,
  settleOutbox,
  type OutboxItem,
} from './widget-state';

const message = (seq: number, author: ChatMessage['author'], extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  seq,
  author,
  text: `message ${seq}`,
  createdAt: '2026-12-01T10:00:00.000Z',
  ...extra,
});
const item = (n: number): OutboxItem => ({ clientMessageId: `cm-${n}-abcdefgh`, text: `typed ${n}`, createdAt: '2026-12-01T10:00:00.000Z' });

describe('mergeMessages', () => {
  it('keeps each message once, in conversation order, whatever order they arrive in', () => {
    let state = mergeMessages(initialWidgetState(), [message(2, 'bot'), message(0, 'bot')]);
    state = mergeMessages(state, [message(1, 'user'), message(2, 'bot')]);
    expect(state.messages.map((m) => m.seq)).toEqual([0, 1, 2]);
    expect(lastSeq(state)).toBe(2);
    expect(lastSeq(initialWidgetState())).toBe(-1);
  });

  it('ends the typing indicator when the bot answers, not when the visitor’s own message comes back', () => {
    const waiting = { ...initialWidgetState(), waiting: true };
    expect(mergeMessages(waiting, [message(1, 'user')]).waiting).toBe(true);
    expect(mergeMessages(waiting, [message(1, 'user'), message(2, 'bot')]).waiting).toBe(false);
  });

  it('replaces streamed text by the stored message, and ignores a late token of it', () => {
    let state = applyStreamDelta(initialWidgetState(), 's1', 'Hel');
    state = applyStreamDelta(state, 's1', 'lo');
    expect(state.streams).toEqual({ s1: 'Hello' });
    state = mergeMessages(state, [message(3, 'bot', { text: 'Hello!', streamId: 's1', streamed: true })]);
    expect(state.streams).toEqual({});
    expect(applyStreamDelta(state, 's1', ' late').streams).toEqual({});
  });
});

describe('outbox', () => {
  it('holds typed messages until the server confirms them, oldest first', () => {
    let session = queueMessage(queueMessage({ outbox: [] }, item(1)), item(2));
    expect(pendingOutbox(session, initialWidgetState()).map((i) => i.text)).toEqual(['typed 1', 'typed 2']);
    session = settleOutbox(session, item(1).clientMessageId);
    expect(session.outbox.map((i) => i.text)).toEqual(['typed 2']);
  });

  it('does not send again a message the conversation already holds (its acknowledgement was lost)', () => {
    const session = queueMessage({ outbox: [] }, item(1));
    const state = mergeMessages(initialWidgetState(), [message(1, 'user', { clientMessageId: item(1).clientMessageId })]);
    expect(pendingOutbox(session, state)).toEqual([]);
  });

  it('queues a message once per client id and keeps at most the newest ones', () => {
    let session = queueMessage({ outbox: [] }, item(1));
    session = queueMessage(session, item(1));
    expect(session.outbox).toHaveLength(1);
    for (let n = 2; n < MAX_OUTBOX + 5; n++) session = queueMessage(session, item(n));
    expect(session.outbox).toHaveLength(MAX_OUTBOX);
    expect(session.outbox.at(-1)!.text).toBe(`typed ${MAX_OUTBOX + 4}`);
  });

  it('retries only after failures on the server side', () => {
    expect(isFinalSendError('INTERNAL_SERVER_ERROR')).toBe(false);
    expect(isFinalSendError('TOO_MANY_REQUESTS')).toBe(true);
    expect(isFinalSendError('CONFLICT')).toBe(true);
  });
});

describe('stored session', () => {
  it('reads back what the widget wrote', () => {
    const session = { visitorId: 'v_abcdefgh', conversationId: 'c1', token: 'x'.repeat(32), outbox: [item(1)], rated: true };
    expect(parseStoredSession(JSON.stringify(session))).toEqual(session);
  });

  it.each([null, '', 'not json', '[]', '{"conversationId": 5}', JSON.stringify({ outbox: [{ text: 1 }] })])('starts afresh from %j', (raw) => {
    expect(parseStoredSession(raw)).toEqual({ outbox: [] });
  });

  it('forgets an ended conversation but keeps the visitor', () => {
    expect(forgetConversation({ visitorId: 'v1', conversationId: 'c', token: 't', outbox: [item(1)], rated: true })).toEqual({ visitorId: 'v1', outbox: [] });
  });

  it('makes ids the server accepts', () => {
    expect(randomId('cm_')).toMatch(/^cm_[A-Za-z0-9_-]{22}$/);
    expect(randomId('cm_')).not.toBe(randomId('cm_'));
  });
});
