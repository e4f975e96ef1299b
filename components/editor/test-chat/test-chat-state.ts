import type { ChatStatus } from '@/lib/chat/chat-events';
import type { ChatMessage } from '@/lib/chat/chat-message';
import type { TraceEntry } from '@/lib/flow/runtime-types';

/** What the bot said in a turn: a stored message, or a streamed one still arriving token by token. */
export interface BotLine {
  key: string;
  messageId: string | null;
  streamId?: string;
  author: 'bot' | 'agent' | 'system';
  text: string;
  quickReplies?: { label: string; payload: string }[];
  streaming: boolean;
}

/** One executor step (one event applied) as the member's socket receives it. */
export interface TurnTrace {
  trace: TraceEntry[];
  ownMs: number;
}

/**
 * One exchange: what the tester sent (none for the greeting) and everything the bot did until
 * the tester's next message, including the steps that ran when model or tool results came back.
 */
export interface Turn {
  id: string;
  user: { text: string; clientMessageId: string; messageId: string | null; failed: boolean } | null;
  bot: BotLine[];
  traces: TurnTrace[];
}

export interface TestChatState {
  conversationId: string | null;
  phase: 'idle' | 'starting' | ChatStatus;
  turns: Turn[];
  /** Earlier conversations of this panel: their late events (a slow model reply) are ignored. */
  retired: string[];
  error: { code: string; message: string } | null;
}

export type TestChatAction =
  | { type: 'start'; turnId: string }
  | { type: 'started'; startId: string; conversationId: string; messages: ChatMessage[] }
  | { type: 'send'; turnId: string; clientMessageId: string; text: string }
  | { type: 'sent'; conversationId: string; messages: ChatMessage[] }
  | { type: 'failed'; error: { code: string; message: string }; clientMessageId?: string }
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'token'; conversationId: string; streamId: string; delta: string }
  | { type: 'trace'; conversationId: string; trace: unknown[]; ownMs: number }
  | { type: 'status'; conversationId: string; status: ChatStatus };

export const initialTestChatState: TestChatState = { conversationId: null, phase: 'idle', turns: [], retired: [], error: null };

/**
 * The test chat as data: every socket event and acknowledgement is an action. Events can come
 * before the acknowledgement that names their conversation (the server joins the room before
 * the first turn runs), so while a start is pending the first conversation heard from is taken
 * as the new one, unless it is one this panel already left.
 */
export function testChatReducer(state: TestChatState, action: TestChatAction): TestChatState {
  switch (action.type) {
    case 'start':
      return {
        conversationId: null,
        phase: 'starting',
        turns: [{ id: action.turnId, user: null, bot: [], traces: [] }],
        retired: state.conversationId ? [...state.retired, state.conversationId] : state.retired,
        error: null,
      };
    case 'started': {
      // The answer to an earlier start (restarted meanwhile): that conversation is left behind.
      if (state.turns[0]?.id !== action.startId) return { ...state, retired: [...state.retired, action.conversationId] };
      const adopted = adopt(state, action.conversationId);
      if (!adopted) return state;
      return action.messages.reduce(addMessage, { ...adopted, phase: adopted.phase === 'starting' ? 'active' : adopted.phase });
    }
    case 'send':
      return {
        ...state,
        error: null,
        turns: [...state.turns, { id: action.turnId, user: { text: action.text, clientMessageId: action.clientMessageId, messageId: null, failed: false }, bot: [], traces: [] }],
      };
    case 'sent':
      return state.conversationId === action.conversationId ? action.messages.reduce(addMessage, state) : state;
    case 'failed':
      return {
        ...state,
        phase: state.phase === 'starting' ? 'idle' : state.phase,
        error: action.error,
        turns: action.clientMessageId
          ? state.turns.map((turn) => (turn.user && turn.user.clientMessageId === action.clientMessageId ? { ...turn, user: { ...turn.user, failed: true } } : turn))
          : state.turns,
      };
    case 'message': {
      const adopted = adopt(state, action.conversationId);
      return adopted ? addMessage(adopted, action.message) : state;
    }
    case 'token': {
      const adopted = adopt(state, action.conversationId);
      return adopted ? addToken(adopted, action.streamId, action.delta) : state;
    }
    case 'trace': {
      const adopted = adopt(state, action.conversationId);
      if (!adopted) return state;
      const entry: TurnTrace = { trace: action.trace.filter(isTraceEntry), ownMs: action.ownMs };
      return updateLastTurn(adopted, (turn) => ({ ...turn, traces: [...turn.traces, entry] }));
    }
    case 'status': {
      const adopted = adopt(state, action.conversationId);
      return adopted ? { ...adopted, phase: action.status } : state;
    }
  }
}

