import { beforeAll, describe, expect, it } from 'vitest';
import { createBotFile } from '../../lib/flow/bot-file';
import { createEmptyGraph } from '../../lib/flow/create-empty-graph';
import { graphSchema } from '../../lib/flow/graph-schema';
import { insertConversation, procedurePaths } from '../test/procedures';
import { addMember, callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

/**
 * Mass assignment: every input schema is strict, so server-owned fields a client adds (ids,
 * workspaceId of another workspace, ownerId, roles, timestamps, hashes) are refused, never
 * written.
 */
const app = useTestApp();

let owner: TestUser;
let outsider: TestUser;
let asOwner: Caller;
let workspaceId: string;
let botId: string;
let conversationId: string;
let membershipId: string;
let invitationId: string;
let secretId: string;
let token: string;
const botFileText = JSON.stringify(createBotFile({ name: 'From a file', description: '', graph: graphSchema.parse(createEmptyGraph()) }));

beforeAll(async () => {
  owner = await signUpUser(app, 'Mona');
  outsider = await signUpUser(app, 'Oscar');
  asOwner = callerFor(app, owner);
  workspaceId = owner.workspaceId;
  botId = (await asOwner.bot.create({ workspaceId, name: 'Target bot' })).id;
  conversationId = (await insertConversation(app.prisma, workspaceId, botId)).id;
  membershipId = (await addMember(app, workspaceId, 'VIEWER')).membershipId;
  ({ id: invitationId, token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' }));
  secretId = (await asOwner.secret.set({ workspaceId, name: 'KEY', value: 'v' })).id;
});

const period = { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000) };

/** A valid input for every procedure that takes one (workspace.list takes none). */
const validInputs = (): Record<string, Record<string, unknown>> => ({
  'workspace.get': { workspaceId },
  'workspace.create': { name: 'Another' },
  'workspace.rename': { workspaceId, name: 'Renamed' },
  'member.list': { workspaceId },
  'member.changeRole': { workspaceId, membershipId, role: 'EDITOR' },
  'member.remove': { workspaceId, membershipId },
  'member.invitations': { workspaceId },
  'member.invite': { workspaceId, role: 'VIEWER' },
  'member.revokeInvitation': { workspaceId, invitationId },
  'member.previewInvitation': { token },
  'member.acceptInvitation': { token },
  'bot.list': { workspaceId },
  'bot.get': { workspaceId, botId },
  'bot.create': { workspaceId, name: 'New' },
  'bot.update': { workspaceId, botId, name: 'Renamed' },
  'bot.duplicate': { workspaceId, botId },
  'bot.delete': { workspaceId, botId },
  'conversation.list': { workspaceId },
  'conversation.get': { workspaceId, conversationId },
  'inbox.queue': { workspaceId },
  'inbox.conversation': { workspaceId, conversationId },
  'analytics.kpis': { workspaceId, ...period },
  'analytics.timeseries': { workspaceId, botId, ...period },
  'analytics.topIntents': { workspaceId, botId, ...period },
  'analytics.fallbacks': { workspaceId, botId, ...period },
  'analytics.canvasTraffic': { workspaceId, botId, ...period },
  'analytics.funnel': { workspaceId, botId, nodeIds: ['start', 'end'], ...period },
  'analytics.team': { workspaceId, ...period },
  'analytics.transcripts': { workspaceId, ...period },
  'analytics.transcript': { workspaceId, conversationId },
  'analytics.exportTranscripts': { workspaceId, format: 'csv', ...period },
  'analytics.addFallbackToIntent': { workspaceId, botId, intent: 'greet', text: 'hi' },
  'secret.list': { workspaceId },
  'secret.set': { workspaceId, name: 'KEY', value: 'v2' },
  'secret.delete': { workspaceId, secretId },
  'bot.getDraft': { workspaceId, botId },
  'bot.intentConflicts': { workspaceId, botId },
  'bot.saveDraft': { workspaceId, botId, baseRevision: 1, graph: { version: 1, nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }], edges: [] } },
  'bot.publish': { workspaceId, botId },
  'bot.getWidgetSettings': { workspaceId, botId },
  'bot.updateWidgetSettings': { workspaceId, botId, allowedOrigins: ['https://shop.example'], theme: {} },
  'bot.versions': { workspaceId, botId },
  'bot.getVersion': { workspaceId, botId, versionNumber: 1 },
  'bot.restoreVersion': { workspaceId, botId, versionNumber: 1, baseRevision: 1 },
  'bot.exportFile': { workspaceId, botId },
  'bot.importDraft': { workspaceId, botId, baseRevision: 1, content: botFileText },
  'bot.createFromFile': { workspaceId, content: botFileText },
  'apiKey.list': { workspaceId },
  'apiKey.create': { workspaceId, name: 'CRM' },
  'apiKey.revoke': { workspaceId, apiKeyId: 'key-that-does-not-exist' },
  'tool.testRequest': { workspaceId, request: { method: 'GET', url: 'http://127.0.0.1:9/', headers: [], timeoutMs: 1000, mappings: [] } },
});

/** Calls a procedure by its dotted path with an untyped input. */
function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const [namespace, name] = path.split('.') as [string, string];
  const procedures = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[namespace]!;
  return procedures[name]!(input);
}

