import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { graphSchema, type Graph } from '../../lib/flow/graph-schema';
import { callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

const app = useTestApp();

const greeting = (text: string): Graph =>
  graphSchema.parse({
    version: 1,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      { id: 'hi', type: 'message', position: { x: 0, y: 100 }, data: { text } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'hi' },
      { id: 'e2', source: 'hi', target: 'end' },
    ],
  });

describe('published versions: listing, reading and restoring into the draft', () => {
  let owner: TestUser;
  let caller: Caller;
  let workspaceId: string;
  let botId: string;

  /** Saves `graph` on the current revision and publishes it. */
  async function publish(graph: Graph, notes: string, as: Caller = caller) {
    const draft = await as.bot.getDraft({ workspaceId, botId });
    await as.bot.saveDraft({ workspaceId, botId, baseRevision: draft.revision, graph });
    return as.bot.publish({ workspaceId, botId, notes });
  }

  beforeAll(async () => {
    owner = await signUpUser(app, 'Vera Versions');
    caller = callerFor(app, owner);
    workspaceId = owner.workspaceId;
    botId = (await caller.bot.create({ workspaceId, name: 'Versioned' })).id;
    await publish(greeting('Hello from v1'), 'First');
    await publish(createSupportDemoGraph(), 'Second, with intents');
  });

  it('lists versions newest first with their author, notes, time and which one is live', async () => {
    const versions = await caller.bot.versions({ workspaceId, botId });
    expect(versions.map((v) => ({ number: v.number, notes: v.notes, live: v.live, author: v.author }))).toEqual([
      { number: 2, notes: 'Second, with intents', live: true, author: { id: owner.id, name: 'Vera Versions' } },
      { number: 1, notes: 'First', live: false, author: { id: owner.id, name: 'Vera Versions' } },
    ]);
    expect(versions[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('shows a version whose author is gone without an author', async () => {
    const gone = await signUpUser(app, 'Gone Soon');
    const asGone = callerFor(app, gone);
    const own = await asGone.bot.create({ workspaceId: gone.workspaceId, name: 'Orphan' });
    const draft = await asGone.bot.getDraft({ workspaceId: gone.workspaceId, botId: own.id });
    await asGone.bot.saveDraft({ workspaceId: gone.workspaceId, botId: own.id, baseRevision: draft.revision, graph: greeting('Hi') });
    await asGone.bot.publish({ workspaceId: gone.workspaceId, botId: own.id });
    const stranger = await signUpUser(app, 'New Owner');
    await app.prisma.membership.create({ data: { workspaceId: gone.workspaceId, userId: stranger.id, role: 'OWNER' } });
    await app.prisma.user.delete({ where: { id: gone.id } });
    const [version] = await callerFor(app, stranger).bot.versions({ workspaceId: gone.workspaceId, botId: own.id });
    expect(version).toMatchObject({ number: 1, authorId: gone.id, author: null });
  });

  it("reads one version's graph; an unknown number is NOT_FOUND", async () => {
    const v1 = await caller.bot.getVersion({ workspaceId, botId, versionNumber: 1 });
    expect(v1).toMatchObject({ number: 1, notes: 'First', live: false, author: { name: 'Vera Versions' } });
    expect(v1.graph).toEqual(greeting('Hello from v1'));
    expect((await caller.bot.getVersion({ workspaceId, botId, versionNumber: 2 })).live).toBe(true);
    const missing = await expectTrpcError(caller.bot.getVersion({ workspaceId, botId, versionNumber: 9 }), 'NOT_FOUND');
    expect(missing.message).toBe('Version 9 of that bot does not exist in this workspace.');
    // Beyond the database's integer: a bad request, never a failed query.
    await expectTrpcError(caller.bot.getVersion({ workspaceId, botId, versionNumber: 2 ** 40 }), 'BAD_REQUEST');
  });

  it('restores a version into the draft as a save on the current revision; versions and the live bot stay as they were', async () => {
    const train = vi.spyOn(app.nlu, 'train');
    const before = await caller.bot.getDraft({ workspaceId, botId });
    const restored = await caller.bot.restoreVersion({ workspaceId, botId, versionNumber: 1, baseRevision: before.revision });
    expect(restored).toEqual({ revision: before.revision + 1, problems: [] });
    const after = await caller.bot.getDraft({ workspaceId, botId });
    expect(after.graph).toEqual(greeting('Hello from v1'));
    expect(after.revision).toBe(restored.revision);
    expect((await caller.bot.get({ workspaceId, botId })).publishedVersion?.number).toBe(2);
    expect(await caller.bot.versions({ workspaceId, botId })).toHaveLength(2);
    // v1 has no intents: nothing to train. Restoring v2 trains its intents in the background.
    expect(train).not.toHaveBeenCalled();
    await caller.bot.restoreVersion({ workspaceId, botId, versionNumber: 2, baseRevision: after.revision });
    expect(train).toHaveBeenCalledWith(createSupportDemoGraph().intents);
    expect((await caller.bot.getDraft({ workspaceId, botId })).graph).toEqual(createSupportDemoGraph());
  });

  it('refuses a restore on a stale revision (someone saved since) and replaces nothing, unless told to overwrite', async () => {
    const opened = await caller.bot.getDraft({ workspaceId, botId });
    await caller.bot.saveDraft({ workspaceId, botId, baseRevision: opened.revision, graph: greeting('Saved by someone else') });
    const current = await caller.bot.getDraft({ workspaceId, botId });
    const stale = await expectTrpcError(caller.bot.restoreVersion({ workspaceId, botId, versionNumber: 1, baseRevision: opened.revision }), 'CONFLICT');
    expect(stale.message).toMatch(/Someone else saved this draft since you opened it, so nothing was replaced/);
    expect(await caller.bot.getDraft({ workspaceId, botId })).toEqual(current);

    await caller.bot.restoreVersion({ workspaceId, botId, versionNumber: 1, baseRevision: opened.revision, overwrite: true });
    expect((await caller.bot.getDraft({ workspaceId, botId })).graph).toEqual(greeting('Hello from v1'));
  });

  it('restoring a version number that does not exist changes nothing', async () => {
    const current = await caller.bot.getDraft({ workspaceId, botId });
    await expectTrpcError(caller.bot.restoreVersion({ workspaceId, botId, versionNumber: 42, baseRevision: current.revision }), 'NOT_FOUND');
    expect(await caller.bot.getDraft({ workspaceId, botId })).toEqual(current);
  });
});