/** The state for an event of `conversationId`, or null when the event belongs to another conversation. */
function adopt(state: TestChatState, conversationId: string): TestChatState | null {
  if (state.conversationId === conversationId) return state;
  if (state.conversationId === null && state.phase === 'starting' && !state.retired.includes(conversationId)) {
    return { ...state, conversationId };
  }
  return null;
}

function addMessage(state: TestChatState, message: ChatMessage): TestChatState {
  if (message.author === 'user') {
    // The echo of what this panel sent: it confirms the line already shown.
    return {
      ...state,
      turns: state.turns.map((turn) =>
        turn.user && turn.user.clientMessageId === message.clientMessageId && !turn.user.messageId ? { ...turn, user: { ...turn.user, messageId: message.id, failed: false } } : turn,
      ),
    };
  }
  if (state.turns.some((turn) => turn.bot.some((line) => line.messageId === message.id))) return state;
  const line: BotLine = {
    key: message.id,
    messageId: message.id,
    author: message.author,
    text: message.text,
    streaming: false,
    ...(message.streamId ? { streamId: message.streamId } : {}),
    ...(message.quickReplies?.length ? { quickReplies: message.quickReplies } : {}),
  };
  if (message.streamId && findStream(state, message.streamId)) {
    // The stored message replaces the text streamed so far.
    return mapLines(state, (existing) => (existing.streamId === message.streamId ? { ...line, key: existing.key } : existing));
  }
  return updateLastTurn(state, (turn) => ({ ...turn, bot: [...turn.bot, line] }));
}

function addToken(state: TestChatState, streamId: string, delta: string): TestChatState {
  const existing = findStream(state, streamId);
  if (existing && !existing.streaming) return state; // a late token after the final message
  if (existing) return mapLines(state, (line) => (line.streamId === streamId ? { ...line, text: line.text + delta } : line));
  const line: BotLine = { key: `stream:${streamId}`, messageId: null, streamId, author: 'bot', text: delta, streaming: true };
  return updateLastTurn(state, (turn) => ({ ...turn, bot: [...turn.bot, line] }));
}

function findStream(state: TestChatState, streamId: string): BotLine | undefined {
  for (const turn of state.turns) for (const line of turn.bot) if (line.streamId === streamId) return line;
  return undefined;
}

function mapLines(state: TestChatState, change: (line: BotLine) => BotLine): TestChatState {
  return { ...state, turns: state.turns.map((turn) => ({ ...turn, bot: turn.bot.map(change) })) };
}

function updateLastTurn(state: TestChatState, change: (turn: Turn) => Turn): TestChatState {
  if (!state.turns.length) return state;
  return { ...state, turns: [...state.turns.slice(0, -1), change(state.turns.at(-1)!)] };
}

function isTraceEntry(value: unknown): value is TraceEntry {
  return typeof value === 'object' && value !== null && typeof (value as TraceEntry).kind === 'string' && 'nodeId' in value;
}

/** Where the test conversation has been on the canvas. */
export interface TestPath {
  /** The node the conversation waits at, or entered last. */
  activeNodeId: string | null;
  /** Every node entered this conversation. */
  visitedNodeIds: string[];
  /** Branches taken, as `source` and `handle` (an edge is one branch of one node). */
  branches: { source: string; handle: string }[];
}

/**
 * The path a test conversation took, from its trace: nodes entered, the branch each was entered
 * by, and the node it now waits at (or entered last, once it ended).
 */
export function deriveTestPath(turns: readonly Turn[]): TestPath {
  const visited = new Set<string>();
  const branches = new Map<string, { source: string; handle: string }>();
  let activeNodeId: string | null = null;
  for (const turn of turns) {
    for (const { trace } of turn.traces) {
      for (const entry of trace) {
        if (!entry.nodeId || (entry.kind !== 'enter' && entry.kind !== 'wait')) continue;
        activeNodeId = entry.nodeId;
        if (entry.kind !== 'enter') continue;
        visited.add(entry.nodeId);
        const via = entry.data;
        if (via && typeof via === 'object' && !Array.isArray(via) && typeof via.from === 'string' && typeof via.handle === 'string') {
          branches.set(`${via.from}\u0000${via.handle}`, { source: via.from, handle: via.handle });
        }
      }
    }
  }
  return { activeNodeId, visitedNodeIds: [...visited], branches: [...branches.values()] };
}

/** Whether two paths mark the same nodes and edges (so the canvas need not change). */
export function sameTestPath(a: TestPath | null, b: TestPath | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.activeNodeId === b.activeNodeId &&
    a.visitedNodeIds.join('\u0000') === b.visitedNodeIds.join('\u0000') &&
    a.branches.map((x) => `${x.source}\u0000${x.handle}`).join('\u0001') === b.branches.map((x) => `${x.source}\u0000${x.handle}`).join('\u0001')
  );
}
