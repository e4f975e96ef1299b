import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StartedChat } from '../../lib/chat/chat-events';
import type { ChatMessage } from '../../lib/chat/chat-message';
import type { ConversationState } from '../../lib/flow/runtime-types';
import { capture, end, graph, handoff, message, start } from '../../lib/flow/test-graphs';
import type { HandoffNoteView } from '../../lib/inbox/inbox-events';
import { summariseHandoff } from '../runtime/summarise-handoff';
import { sweepConversations } from '../runtime/sweep-conversations';
import {
  collect,
  connectMember,
  connectVisitor,
  disconnectAll,
  emitWithAck,
  publishBot,
  storedMessages,
  useRuntimeHarness,
  waitFor,
  type MemberSocket,
  type PublishedBot,
  type VisitorSocket,
} from '../test/runtime-harness';
import { addMember, callerFor, expectTrpcError, signUpUser, type TestUser } from '../test/test-app';

const h = useRuntimeHarness();

let owner: TestUser;
let ada: TestUser;
let bob: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let bot: PublishedBot;
let outsiderBot: PublishedBot;

/** Asks what the visitor needs, hands off; `resolved` and `timeout` each say something distinct. */
const handoffGraph = graph({
  nodes: [
    start(),
    capture('ask', { question: 'What do you need?', saveAs: 'need' }),
    handoff('human', { message: 'Connecting you with a person.', reason: 'Needs: {{need}}', timeoutSeconds: 60 }),
    capture('back', { question: 'The bot is back. Anything else?', saveAs: 'more' }),
    end('done', { outcome: 'resolved', message: 'Bye!' }),
    end('busy', { outcome: 'unresolved', message: 'Everyone is busy, sorry.' }),
  ],
  edges: ['start -> ask', 'ask -> human', 'ask:invalid -> busy', 'human:resolved -> back', 'human:timeout -> busy', 'back -> done', 'back:invalid -> done'],
});

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Olga Owner');
  [ada, bob, viewer, outsider] = await Promise.all([
    addMember(h.app, owner.workspaceId, 'AGENT', 'Ada').then((m) => m.user),
    addMember(h.app, owner.workspaceId, 'AGENT', 'Bob').then((m) => m.user),
    addMember(h.app, owner.workspaceId, 'VIEWER').then((m) => m.user),
    signUpUser(h.app, 'Otto Outsider'),
  ]);
  bot = await publishBot(h, owner, handoffGraph);
  outsiderBot = await publishBot(h, outsider, handoffGraph);
});

afterEach(() => disconnectAll());

let ids = 0;
const clientMessageId = () => `cm-${++ids}-${randomUUID().slice(0, 8)}`;

/** A visitor who starts a chat and asks for a person: the conversation is queued. */
async function handedOffVisitor(target = bot, need = 'a refund'): Promise<{ socket: VisitorSocket; chat: StartedChat; messages: ChatMessage[] }> {
  const socket = await connectVisitor(h, target.publicId);
  const messages: ChatMessage[] = [];
  socket.on('chat:message', ({ message }) => messages.push(message));
  const started = await emitWithAck<StartedChat>(socket, 'chat:start', {});
  const chat = started.data!;
  const reply = await emitWithAck<{ messages: ChatMessage[] }>(socket, 'chat:send', { conversationId: chat.conversationId, token: chat.token, clientMessageId: clientMessageId(), text: need });
  expect(reply.data?.messages.map((m) => m.text)).toEqual([need, 'Connecting you with a person.']);
  return { socket, chat, messages };
}

async function claimed(agent: TestUser, conversationId: string): Promise<MemberSocket> {
  const socket = await connectMember(h, agent.cookie);
  const reply = await emitWithAck(socket, 'inbox:claim', { workspaceId: owner.workspaceId, conversationId });
  expect(reply.error).toBeUndefined();
  return socket;
}

const row = (id: string) => h.app.prisma.conversation.findUniqueOrThrow({ where: { id } });

