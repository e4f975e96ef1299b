import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceTokens } from './coalesce-tokens';
import type { ConversationListener } from './runtime-deps';

type Heard = [kind: string, conversationId: string, detail: unknown];

function recorder() {
  const heard: Heard[] = [];
  const listener: ConversationListener = {
    messages: (conversationId, messages) => heard.push(['messages', conversationId, messages.map((m) => m.text)]),
    token: (conversationId, streamId, delta) => heard.push(['token', conversationId, `${streamId}:${delta}`]),
    status: (conversationId, status) => heard.push(['status', conversationId, status]),
    trace: (conversationId) => heard.push(['trace', conversationId, null]),
    queue: (workspaceId, conversationId) => heard.push(['queue', conversationId, workspaceId]),
  };
  return { heard, listener };
}

const message = (text: string) => ({ id: text, seq: 0, author: 'bot' as const, text, createdAt: new Date(0).toISOString() });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalesceTokens', () => {
  it('sends the first delta at once and joins the rest of each window into one event', () => {
    const { heard, listener } = recorder();
    const coalesced = coalesceTokens(listener, 25);
    coalesced.token('c1', 's1', 'Hel');
    expect(heard).toEqual([['token', 'c1', 's1:Hel']]);
    coalesced.token('c1', 's1', 'lo');
    coalesced.token('c1', 's1', ' the');
    expect(heard).toHaveLength(1);
    vi.advanceTimersByTime(25);
    expect(heard.at(-1)).toEqual(['token', 'c1', 's1:lo the']);
    coalesced.token('c1', 's1', 're');
    vi.advanceTimersByTime(25);
    expect(heard.map(([, , detail]) => detail)).toEqual(['s1:Hel', 's1:lo the', 's1:re']);
  });

  it('after a quiet window sends the next delta at once again', () => {
    const { heard, listener } = recorder();
    const coalesced = coalesceTokens(listener, 25);
    coalesced.token('c1', 's1', 'a');
    vi.advanceTimersByTime(60);
    coalesced.token('c1', 's1', 'b');
    expect(heard.map(([, , detail]) => detail)).toEqual(['s1:a', 's1:b']);
  });

  it('sends what is pending before the message, status or trace of the same conversation, and nothing twice', () => {
    const { heard, listener } = recorder();
    const coalesced = coalesceTokens(listener, 25);
    coalesced.token('c1', 's1', 'Hi');
    coalesced.token('c1', 's1', ' there');
    coalesced.token('c2', 's2', 'Other');
    coalesced.token('c2', 's2', ' one');
    coalesced.messages('c1', [message('Hi there')]);
    coalesced.token('c2', 's2', '!');
    coalesced.status('c2', 'ended');
    vi.advanceTimersByTime(100);
    expect(heard).toEqual([
      ['token', 'c1', 's1:Hi'],
      ['token', 'c2', 's2:Other'],
      ['token', 'c1', 's1: there'],
      ['messages', 'c1', ['Hi there']],
      ['token', 'c2', 's2: one!'],
      ['status', 'c2', 'ended'],
    ]);
  });

  it('keeps streams apart and passes queue changes straight on', () => {
    const { heard, listener } = recorder();
    const coalesced = coalesceTokens(listener, 25);
    coalesced.token('c1', 's1', 'one');
    coalesced.token('c1', 's2', 'two');
    coalesced.token('c1', 's1', '+');
    coalesced.queue!('w1', 'c1');
    coalesced.trace('c1', [], 1);
    expect(heard).toEqual([
      ['token', 'c1', 's1:one'],
      ['token', 'c1', 's2:two'],
      ['queue', 'c1', 'w1'],
      ['token', 'c1', 's1:+'],
      ['trace', 'c1', null],
    ]);
  });
});
