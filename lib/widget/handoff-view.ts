import type { ChatStatus } from '../chat/chat-events';
import type { ChatMessage } from '../chat/chat-message';

/**
 * What the widget shows while a person answers instead of the bot (pure; the DOM is in
 * `widget/`): who wrote a message, the line above the conversation, and when the visitor's
 * "typing" goes out to the agent.
 */

/** At most one "typing" signal to the agent per this many ms (the inbox sends its own at the same pace). */
export const TYPING_EVERY_MS = 2_000;
/** No keystroke for this long: the visitor stopped typing. */
export const TYPING_IDLE_MS = 3_000;
/** How long the agent shows as typing after their last signal (a lost "stopped" does not stick). */
export const AGENT_TYPING_MS = 5_000;

/**
 * How a message's author is shown and read out: `name` is printed above the message (agents
 * only: the visitor should know a person wrote it), `spoken` is read before it by screen readers.
 * @example messageAuthor({ author: 'agent', authorName: 'Ada' }, 'Acme help') // { name: 'Ada', spoken: 'Ada said:' }
 */
export function messageAuthor(message: Pick<ChatMessage, 'author' | 'authorName'>, botTitle: string): { name: string; spoken: string } {
  switch (message.author) {
    case 'user':
      return { name: '', spoken: 'You said:' };
    case 'agent': {
      const name = message.authorName?.trim() || 'Agent';
      return { name, spoken: `${name} said:` };
    }
    case 'system':
      return { name: '', spoken: 'Notice:' };
    default:
      return { name: '', spoken: `${botTitle} said:` };
  }
}

/**
 * The agent answering now: the newest agent message, or the "joined" line (which names its
 * agent), since the bot last spoke. Null while the conversation waits for a person. A line
 * without a name (returned, closed) ends the search: that agent has left.
 */
export function currentAgentName(messages: readonly ChatMessage[]): string | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.author === 'bot') return null;
    if (message.author === 'agent') return message.authorName?.trim() || 'Agent';
    if (message.author === 'system') return message.authorName?.trim() || null;
  }
  return null;
}

/**
 * The line above the conversation that says where a handoff stands; '' when there is nothing to
 * say. `returned` is true once a handoff ended on this page and the bot took over again.
 */
export function handoffNotice(status: ChatStatus, messages: readonly ChatMessage[], returned: boolean): string {
  if (status === 'handoff') {
    const agent = currentAgentName(messages);
    return agent ? `You are chatting with ${agent}.` : 'A person will join this conversation soon. You can keep writing here.';
  }
  return status === 'active' && returned ? 'You are back with the bot.' : '';
}

/**
 * Whether a keystroke at `now` should tell the agent "typing" again (`lastSentAt` 0: not
 * signalled yet). Throttled so a fast typist sends one signal every couple of seconds.
 */
export function shouldSignalTyping(lastSentAt: number, now: number): boolean {
  return !lastSentAt || now - lastSentAt >= TYPING_EVERY_MS;
}