describe('queue and claim', () => {
  it('announces a new handoff to agents watching the queue, with its reason, summary and waiting time', async () => {
    const watcher = await connectMember(h, ada.cookie);
    const changes = collect<{ workspaceId: string; conversationId: string }>(watcher, 'inbox:changed');
    expect(await emitWithAck(watcher, 'inbox:watch', { workspaceId: owner.workspaceId })).toEqual({ data: { room: `inbox:${owner.workspaceId}` } });
    const before = Date.now();
    const { chat } = await handedOffVisitor(bot, 'my parcel is lost');
    await waitFor(() => changes.some((c) => c.conversationId === chat.conversationId), { what: 'inbox:changed' });
    expect(changes[0]).toEqual({ workspaceId: owner.workspaceId, conversationId: chat.conversationId });

    const queue = await callerFor(h.app, ada).inbox.queue({ workspaceId: owner.workspaceId });
    const item = queue.find((q) => q.id === chat.conversationId);
    expect(item).toMatchObject({ status: 'waiting', reason: 'Needs: my parcel is lost', assignedAgentId: null, lastVisitorMessage: 'my parcel is lost', botName: 'Runtime test bot' });
    expect(item!.queuedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const detail = await callerFor(h.app, ada).inbox.conversation({ workspaceId: owner.workspaceId, conversationId: chat.conversationId });
    expect(detail.summary).toBe('Bot: What do you need?\nVisitor: my parcel is lost');
    expect(detail.variables).toContainEqual({ name: 'need', value: 'my parcel is lost' });
    expect(detail.status).toBe('HANDOFF_QUEUED');
  });

  it('lets exactly one of several agents claiming at once win; the visitor sees who joined', async () => {
    const { chat, messages } = await handedOffVisitor();
    const agents = [ada, bob, owner];
    const sockets = await Promise.all(agents.map((agent) => connectMember(h, agent.cookie)));
    const replies = await Promise.all(sockets.map((socket) => emitWithAck<{ message: ChatMessage }>(socket, 'inbox:claim', { workspaceId: owner.workspaceId, conversationId: chat.conversationId })));
    const winners = replies.filter((reply) => reply.data);
    expect(winners).toHaveLength(1);
    expect(replies.filter((reply) => reply.error).map((reply) => reply.error)).toEqual([
      { code: 'CONFLICT', message: 'Another agent has already claimed this conversation.' },
      { code: 'CONFLICT', message: 'Another agent has already claimed this conversation.' },
    ]);
    const winner = agents[replies.indexOf(winners[0]!)]!;
    const stored = await row(chat.conversationId);
    expect(stored).toMatchObject({ status: 'HANDOFF_ACTIVE', assignedAgentId: winner.id, handoffDeadlineAt: null });
    expect(stored.claimedAt).toBeInstanceOf(Date);
    await waitFor(() => messages.some((m) => m.author === 'system'), { what: 'the joined line' });
    expect(messages.at(-1)).toMatchObject({ author: 'system', text: `${winner.name} joined the conversation`, authorName: winner.name });
    // One system line, whatever the number of claims.
    expect((await storedMessages(h, chat.conversationId)).filter((m) => m.author === 'system')).toHaveLength(1);
  });

  it('never times out a claimed conversation, even when the sweeper raced the claim', async () => {
    const { chat } = await handedOffVisitor();
    const { handoffDeadlineAt } = await row(chat.conversationId);
    await claimed(ada, chat.conversationId);
    await sweepConversations({ ...h.deps, now: () => new Date(handoffDeadlineAt!.getTime() + 60_000) }, h.runtime);
    // As if the sweeper had read the row just before the claim and delivers now.
    await h.runtime.deliver(chat.conversationId, { type: 'handoffTimeout' }, { settle: true });
    expect(await row(chat.conversationId)).toMatchObject({ status: 'HANDOFF_ACTIVE', assignedAgentId: ada.id });
    expect((await storedMessages(h, chat.conversationId)).map((m) => m.text)).not.toContain('Everyone is busy, sorry.');
  });

  it('continues on the timeout branch when nobody claims in time, and leaves the queue', async () => {
    const watcher = await connectMember(h, ada.cookie);
    await emitWithAck(watcher, 'inbox:watch', { workspaceId: owner.workspaceId });
    const { chat, messages } = await handedOffVisitor();
    const changes = collect<{ conversationId: string }>(watcher, 'inbox:changed');
    const { handoffDeadlineAt } = await row(chat.conversationId);
    await sweepConversations({ ...h.deps, now: () => new Date(handoffDeadlineAt!.getTime() + 1) }, h.runtime);
    await waitFor(async () => (await row(chat.conversationId)).status === 'ENDED', { what: 'the timeout turn' });
    expect(await row(chat.conversationId)).toMatchObject({ outcome: 'unresolved' });
    await waitFor(() => messages.some((m) => m.text === 'Everyone is busy, sorry.'), { what: 'the timeout branch message' });
    await waitFor(() => changes.some((c) => c.conversationId === chat.conversationId), { what: 'the queue change' });
    const queue = await callerFor(h.app, ada).inbox.queue({ workspaceId: owner.workspaceId });
    expect(queue.map((q) => q.id)).not.toContain(chat.conversationId);
  });
});

describe('a claimed conversation', () => {
  it('carries messages and typing both ways; the bot does not run visitor messages meanwhile', async () => {
    const visitor = await handedOffVisitor();
    const { chat } = visitor;
    const agent = await claimed(ada, chat.conversationId);
    const agentMessages = collect<{ message: ChatMessage }>(agent, 'chat:message');
    const agentTyping = collect<{ author: string; typing: boolean }>(agent, 'chat:typing');
    const visitorTyping = collect<{ author: string; name?: string; typing: boolean }>(visitor.socket, 'chat:typing');

    expect((await callerFor(h.app, ada).inbox.conversation({ workspaceId: owner.workspaceId, conversationId: chat.conversationId })).assignedToYou).toBe(true);
    expect((await callerFor(h.app, bob).inbox.conversation({ workspaceId: owner.workspaceId, conversationId: chat.conversationId })).assignedToYou).toBe(false);
    const sent = await emitWithAck<{ message: ChatMessage }>(agent, 'inbox:send', { workspaceId: owner.workspaceId, conversationId: chat.conversationId, clientMessageId: clientMessageId(), text: 'Hi, I am Ada. Let me look.' });
    expect(sent.data?.message).toMatchObject({ author: 'agent', authorName: 'Ada', text: 'Hi, I am Ada. Let me look.' });
    await waitFor(() => visitor.messages.some((m) => m.author === 'agent'), { what: 'the agent message at the visitor' });
    expect(visitor.messages.at(-1)).toMatchObject({ author: 'agent', authorName: 'Ada', text: 'Hi, I am Ada. Let me look.' });

    const turnsBefore = (await row(chat.conversationId)).turnCount;
    const reply = await emitWithAck<{ messages: ChatMessage[] }>(visitor.socket, 'chat:send', { conversationId: chat.conversationId, token: chat.token, clientMessageId: clientMessageId(), text: 'Order 1234' });
    // Stored and relayed, not answered by the bot.
    expect(reply.data?.messages.map((m) => [m.author, m.text])).toEqual([['user', 'Order 1234']]);
    await waitFor(() => agentMessages.some((m) => m.message.text === 'Order 1234'), { what: 'the visitor message at the agent' });
    const after = await row(chat.conversationId);
    expect(after.status).toBe('HANDOFF_ACTIVE');
    expect(after.turnCount).toBe(turnsBefore + 1);
    expect((after.state as unknown as ConversationState).status).toBe('handoff');

    expect((await emitWithAck(visitor.socket, 'chat:typing', { conversationId: chat.conversationId, token: chat.token, typing: true })).data).toEqual({ relayed: true });
    await waitFor(() => agentTyping.length === 1, { what: 'visitor typing at the agent' });
    expect(agentTyping[0]).toMatchObject({ author: 'user', typing: true });
    expect((await emitWithAck(agent, 'inbox:typing', { workspaceId: owner.workspaceId, conversationId: chat.conversationId, typing: true })).data).toEqual({ relayed: true });
    // Its earlier message already said "stopped typing".
    await waitFor(() => visitorTyping.some((t) => t.typing), { what: 'agent typing at the visitor' });
    expect(visitorTyping.at(-1)).toEqual({ conversationId: chat.conversationId, author: 'agent', name: 'Ada', typing: true });

    // Another agent may follow but not write or type as the conversation's agent.
    const other = await connectMember(h, bob.cookie);
    expect((await emitWithAck(other, 'inbox:send', { workspaceId: owner.workspaceId, conversationId: chat.conversationId, clientMessageId: clientMessageId(), text: 'me too' })).error).toEqual({
      code: 'CONFLICT',
      message: 'Another agent has already claimed this conversation.',
    });
    expect((await emitWithAck(other, 'inbox:typing', { workspaceId: owner.workspaceId, conversationId: chat.conversationId, typing: true })).data).toEqual({ relayed: false });
    expect((await emitWithAck(other, 'inbox:return', { workspaceId: owner.workspaceId, conversationId: chat.conversationId })).error?.code).toBe('CONFLICT');
  });

  it('keeps internal notes from the visitor, in every event and on resume', async () => {
    const visitor = await handedOffVisitor();
    const seen: unknown[] = [];
    visitor.socket.onAny((event, payload) => seen.push({ event, payload }));
    const agent = await claimed(ada, visitor.chat.conversationId);
    const follower = await connectMember(h, bob.cookie);
    await emitWithAck(follower, 'inbox:open', { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId });
    const notesSeen = collect<{ note: HandoffNoteView }>(follower, 'inbox:note');

    const note = await emitWithAck<{ note: HandoffNoteView }>(agent, 'inbox:note', { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId, text: 'SECRET-NOTE: customer is a VIP' });
    expect(note.data?.note).toMatchObject({ authorName: 'Ada', text: 'SECRET-NOTE: customer is a VIP' });
    await waitFor(() => notesSeen.length === 1, { what: 'the note at another agent' });
    await emitWithAck(agent, 'inbox:send', { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId, clientMessageId: clientMessageId(), text: 'after the note' });
    await waitFor(() => visitor.messages.some((m) => m.text === 'after the note'), { what: 'the next agent message' });

    expect(JSON.stringify(seen)).not.toContain('SECRET-NOTE');
    const resumed = await emitWithAck<{ messages: ChatMessage[] }>(visitor.socket, 'chat:resume', { conversationId: visitor.chat.conversationId, token: visitor.chat.token });
    expect(JSON.stringify(resumed)).not.toContain('SECRET-NOTE');
    expect((await storedMessages(h, visitor.chat.conversationId)).map((m) => m.text).join()).not.toContain('SECRET-NOTE');
    const detail = await callerFor(h.app, bob).inbox.conversation({ workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId });
    expect(detail.notes.map((n) => n.text)).toEqual(['SECRET-NOTE: customer is a VIP']);
  });

  it('returns to the bot, which continues on the resolved branch', async () => {
    const visitor = await handedOffVisitor();
    const statuses = collect<{ status: string }>(visitor.socket, 'chat:status');
    const agent = await claimed(ada, visitor.chat.conversationId);
    await emitWithAck(agent, 'inbox:watch', { workspaceId: owner.workspaceId });
    const changes = collect<{ conversationId: string }>(agent, 'inbox:changed');
    expect(await emitWithAck(agent, 'inbox:return', { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId })).toEqual({ data: { returned: true } });
    await waitFor(() => visitor.messages.some((m) => m.text === 'The bot is back. Anything else?'), { what: 'the resolved branch' });
    expect(visitor.messages.slice(-2).map((m) => [m.author, m.text])).toEqual([
      ['system', 'Ada returned the conversation to the bot'],
      ['bot', 'The bot is back. Anything else?'],
    ]);
    await waitFor(() => statuses.some((s) => s.status === 'active') && changes.length > 0, { what: 'status active and the queue change' });
    expect(await row(visitor.chat.conversationId)).toMatchObject({ status: 'ACTIVE' });
    // The bot runs the visitor's messages again.
    const reply = await emitWithAck<{ messages: ChatMessage[] }>(visitor.socket, 'chat:send', { conversationId: visitor.chat.conversationId, token: visitor.chat.token, clientMessageId: clientMessageId(), text: 'no' });
    expect(reply.data?.messages.map((m) => m.text)).toEqual(['no', 'Bye!']);
  });

  it('closes with the outcome handed_off', async () => {
    const visitor = await handedOffVisitor();
    const statuses = collect<{ status: string }>(visitor.socket, 'chat:status');
    const agent = await claimed(ada, visitor.chat.conversationId);
    expect(await emitWithAck(agent, 'inbox:close', { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId })).toEqual({ data: { closed: true } });
    await waitFor(() => statuses.some((s) => s.status === 'ended'), { what: 'chat:status ended' });
    const stored = await row(visitor.chat.conversationId);
    expect(stored).toMatchObject({ status: 'ENDED', outcome: 'handed_off' });
    expect(stored.endedAt).toBeInstanceOf(Date);
    expect(visitor.messages.at(-1)).toMatchObject({ author: 'system', text: 'Ada closed the conversation' });
  });
});

describe('authorization', () => {
  it('refuses viewers every inbox event and read', async () => {
    const { chat } = await handedOffVisitor();
    const socket = await connectMember(h, viewer.cookie);
    const forbidden = { code: 'FORBIDDEN', message: 'Your role (viewer) cannot do this. Ask a workspace admin.' };
    const target = { workspaceId: owner.workspaceId, conversationId: chat.conversationId };
    for (const [event, payload] of [
      ['inbox:watch', { workspaceId: owner.workspaceId }],
      ['inbox:open', target],
      ['inbox:claim', target],
      ['inbox:send', { ...target, clientMessageId: clientMessageId(), text: 'hi' }],
      ['inbox:note', { ...target, text: 'note' }],
      ['inbox:return', target],
      ['inbox:close', target],
      ['inbox:typing', { ...target, typing: true }],
    ] as const) {
      expect((await emitWithAck(socket, event, payload)).error, event).toEqual(forbidden);
    }
    await expectTrpcError(callerFor(h.app, viewer).inbox.queue({ workspaceId: owner.workspaceId }), 'FORBIDDEN');
    expect(await row(chat.conversationId)).toMatchObject({ status: 'HANDOFF_QUEUED', assignedAgentId: null });
  });

  it('keeps agents to their own workspace: another workspace, or its conversation through mine, is not found', async () => {
    const theirs = await handedOffVisitor(outsiderBot);
    const mine = await handedOffVisitor();
    const socket = await connectMember(h, ada.cookie);
    const changes = collect(socket, 'inbox:changed');
    const notFound = { code: 'NOT_FOUND', message: 'That workspace does not exist or you are not a member of it.' };
    expect((await emitWithAck(socket, 'inbox:watch', { workspaceId: outsider.workspaceId })).error).toEqual(notFound);
    expect((await emitWithAck(socket, 'inbox:claim', { workspaceId: outsider.workspaceId, conversationId: theirs.chat.conversationId })).error).toEqual(notFound);
    // Their conversation named through my workspace.
    const viaMine = { workspaceId: owner.workspaceId, conversationId: theirs.chat.conversationId };
    for (const event of ['inbox:claim', 'inbox:open', 'inbox:return', 'inbox:close'] as const) {
      expect((await emitWithAck(socket, event, viaMine)).error?.code, event).toBe('NOT_FOUND');
    }
    expect((await emitWithAck(socket, 'inbox:note', { ...viaMine, text: 'x' })).error?.code).toBe('NOT_FOUND');
    await expectTrpcError(callerFor(h.app, ada).inbox.conversation(viaMine), 'NOT_FOUND');
    expect((await callerFor(h.app, ada).inbox.queue({ workspaceId: owner.workspaceId })).map((q) => q.id)).not.toContain(theirs.chat.conversationId);
    expect(await row(theirs.chat.conversationId)).toMatchObject({ status: 'HANDOFF_QUEUED', assignedAgentId: null });

    // Their queue's changes never reach my watcher.
    await emitWithAck(socket, 'inbox:watch', { workspaceId: owner.workspaceId });
    await handedOffVisitor(outsiderBot);
    await emitWithAck(socket, 'inbox:claim', { workspaceId: owner.workspaceId, conversationId: mine.chat.conversationId });
    await waitFor(() => changes.length >= 1, { what: 'my own queue change' });
    expect(changes).toEqual([{ workspaceId: owner.workspaceId, conversationId: mine.chat.conversationId }]);
  });

  it('drops an agent’s connection (and so the inbox rooms) when they are demoted to viewer', async () => {
    const dora = await addMember(h.app, owner.workspaceId, 'AGENT', 'Dora');
    const socket = await connectMember(h, dora.user.cookie);
    await emitWithAck(socket, 'inbox:watch', { workspaceId: owner.workspaceId });
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    await callerFor(h.app, owner).member.changeRole({ workspaceId: owner.workspaceId, membershipId: dora.membershipId, role: 'VIEWER' });
    await dropped;
    const watchers = await h.io.in(`inbox:${owner.workspaceId}`).fetchSockets();
    expect(watchers.map((w) => w.data.session.userId)).not.toContain(dora.user.id);
  });

  it('validates payloads and refuses visitor typing without the conversation’s token', async () => {
    const visitor = await handedOffVisitor();
    const agent = await connectMember(h, ada.cookie);
    const target = { workspaceId: owner.workspaceId, conversationId: visitor.chat.conversationId };
    expect((await emitWithAck(agent, 'inbox:claim', { ...target, assignedAgentId: bob.id })).error?.code).toBe('BAD_REQUEST');
    expect((await emitWithAck(agent, 'inbox:note', { ...target, text: 'x'.repeat(4001) })).error).toEqual({ code: 'BAD_REQUEST', message: 'Keep notes under 4000 characters' });
    expect((await emitWithAck(agent, 'inbox:send', { ...target, clientMessageId: clientMessageId(), text: '   ' })).error).toEqual({ code: 'BAD_REQUEST', message: 'Type a message' });
    const stranger = await connectVisitor(h, bot.publicId);
    expect((await emitWithAck(stranger, 'chat:typing', { conversationId: visitor.chat.conversationId, token: 'x'.repeat(32), typing: true })).error?.code).toBe('NOT_FOUND');
    // An agent's message to a conversation nobody claimed is refused.
    expect((await emitWithAck(agent, 'inbox:send', { ...target, clientMessageId: clientMessageId(), text: 'hello?' })).error?.code).toBe('CONFLICT');
  });
});

describe('handoff summary', () => {
  it('is the model’s when the server has a provider (HANDOFF_SUMMARY_MODEL), else the last messages', async () => {
    const instance = await h.startRuntime({ handoffSummaryModel: 'fake-model' });
    try {
      h.openai.enqueue({ kind: 'text', text: 'Wants a refund for order 4711.' });
      const started = await instance.runtime.startConversation(
        { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
        { settle: true },
      );
      await instance.runtime.sendMessage(started.conversationId, { clientMessageId: clientMessageId(), text: 'refund for order 4711' }, { settle: true });
      await waitFor(async () => (await row(started.conversationId)).handoffSummary === 'Wants a refund for order 4711.', { what: 'the model’s summary' });
      const request = h.openai.chatBodies().at(-1)!;
      expect(request.model).toBe('fake-model');
      expect(JSON.stringify(request.messages)).toContain('Visitor: refund for order 4711');
      expect(JSON.stringify(request.messages)).toContain('Handoff reason: Needs: refund for order 4711');
    } finally {
      await instance.close();
    }
    // Without a summary model (the harness's own runtime): the last messages, and no model call.
    const calls = h.openai.requests.length;
    const { chat } = await handedOffVisitor(bot, 'where is my parcel');
    expect((await row(chat.conversationId)).handoffSummary).toBe('Bot: What do you need?\nVisitor: where is my parcel');
    expect(h.openai.requests.length).toBe(calls);
  });

  it('keeps the last messages when the model fails', async () => {
    const { chat } = await handedOffVisitor(bot, 'cancel my plan');
    const before = await row(chat.conversationId);
    const state = before.state as unknown as ConversationState;
    // Nothing queued: the fake provider answers 400.
    const effect = { id: 'e-summary', type: 'handoff' as const, nodeId: 'human', reason: 'x', timeoutSeconds: 60, summary: before.handoffSummary! };
    expect(await summariseHandoff({ ...h.deps, handoffSummaryModel: 'fake-model' }, { conversationId: chat.conversationId, workspaceId: owner.workspaceId, state }, effect)).toBe(false);
    expect((await row(chat.conversationId)).handoffSummary).toBe('Bot: What do you need?\nVisitor: cancel my plan');
  });
});
