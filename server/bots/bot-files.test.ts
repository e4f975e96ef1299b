import { beforeAll, describe, expect, it } from 'vitest';
import { createBotFile, MAX_BOT_FILE_BYTES } from '../../lib/flow/bot-file';
import { createEmptyGraph } from '../../lib/flow/create-empty-graph';
import { graphSchema } from '../../lib/flow/graph-schema';
import { createTemplateGraph } from '../../lib/flow/templates/bot-templates';
import { callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

const app = useTestApp();

describe('exporting and importing bot files', () => {
  let owner: TestUser;
  let caller: Caller;
  let workspaceId: string;

  beforeAll(async () => {
    owner = await signUpUser(app, 'Iris Import');
    caller = callerFor(app, owner);
    workspaceId = owner.workspaceId;
  });

  it('exports the saved draft with name, description and graph, and never a secret value', async () => {
    await caller.secret.set({ workspaceId, name: 'ORDERS_API_TOKEN', value: 'sk-live-do-not-leak-4711' });
    const bot = await caller.bot.create({ workspaceId, name: 'Order Help', description: 'Where is my parcel?', templateId: 'order-status' });
    const exported = await caller.bot.exportFile({ workspaceId, botId: bot.id });
    expect(exported.fileName).toBe('order-help.flowboard.json');
    expect(exported.file).toEqual({ format: 'flowboard.bot', formatVersion: 1, name: 'Order Help', description: 'Where is my parcel?', graph: createTemplateGraph('order-status') });
    const text = JSON.stringify(exported.file);
    expect(text).toContain('{{secrets.ORDERS_API_TOKEN}}');
    expect(text).not.toContain('sk-live-do-not-leak-4711');
  });

  it('imports a file into the draft as a save on the current revision; name and description stay', async () => {
    const bot = await caller.bot.create({ workspaceId, name: 'Target', description: 'Mine' });
    const draft = await caller.bot.getDraft({ workspaceId, botId: bot.id });
    const content = JSON.stringify(createBotFile({ name: 'Other name', description: 'Other', graph: createTemplateGraph('faq-with-handoff') }));
    const saved = await caller.bot.importDraft({ workspaceId, botId: bot.id, content, baseRevision: draft.revision });
    expect(saved).toEqual({ revision: draft.revision + 1, problems: [] });
    expect((await caller.bot.getDraft({ workspaceId, botId: bot.id })).graph).toEqual(createTemplateGraph('faq-with-handoff'));
    expect(await caller.bot.get({ workspaceId, botId: bot.id })).toMatchObject({ name: 'Target', description: 'Mine' });

    // On a stale revision it is refused like any save.
    await expectTrpcError(caller.bot.importDraft({ workspaceId, botId: bot.id, content, baseRevision: draft.revision }), 'CONFLICT');
  });

  it.each([
    ['not JSON', 'this is not json', /^This file is not valid JSON/],
    ['another JSON document', JSON.stringify({ name: 'package', version: '1.0.0' }), /its "format" is missing, expected "flowboard.bot"/],
    [
      'a graph that does not match the schema',
      JSON.stringify({ format: 'flowboard.bot', formatVersion: 1, name: 'Broken', graph: { version: 1, nodes: [{ id: 'x', type: 'teleport', position: { x: 0, y: 0 } }], edges: [] } }),
      /^The bot's graph in this file is not valid: graph\.nodes\.0\.type: .+Fix that field in the file, or export the bot again\.$/,
    ],
  ])('refuses %s with a clear error and leaves the draft unchanged', async (_, content, message) => {
    const bot = await caller.bot.create({ workspaceId, name: 'Keep me' });
    const before = await caller.bot.getDraft({ workspaceId, botId: bot.id });
    const error = await expectTrpcError(caller.bot.importDraft({ workspaceId, botId: bot.id, content, baseRevision: before.revision }), 'BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect(await caller.bot.getDraft({ workspaceId, botId: bot.id })).toEqual(before);
    expect(before.graph).toEqual(graphSchema.parse(createEmptyGraph()));
  });

  it('refuses a file over 2 MB and changes nothing', async () => {
    const bot = await caller.bot.create({ workspaceId, name: 'Big file target' });
    const before = await caller.bot.getDraft({ workspaceId, botId: bot.id });
    const content = JSON.stringify({ ...createBotFile({ name: 'Big', description: '', graph: createTemplateGraph('faq-with-handoff') }), padding: 'x'.repeat(MAX_BOT_FILE_BYTES) });
    const error = await expectTrpcError(caller.bot.importDraft({ workspaceId, botId: bot.id, content, baseRevision: before.revision }), 'BAD_REQUEST');
    expect(error.message).toMatch(/larger than 2 MB/);
    expect(await caller.bot.getDraft({ workspaceId, botId: bot.id })).toEqual(before);
  });

  it('creates a new bot from an exported file (a round trip), and none from a bad file', async () => {
    const source = await caller.bot.create({ workspaceId, name: 'Leads', description: 'Qualifies leads', templateId: 'lead-qualification' });
    const { file } = await caller.bot.exportFile({ workspaceId, botId: source.id });
    const created = await caller.bot.createFromFile({ workspaceId, content: JSON.stringify(file, null, 2) });
    expect(created).toMatchObject({ name: 'Leads', description: 'Qualifies leads', publishedVersion: null });
    expect(created.id).not.toBe(source.id);
    expect((await caller.bot.getDraft({ workspaceId, botId: created.id })).graph).toEqual(createTemplateGraph('lead-qualification'));

    const count = await app.prisma.bot.count({ where: { workspaceId } });
    const error = await expectTrpcError(caller.bot.createFromFile({ workspaceId, content: JSON.stringify({ ...file, formatVersion: 3 }) }), 'BAD_REQUEST');
    expect(error.message).toMatch(/exported by a newer Flowboard \(format version 3\)/);
    expect(await app.prisma.bot.count({ where: { workspaceId } })).toBe(count);
  });
});
