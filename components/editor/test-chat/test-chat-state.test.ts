import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/chat/chat-message';
import type { TraceEntry } from '@/lib/flow/runtime-types';
import type { CanvasNode } from '../graph-to-flow';
import { markTestEdges, markTestPath } from './mark-test-path';
import { deriveTestPath, initialTestChatState, sameTestPath, testChatReducer, type TestChatAction, type TestChatState } from './test-chat-state';

const bot = (seq: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({ id: `m${seq}`, seq, author: 'bot', text, createdAt: '2026-01-01T00:00:00Z', ...extra });
const userEcho = (seq: number, text: string, clientMessageId: string): ChatMessage => ({ ...bot(seq, text), author: 'user', clientMessageId });
const enter = (nodeId: string, from?: string, handle = 'next'): TraceEntry => ({ nodeId, kind: 'enter', message: nodeId, ...(from ? { data: { from, handle } } : {}) });
const wait = (nodeId: string): TraceEntry => ({ nodeId, kind: 'wait', message: 'Waiting for the visitor' });

const play = (actions: TestChatAction[], from: TestChatState = initialTestChatState) => actions.reduce(testChatReducer, from);
const texts = (state: TestChatState) => state.turns.map((t) => [t.user?.text ?? null, t.bot.map((l) => l.text)]);

/** A started conversation c1 whose greeting arrived as events before the acknowledgement. */
const started = play([
  { type: 'start', turnId: 's1' },
  { type: 'trace', conversationId: 'c1', trace: [enter('start'), enter('hello', 'start'), wait('hello')], ownMs: 1.5 },
  { type: 'message', conversationId: 'c1', message: bot(0, 'Hello!', { quickReplies: [{ label: 'Hours', payload: 'hours' }] }) },
  { type: 'started', startId: 's1', conversationId: 'c1', messages: [bot(0, 'Hello!', { quickReplies: [{ label: 'Hours', payload: 'hours' }] })] },
]);

describe('testChatReducer', () => {
  it('takes events that arrive before the start is acknowledged, and shows each message once', () => {
    expect(started).toMatchObject({ conversationId: 'c1', phase: 'active', error: null });
    expect(texts(started)).toEqual([[null, ['Hello!']]]);
    expect(started.turns[0]!.traces).toHaveLength(1);
    expect(started.turns[0]!.bot[0]!.quickReplies).toEqual([{ label: 'Hours', payload: 'hours' }]);
  });

  it('starts a turn per message sent, confirmed by its echo, with the replies and traces that follow', () => {
    const state = play(
      [
        { type: 'send', turnId: 't2', clientMessageId: 'cm-00000001', text: 'hours' },
        { type: 'trace', conversationId: 'c1', trace: [{ nodeId: 'hello', kind: 'intent', message: 'Matched hours' }, enter('answer', 'hello', 'intent:hours')], ownMs: 2 },
        { type: 'message', conversationId: 'c1', message: userEcho(1, 'hours', 'cm-00000001') },
        { type: 'message', conversationId: 'c1', message: bot(2, 'We open at 9') },
        { type: 'sent', conversationId: 'c1', messages: [userEcho(1, 'hours', 'cm-00000001'), bot(2, 'We open at 9')] },
      ],
      started,
    );
    expect(texts(state)).toEqual([
      [null, ['Hello!']],
      ['hours', ['We open at 9']],
    ]);
    expect(state.turns[1]!.user).toEqual({ text: 'hours', clientMessageId: 'cm-00000001', messageId: 'm1', failed: false });
    expect(state.turns[1]!.traces[0]!.ownMs).toBe(2);
  });

  it('shows streamed tokens as they arrive and replaces them with the stored message of the same stream', () => {
    const streaming = play(
      [
        { type: 'send', turnId: 't2', clientMessageId: 'cm-00000002', text: 'tell me' },
        { type: 'token', conversationId: 'c1', streamId: 'c1:1', delta: 'Once ' },
        { type: 'token', conversationId: 'c1', streamId: 'c1:1', delta: 'upon' },
      ],
      started,
    );
    expect(streaming.turns[1]!.bot).toEqual([{ key: 'stream:c1:1', messageId: null, streamId: 'c1:1', author: 'bot', text: 'Once upon', streaming: true }]);

    const done = play(
      [
        { type: 'message', conversationId: 'c1', message: bot(3, 'Once upon a time', { streamed: true, streamId: 'c1:1' }) },
        { type: 'token', conversationId: 'c1', streamId: 'c1:1', delta: ' late' },
      ],
      streaming,
    );
    expect(done.turns[1]!.bot).toEqual([{ key: 'stream:c1:1', messageId: 'm3', streamId: 'c1:1', author: 'bot', text: 'Once upon a time', streaming: false }]);
  });

  it('ignores a restarted conversation’s late events, and the acknowledgement of an earlier start', () => {
    const restarted = play(
      [
        { type: 'start', turnId: 's2' },
        { type: 'message', conversationId: 'c1', message: bot(9, 'Late reply from the old conversation') },
        { type: 'started', startId: 's1', conversationId: 'c0', messages: [bot(0, 'An even older start')] },
        { type: 'message', conversationId: 'c2', message: bot(0, 'Fresh hello') },
        { type: 'started', startId: 's2', conversationId: 'c2', messages: [bot(0, 'Fresh hello')] },
      ],
      started,
    );
    expect(restarted).toMatchObject({ conversationId: 'c2', phase: 'active', retired: ['c1', 'c0'] });
    expect(texts(restarted)).toEqual([[null, ['Fresh hello']]]);
  });

  it('shows a refused message as not sent with the reason, and a failed start as not started', () => {
    const refused = play(
      [
        { type: 'send', turnId: 't2', clientMessageId: 'cm-00000003', text: 'hi' },
        { type: 'failed', clientMessageId: 'cm-00000003', error: { code: 'CONFLICT', message: 'This test conversation has ended.' } },
      ],
      started,
    );
    expect(refused.turns[1]!.user?.failed).toBe(true);
    expect(refused.error).toEqual({ code: 'CONFLICT', message: 'This test conversation has ended.' });

    const notStarted = play([
      { type: 'start', turnId: 's1' },
      { type: 'failed', error: { code: 'FORBIDDEN', message: 'You cannot edit bots here.' } },
    ]);
    expect(notStarted).toMatchObject({ phase: 'idle', conversationId: null, error: { code: 'FORBIDDEN' } });
  });

  it('follows the conversation status', () => {
    expect(play([{ type: 'status', conversationId: 'c1', status: 'ended' }], started).phase).toBe('ended');
    expect(play([{ type: 'status', conversationId: 'other', status: 'ended' }], started).phase).toBe('active');
  });

  it('keeps only well-formed trace entries', () => {
    const state = play([{ type: 'trace', conversationId: 'c1', trace: [null, 'x', { kind: 'enter' }, enter('a')], ownMs: 0 }], started);
    expect(state.turns[0]!.traces[1]!.trace).toEqual([enter('a')]);
  });
});

describe('deriveTestPath', () => {
  it('marks the nodes entered, the branches taken and the node the conversation waits at', () => {
    const state = play(
      [
        { type: 'send', turnId: 't2', clientMessageId: 'cm-00000004', text: 'hours' },
        { type: 'trace', conversationId: 'c1', trace: [{ nodeId: 'hello', kind: 'intent', message: 'Matched' }, enter('answer', 'hello', 'intent:hours'), enter('ask', 'answer'), wait('ask')], ownMs: 1 },
      ],
      started,
    );
    const path = deriveTestPath(state.turns);
    expect(path).toEqual({
      activeNodeId: 'ask',
      visitedNodeIds: ['start', 'hello', 'answer', 'ask'],
      branches: [
        { source: 'start', handle: 'next' },
        { source: 'hello', handle: 'intent:hours' },
        { source: 'answer', handle: 'next' },
      ],
    });
    expect(sameTestPath(path, deriveTestPath(state.turns))).toBe(true);
    expect(sameTestPath(path, deriveTestPath(started.turns))).toBe(false);
  });

  it('is empty before anything ran', () => {
    expect(deriveTestPath([])).toEqual({ activeNodeId: null, visitedNodeIds: [], branches: [] });
  });
});

describe('markTestPath and markTestEdges', () => {
  const node = (id: string): CanvasNode => ({ id, type: 'flow', position: { x: 0, y: 0 }, data: { node: { id, type: 'end', position: { x: 0, y: 0 }, data: { outcome: 'resolved', message: '' } }, problems: [] } });
  const nodes = [node('start'), node('hello'), node('other')];
  const path = { activeNodeId: 'hello', visitedNodeIds: ['start', 'hello'], branches: [{ source: 'start', handle: 'next' }] };

  it('marks the active and visited nodes, keeps the others as they are, and keeps marked objects while nothing changes', () => {
    const marked = markTestPath(nodes, path);
    expect(marked.map((n) => n.data.testMark ?? null)).toEqual(['visited', 'active', null]);
    expect(marked[2]).toBe(nodes[2]);
    expect(markTestPath(nodes, path)[1]).toBe(marked[1]);
    expect(markTestPath(nodes, null)).toBe(nodes);
  });

  it('marks the edges of the branches taken with a class and an accessible name', () => {
    const edges = [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceHandle: 'fallback', target: 'other' },
    ];
    const marked = markTestEdges(edges, path);
    expect(marked[0]).toMatchObject({ className: 'flow-edge-taken', ariaLabel: 'Taken in the test chat: next branch of start to hello' });
    expect(marked[1]).toBe(edges[1]);
  });
});
