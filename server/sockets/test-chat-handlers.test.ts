import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { capture, end, graph, message, start } from '../../lib/flow/test-graphs';
import { collect, connectMember, disconnectAll, emitWithAck, publishBot, updateDraft, useRuntimeHarness, waitFor, type PublishedBot } from '../test/runtime-harness';
import { addMember, signUpUser, type TestUser } from '../test/test-app';

const h = useRuntimeHarness();

let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let agent: TestUser;
let outsider: TestUser;
let bot: PublishedBot;

const greeting = (text: string) =>
  graph({
    nodes: [start(), message('hello', text), capture('ask', { question: 'Your name?', saveAs: 'name' }), message('bye', 'Bye {{name}}'), end()],
    edges: ['start -> hello', 'hello -> ask', 'ask -> bye', 'ask:invalid -> end', 'bye -> end'],
  });

type Started = { conversationId: string; messages: ChatMessage[] };

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Olga Owner');
  [editor, viewer, agent, outsider] = await Promise.all([
    addMember(h.app, owner.workspaceId, 'EDITOR').then((m) => m.user),
    addMember(h.app, owner.workspaceId, 'VIEWER').then((m) => m.user),
    addMember(h.app, owner.workspaceId, 'AGENT').then((m) => m.user),
    signUpUser(h.app, 'Otto Outsider'),
  ]);
  bot = await publishBot(h, owner, greeting('Published hello'));
});

afterEach(() => disconnectAll());

describe('test:start', () => {
  it('lets an editor test a bot of their workspace, with trace events', async () => {
    const socket = await connectMember(h, editor.cookie);
    const traces = collect<{ conversationId: string; trace: { kind: string }[]; ownMs: number }>(socket, 'chat:trace');
    const messages = collect<{ message: ChatMessage }>(socket, 'chat:message');
    const started = await emitWithAck<Started>(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId, variables: { name: 'preset' } });
    expect(started.data?.messages.map((m) => m.text)).toEqual(['Published hello', 'Your name?']);
    const { conversationId } = started.data!;
    await waitFor(() => traces.length === 1, { what: 'the first turn’s trace' });
    expect(traces[0]).toMatchObject({ conversationId, ownMs: expect.any(Number) });
    expect(traces[0]!.trace.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['enter', 'output', 'wait']));
    expect(messages.map((m) => m.message.text)).toEqual(['Published hello', 'Your name?']);

    const reply = await emitWithAck<{ messages: ChatMessage[] }>(socket, 'test:send', { workspaceId: owner.workspaceId, conversationId, clientMessageId: 'test-send-0001', text: 'Ada' });
    expect(reply.data?.messages.map((m) => m.text)).toEqual(['Ada', 'Bye Ada']);
    await waitFor(() => traces.length === 2, { what: 'the second turn’s trace' });

    const conversation = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ channel: 'test', botVersionId: null, visitorId: `member:${editor.id}`, workspaceId: owner.workspaceId });
  });

  it.each([
    ['a viewer', () => viewer],
    ['an agent', () => agent],
  ])('answers FORBIDDEN to %s, and starts nothing', async (_label, who) => {
    const socket = await connectMember(h, who().cookie);
    const before = await h.app.prisma.conversation.count({ where: { botId: bot.botId } });
    const reply = await emitWithAck(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId });
    expect(reply.error?.code).toBe('FORBIDDEN');
    expect(await h.app.prisma.conversation.count({ where: { botId: bot.botId } })).toBe(before);
  });

  it('answers NOT_FOUND to a member of another workspace, with either workspace id', async () => {
    const socket = await connectMember(h, outsider.cookie);
    expect((await emitWithAck(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId })).error?.code).toBe('NOT_FOUND');
    // Their own workspace, this workspace's bot: the bot is not found there.
    expect(await emitWithAck(socket, 'test:start', { workspaceId: outsider.workspaceId, botId: bot.botId })).toEqual({
      error: { code: 'NOT_FOUND', message: 'That bot does not exist in this workspace.' },
    });
  });

  it('runs the stored draft: a saved change shows in the next test', async () => {
    const socket = await connectMember(h, owner.cookie);
    const before = await emitWithAck<Started>(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId });
    expect(before.data?.messages[0]?.text).toBe('Published hello');
    await updateDraft(h, owner, bot, greeting('Draft hello'));
    const after = await emitWithAck<Started>(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId });
    expect(after.data?.messages[0]?.text).toBe('Draft hello');
    // The published version is untouched.
    const live = await h.runtime.startConversation(
      { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: 'visitor-draftcheck' },
      { settle: true },
    );
    expect(live.messages[0]?.text).toBe('Published hello');
    await updateDraft(h, owner, bot, greeting('Published hello'));
  });

  it.each([
    ['a graph', { graph: greeting('Injected hello') }],
    ['a botVersionId', { botVersionId: 'v1' }],
    ['a channel', { channel: 'widget' }],
  ])('refuses a payload that carries %s (strict schema)', async (_label, extra) => {
    const socket = await connectMember(h, owner.cookie);
    const before = await h.app.prisma.conversation.count({ where: { botId: bot.botId } });
    const reply = await emitWithAck(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId, ...extra });
    expect(reply.error?.code).toBe('BAD_REQUEST');
    expect(await h.app.prisma.conversation.count({ where: { botId: bot.botId } })).toBe(before);
  });
});

describe('test:send', () => {
  it('answers NOT_FOUND for a visitor conversation, and another workspace’s test conversation', async () => {
    const socket = await connectMember(h, owner.cookie);
    const visitor = await h.runtime.startConversation(
      { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'widget', visitorId: 'visitor-notatest' },
      { settle: true },
    );
    const reply = await emitWithAck(socket, 'test:send', { workspaceId: owner.workspaceId, conversationId: visitor.conversationId, clientMessageId: 'test-send-0002', text: 'hi' });
    expect(reply.error?.code).toBe('NOT_FOUND');

    const theirBot = await publishBot(h, outsider, greeting('Their hello'));
    const theirSocket = await connectMember(h, outsider.cookie);
    const theirs = await emitWithAck<Started>(theirSocket, 'test:start', { workspaceId: outsider.workspaceId, botId: theirBot.botId });
    const sneaky = await emitWithAck(socket, 'test:send', { workspaceId: owner.workspaceId, conversationId: theirs.data!.conversationId, clientMessageId: 'test-send-0003', text: 'hi' });
    expect(sneaky.error?.code).toBe('NOT_FOUND');
    expect(await h.app.prisma.message.count({ where: { conversationId: theirs.data!.conversationId } })).toBe(2);
  });

  it('answers FORBIDDEN to a viewer sending to the workspace’s test conversation', async () => {
    const socket = await connectMember(h, owner.cookie);
    const started = await emitWithAck<Started>(socket, 'test:start', { workspaceId: owner.workspaceId, botId: bot.botId });
    const viewerSocket = await connectMember(h, viewer.cookie);
    const reply = await emitWithAck(viewerSocket, 'test:send', { workspaceId: owner.workspaceId, conversationId: started.data!.conversationId, clientMessageId: 'test-send-0004', text: 'hi' });
    expect(reply.error?.code).toBe('FORBIDDEN');
  });
});