describe('strict inputs', () => {
  it('has a valid input for every procedure with an input', () => {
    expect(Object.keys(validInputs()).sort()).toEqual(procedurePaths.filter((p) => p !== 'workspace.list'));
  });

  it.each(Object.keys(validInputs()))('%s refuses server-owned extra fields with BAD_REQUEST', async (path) => {
    const before = await app.prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      include: { bots: { include: { draft: true } }, memberships: true, invitations: true, secrets: true },
    });
    const valid = validInputs()[path]!;
    for (const extra of [{ id: 'forged-id' }, { createdAt: new Date(0) }, { ownerId: outsider.id }, { userId: outsider.id, role: 'OWNER' }]) {
      // A field the input really has (e.g. member.invite's role) keeps its valid value.
      await expectTrpcError(callByPath(asOwner, path, { ...extra, ...valid }), 'BAD_REQUEST');
    }
    const after = await app.prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      include: { bots: { include: { draft: true } }, memberships: true, invitations: true, secrets: true },
    });
    expect(after).toEqual(before);
  });
});

describe('server-owned fields', () => {
  it("bot.create with another workspace's id is authorized against that workspace, not smuggled in", async () => {
    const asOutsider = callerFor(app, outsider);
    await expectTrpcError(asOutsider.bot.create({ workspaceId, name: 'Planted' }), 'NOT_FOUND');
    expect(await app.prisma.bot.count({ where: { workspaceId, name: 'Planted' } })).toBe(0);
  });

  it('bot.update cannot set publicId, id, createdAt or move the bot', async () => {
    const bot = await asOwner.bot.get({ workspaceId, botId });
    const asUntyped = asOwner.bot.update as (input: unknown) => Promise<unknown>;
    for (const extra of [{ publicId: 'demo' }, { id: 'chosen-id' }, { createdAt: new Date(0) }, { newWorkspaceId: outsider.workspaceId }]) {
      await expectTrpcError(asUntyped({ workspaceId, botId, name: 'Hijacked', ...extra }), 'BAD_REQUEST');
    }
    expect(await asOwner.bot.get({ workspaceId, botId })).toEqual(bot);
  });

  it('bot.updateWidgetSettings cannot set publicId or move the bot; theme fields are strict', async () => {
    const asUntyped = asOwner.bot.updateWidgetSettings as (input: unknown) => Promise<unknown>;
    const valid = { workspaceId, botId, allowedOrigins: [], theme: {} };
    for (const extra of [{ publicId: 'demo' }, { publishedVersionId: 'v-forged' }, { newWorkspaceId: outsider.workspaceId }, { theme: { customCss: 'body{}' } }]) {
      await expectTrpcError(asUntyped({ ...valid, ...extra }), 'BAD_REQUEST');
    }
    for (const theme of [{ avatarUrl: 'javascript:alert(1)' }, { accentColour: 'red;background:url(x)' }]) {
      await expectTrpcError(asUntyped({ ...valid, theme }), 'BAD_REQUEST');
    }
    await expectTrpcError(asUntyped({ ...valid, allowedOrigins: ['https://shop.example/path'] }), 'BAD_REQUEST');
    expect((await asOwner.bot.get({ workspaceId, botId })).publicId).not.toBe('demo');
  });

  it('bot.createFromFile ignores server-owned fields written into the file: ids, publicId, workspace, versions', async () => {
    const file = { ...JSON.parse(botFileText), id: 'chosen-id', publicId: 'demo', workspaceId: outsider.workspaceId, publishedVersionId: 'v-forged', name: 'Smuggler' };
    const created = await asOwner.bot.createFromFile({ workspaceId, content: JSON.stringify(file) });
    expect(created.id).not.toBe('chosen-id');
    expect(created.publicId).toMatch(/^bot_/);
    expect(created.publishedVersion).toBeNull();
    expect(await app.prisma.bot.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ workspaceId, name: 'Smuggler', publishedVersionId: null });
    expect(await app.prisma.bot.count({ where: { workspaceId: outsider.workspaceId } })).toBe(0);
  });

  it('workspace.create with ownerId is refused; the creator is always the owner', async () => {
    const create = asOwner.workspace.create as (input: unknown) => Promise<unknown>;
    await expectTrpcError(create({ name: 'Gift', ownerId: outsider.id }), 'BAD_REQUEST');
    expect(await app.prisma.membership.count({ where: { userId: outsider.id } })).toBe(1);

    const created = await asOwner.workspace.create({ name: 'Side project' });
    expect(await app.prisma.membership.findMany({ where: { workspaceId: created.id }, select: { userId: true, role: true } })).toEqual([
      { userId: owner.id, role: 'OWNER' },
    ]);
  });

  it('acceptInvitation cannot choose its own role', async () => {
    const { token: viewerToken } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    const joiner = await signUpUser(app);
    const accept = callerFor(app, joiner).member.acceptInvitation as (input: unknown) => Promise<unknown>;
    await expectTrpcError(accept({ token: viewerToken, role: 'OWNER' }), 'BAD_REQUEST');
    await accept({ token: viewerToken });
    expect(await app.prisma.membership.findFirstOrThrow({ where: { workspaceId, userId: joiner.id } })).toMatchObject({ role: 'VIEWER' });
  });

  it('a role outside the list is refused', async () => {
    const invite = asOwner.member.invite as (input: unknown) => Promise<unknown>;
    await expectTrpcError(invite({ workspaceId, role: 'SUPERUSER' }), 'BAD_REQUEST');
  });
});
