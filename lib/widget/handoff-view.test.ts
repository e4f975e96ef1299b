import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../chat/chat-message';
import { currentAgentName, handoffNotice, messageAuthor, shouldSignalTyping, TYPING_EVERY_MS } from './handoff-view';

let seq = 0;
const message = (author: ChatMessage['author'], text: string, authorName?: string): ChatMessage => ({
  id: `m${seq}`,
  seq: seq++,
  author,
  text,
  ...(authorName ? { authorName } : {}),
  createdAt: '2026-12-01T10:00:00.000Z',
});

const askedForHelp = [message('bot', 'What do you need?'), message('user', 'A person please'), message('bot', 'Connecting you with a person.')];
const joined = [...askedForHelp, message('system', 'Ada Lovelace joined the conversation', 'Ada Lovelace')];

describe('messageAuthor', () => {
  it('names agents visibly and tells screen readers who said what', () => {
    expect(messageAuthor({ author: 'agent', authorName: 'Ada Lovelace' }, 'Acme help')).toEqual({ name: 'Ada Lovelace', spoken: 'Ada Lovelace said:' });
    expect(messageAuthor({ author: 'agent', authorName: '  ' }, 'Acme help')).toEqual({ name: 'Agent', spoken: 'Agent said:' });
    expect(messageAuthor({ author: 'bot' }, 'Acme help')).toEqual({ name: '', spoken: 'Acme help said:' });
    expect(messageAuthor({ author: 'user' }, 'Acme help')).toEqual({ name: '', spoken: 'You said:' });
    expect(messageAuthor({ author: 'system' }, 'Acme help')).toEqual({ name: '', spoken: 'Notice:' });
  });
});

describe('currentAgentName', () => {
  it('is nobody while the conversation waits for a person', () => {
    expect(currentAgentName(askedForHelp)).toBeNull();
    expect(currentAgentName([])).toBeNull();
  });

  it('is the agent named by the joined line, then by their latest message', () => {
    expect(currentAgentName(joined)).toBe('Ada Lovelace');
    expect(currentAgentName([...joined, message('agent', 'Hi', 'Ada L.'), message('user', 'Hello')])).toBe('Ada L.');
  });

  it('forgets an agent who returned the conversation or one from an earlier handoff', () => {
    const returned = [...joined, message('agent', 'Hi', 'Ada Lovelace'), message('system', 'Ada Lovelace returned the conversation to the bot')];
    expect(currentAgentName(returned)).toBeNull();
    expect(currentAgentName([...returned, message('bot', 'Connecting you with a person.')])).toBeNull();
  });
});

describe('handoffNotice', () => {
  it('says a person will join, then who is answering, then that the bot is back', () => {
    expect(handoffNotice('handoff', askedForHelp, false)).toBe('A person will join this conversation soon. You can keep writing here.');
    expect(handoffNotice('handoff', joined, false)).toBe('You are chatting with Ada Lovelace.');
    expect(handoffNotice('active', joined, true)).toBe('You are back with the bot.');
  });

  it('says nothing in a conversation with the bot only, or an ended one', () => {
    expect(handoffNotice('active', askedForHelp, false)).toBe('');
    expect(handoffNotice('ended', joined, true)).toBe('');
  });
});

describe('shouldSignalTyping', () => {
  it('signals the first keystroke at once, then at most once per interval', () => {
    expect(shouldSignalTyping(0, 10_000)).toBe(true);
    expect(shouldSignalTyping(10_000, 10_000 + TYPING_EVERY_MS - 1)).toBe(false);
    expect(shouldSignalTyping(10_000, 10_000 + TYPING_EVERY_MS)).toBe(true);
  });
});
