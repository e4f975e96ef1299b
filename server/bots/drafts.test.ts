import { beforeAll, describe, expect, it } from 'vitest';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { graphSchema } from '../../lib/flow/graph-schema';
import { callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

const app = useTestApp();

const withGreeting = (text: string) =>
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

describe('drafts and publishing', () => {
  let owner: TestUser;
  let caller: Caller;
  beforeAll(async () => {
    owner = await signUpUser(app, 'Dora Drafts');
    caller = callerFor(app, owner);
  });

  it('saves on the revision it started from, refuses a stale save, and overwrites only when asked', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Drafty' });
    const opened = await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id });
    const saved = await caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: opened.revision, graph: withGreeting('First') });
    expect(saved.revision).toBe(opened.revision + 1);

    // A second editor who opened the same revision is told, and nothing of theirs is written.
    const stale = await expectTrpcError(
      caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: opened.revision, graph: withGreeting('Second') }),
      'CONFLICT',
    );
    expect(stale.message).toMatch(/Someone else saved this bot/);
    expect((await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id })).graph).toMatchObject({ nodes: [{}, { data: { text: 'First' } }, {}] });

    const forced = await caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: opened.revision, graph: withGreeting('Second'), overwrite: true });
    expect(forced.revision).toBe(saved.revision + 1);
    expect((await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id })).graph).toMatchObject({ nodes: [{}, { data: { text: 'Second' } }, {}] });

    // A revision beyond what the database stores is refused as bad input, and changes nothing.
    const huge = await expectTrpcError(
      caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: 2 ** 53 - 1, graph: withGreeting('Third'), overwrite: true }),
      'BAD_REQUEST',
    );
    expect(huge.message).toMatch(/baseRevision/i);
    expect((await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id })).graph).toMatchObject({ nodes: [{}, { data: { text: 'Second' } }, {}] });
  });

  it('publishes immutable numbered versions, refuses a draft with errors, and marks the live one', async () => {
    const bot = await caller.bot.create({ workspaceId: owner.workspaceId, name: 'Publisher' });
    const draft = await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id });
    await caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: draft.revision, graph: createSupportDemoGraph() });
    const v1 = await caller.bot.publish({ workspaceId: owner.workspaceId, botId: bot.id, notes: 'First' });
    const v2 = await caller.bot.publish({ workspaceId: owner.workspaceId, botId: bot.id, notes: 'Second' });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    const versions = await caller.bot.versions({ workspaceId: owner.workspaceId, botId: bot.id });
    expect(versions.map((v) => [v.number, v.live, v.notes])).toEqual([
      [2, true, 'Second'],
      [1, false, 'First'],
    ]);

    // An intent router without a fallback branch is an error: publishing is refused.
    const broken = createSupportDemoGraph();
    broken.edges = broken.edges.filter((edge) => edge.id !== 'e-fallback');
    const current = await caller.bot.getDraft({ workspaceId: owner.workspaceId, botId: bot.id });
    const saved = await caller.bot.saveDraft({ workspaceId: owner.workspaceId, botId: bot.id, baseRevision: current.revision, graph: broken });
    expect(saved.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'required-branch', nodeId: 'router' }));
    const refused = await expectTrpcError(caller.bot.publish({ workspaceId: owner.workspaceId, botId: bot.id }), 'BAD_REQUEST');
    expect(refused.message).toMatch(/Fix the errors before publishing/);
    expect(await caller.bot.versions({ workspaceId: owner.workspaceId, botId: bot.id })).toHaveLength(2);
  });
});
