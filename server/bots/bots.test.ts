import { beforeAll, describe, expect, it } from 'vitest';
import { createEmptyGraph } from '../../lib/flow/create-empty-graph';
import { createTemplateGraph } from '../../lib/flow/templates/bot-templates';
import { callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';
import { createPublicBotId } from './bots';

const app = useTestApp();

describe('bots', () => {
  let owner: TestUser;
  let caller: Caller;
  beforeAll(async () => {
    owner = await signUpUser(app, 'Bea Builder');
    caller = callerFor(app, owner);
  });

  it('creates a bot with an empty draft graph and an unguessable public id', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: '  Support  ', description: 'Helps' });
    expect(bot).toMatchObject({ name: 'Support', description: 'Helps', publishedVersion: null });
    expect(bot.publicId).toMatch(/^bot_[A-Za-z0-9_-]{12}$/);
    expect(bot.publicId).not.toBe(bot.id);
    const draft = await app.prisma.botDraft.findUniqueOrThrow({ where: { botId: bot.id } });
    expect(draft.graph).toEqual(createEmptyGraph());
    expect(draft.updatedById).toBe(owner.id);
    expect(await caller.bot.get({ workspaceId: owner.workspaceId, botId: bot.id })).toEqual(bot);
  });

  it('creates a bot from a template: its draft is the template graph', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Leads', templateId: 'lead-qualification' });
    const draft = await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id });
    expect(draft.graph).toEqual(createTemplateGraph('lead-qualification'));
    expect(draft.problems).toEqual([]);
    const create = caller.bot.create as (input: unknown) => Promise<unknown>;
    await expectTrpcError(create({ workspaceId: owner.workspaceId, name: 'Nope', templateId: 'no-such-template' }), 'BAD_REQUEST');
    expect(await app.prisma.bot.count({ where: { workspaceId: owner.workspaceId, name: 'Nope' } })).toBe(0);
  });

  it('lists the workspace bots, most recently updated first', async () => {
    const user = await signUpUser(app);
    const own = callerFor(app, user);
    const first = await own.bot.create({ workspaceId: user.workspaceId, name: 'First' });
    const second = await own.bot.create({ workspaceId: user.workspaceId, name: 'Second' });
    expect((await own.bot.list({ workspaceId: user.workspaceId })).map((b) => b.id)).toEqual([second.id, first.id]);
    await own.bot.update({ workspaceId: user.workspaceId, botId: first.id, name: 'First, renamed' });
    expect((await own.bot.list({ workspaceId: user.workspaceId })).map((b) => b.name)).toEqual(['First, renamed', 'Second']);
  });

  it('renames and re-describes a bot, keeping what was not sent', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Old name', description: 'Kept' });
    const renamed = await caller.bot.update({ workspaceId: owner.workspaceId, botId: bot.id, name: 'New name' });
    expect(renamed).toMatchObject({ id: bot.id, publicId: bot.publicId, name: 'New name', description: 'Kept' });
    const described = await caller.bot.update({ workspaceId: owner.workspaceId, botId: bot.id, description: 'Changed' });
    expect(described).toMatchObject({ name: 'New name', description: 'Changed' });
  });

  it('refuses an empty or too long name', async () => {
    await expectTrpcError(caller.bot.create({ workspaceId: owner.workspaceId, name: '   ' }), 'BAD_REQUEST');
    await expectTrpcError(caller.bot.create({ workspaceId: owner.workspaceId, name: 'x'.repeat(81) }), 'BAD_REQUEST');
  });

  it('duplicates a bot: copies the draft graph, gets a new public id and a "(copy)" name', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Greeter', description: 'Says hi' });
    const graph = {
      ...createEmptyGraph(),
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', type: 'message', position: { x: 200, y: 0 }, data: { text: 'Hello!' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hello' }],
    };
    await app.prisma.botDraft.update({ where: { botId: bot.id }, data: { graph } });

    const copy = await caller.bot.duplicate({ workspaceId: owner.workspaceId, botId: bot.id });
    expect(copy).toMatchObject({ name: 'Greeter (copy)', description: 'Says hi', publishedVersion: null });
    expect(copy.id).not.toBe(bot.id);
    expect(copy.publicId).not.toBe(bot.publicId);
    const copiedDraft = await app.prisma.botDraft.findUniqueOrThrow({ where: { botId: copy.id } });
    expect(copiedDraft.graph).toEqual(graph);
    expect(copiedDraft.revision).toBe(1);
    // The original is untouched.
    expect((await app.prisma.botDraft.findUniqueOrThrow({ where: { botId: bot.id } })).graph).toEqual(graph);
  });

  it('keeps a duplicate of a long-named bot within the name limit', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'n'.repeat(80) });
    const copy = await caller.bot.duplicate({ workspaceId: owner.workspaceId, botId: bot.id });
    expect(copy.name).toHaveLength(80);
  });

  it('deletes a bot with its draft; a second delete is NOT_FOUND', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Doomed' });
    expect(await caller.bot.delete({ workspaceId: owner.workspaceId, botId: bot.id })).toEqual({ ok: true });
    expect(await app.prisma.bot.findUnique({ where: { id: bot.id } })).toBeNull();
    expect(await app.prisma.botDraft.findUnique({ where: { botId: bot.id } })).toBeNull();
    await expectTrpcError(caller.bot.get({ workspaceId: owner.workspaceId, botId: bot.id }), 'NOT_FOUND');
    await expectTrpcError(caller.bot.delete({ workspaceId: owner.workspaceId, botId: bot.id }), 'NOT_FOUND');
  });

  it('makes distinct public ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => createPublicBotId()));
    expect(ids.size).toBe(200);
  });
});
