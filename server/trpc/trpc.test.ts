import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import { GENERIC_FAILURE } from '../errors/app-error';
import { ACCOUNT_PROCEDURES, procedurePaths } from '../test/procedures';
import { callOverHttp, type TrpcErrorBody } from '../test/trpc-http';
import type { TrpcContext } from './trpc';

const user = { id: 'user-1', email: 'u@example.com', name: 'U' };

/** A logger that keeps its lines, to check what reaches the server log. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream) as unknown as Logger, lines };
}

/** A Prisma stand-in: membership lookups answer from `roles`; anything else fails loudly. */
function fakePrisma(roles: Record<string, string>, failure?: Error): PrismaClient {
  const membership = {
    async findUnique(args: { where: { workspaceId_userId: { workspaceId: string } } }) {
      if (failure) throw failure;
      const role = roles[args.where.workspaceId_userId.workspaceId];
      return role ? { role } : null;
    },
  };
  return new Proxy({ membership } as object, {
    get(target, key) {
      if (key in target) return (target as Record<string | symbol, unknown>)[key];
      throw new Error(`Unexpected database access: prisma.${String(key)}`);
    },
  }) as PrismaClient;
}

/** These tests never train: a trainer that says so if they do. */
const unusedTrainer: TrpcContext['nlu'] = {
  train: () => Promise.reject(new Error('Unexpected training')),
  findConflicts: () => Promise.reject(new Error('Unexpected training')),
  close: async () => {},
};

function context(overrides: Partial<TrpcContext> = {}): TrpcContext {
  return { prisma: fakePrisma({}), logger: capturingLogger().logger, secretsKey: 'ab'.repeat(32), nlu: unusedTrainer, toolFetch: () => Promise.reject(new Error('Unexpected request')), user, ...overrides };
}

describe('error formatting', () => {
  it('reports an unexpected error as a generic message with no stack or detail, and logs it server-side', async () => {
    const { logger, lines } = capturingLogger();
    const failure = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    const response = await callOverHttp(context({ prisma: fakePrisma({}, failure), logger }), 'bot.list', { workspaceId: 'ws-1' });

    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.json.message).toBe(GENERIC_FAILURE);
    expect(body.error.json.data).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'bot.list', zodError: null });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toMatch(/stack|\n\s+at |\.ts:\d+/);

    const logged = lines.map((line) => JSON.parse(line) as { msg: string; path: string; err: { message: string; stack: string } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'procedure failed', path: 'bot.list' });
    expect(logged[0]!.err.message).toContain('ECONNREFUSED');
    expect(logged[0]!.err.stack).toContain('\n');
  });

  it('passes an AppError through with its code, status and user-facing message (and logs nothing)', async () => {
    const { logger, lines } = capturingLogger();
    const response = await callOverHttp(context({ logger }), 'bot.list', { workspaceId: 'someone-elses' });
    expect(response.status).toBe(404);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.json.message).toBe('That workspace does not exist or you are not a member of it.');
    expect(body.error.json.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(JSON.stringify(body)).not.toContain('stack');
    expect(lines).toEqual([]);
  });

  it('names the first invalid field in the message and returns the flattened zod error', async () => {
    const response = await callOverHttp(context({ prisma: fakePrisma({ 'ws-1': 'OWNER' }) }), 'bot.create', { workspaceId: 'ws-1', name: '  ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.json.message).toBe('name: Give the bot a name');
    expect(body.error.json.data).toMatchObject({ code: 'BAD_REQUEST', zodError: { fieldErrors: { name: ['Give the bot a name'] } } });
  });

  it('reports a role that may not do something as FORBIDDEN with a message saying so', async () => {
    const response = await callOverHttp(context({ prisma: fakePrisma({ 'ws-1': 'VIEWER' }) }), 'bot.create', { workspaceId: 'ws-1', name: 'Bot' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as TrpcErrorBody).error.json.message).toBe('Your role (viewer) cannot do this. Ask a workspace admin.');
  });
});

describe('procedure inventory', () => {
  it('lists every procedure (a new one must be added to the isolation, role and mass-assignment tests)', () => {
    expect(procedurePaths).toEqual([
      'analytics.addFallbackToIntent',
      'analytics.canvasTraffic',
      'analytics.exportTranscripts',
      'analytics.fallbacks',
      'analytics.funnel',
      'analytics.kpis',
      'analytics.team',
      'analytics.timeseries',
      'analytics.topIntents',
      'analytics.transcript',
      'analytics.transcripts',
      'apiKey.create',
      'apiKey.list',
      'apiKey.revoke',
      'bot.create',
      'bot.createFromFile',
      'bot.delete',
      'bot.duplicate',
      'bot.exportFile',
      'bot.get',
      'bot.getDraft',
      'bot.getVersion',
      'bot.getWidgetSettings',
      'bot.importDraft',
      'bot.intentConflicts',
      'bot.list',
      'bot.publish',
      'bot.restoreVersion',
      'bot.saveDraft',
      'bot.update',
      'bot.updateWidgetSettings',
      'bot.versions',
      'conversation.get',
      'conversation.list',
      'inbox.conversation',
      'inbox.queue',
      'member.acceptInvitation',
      'member.changeRole',
      'member.invitations',
      'member.invite',
      'member.list',
      'member.previewInvitation',
      'member.remove',
      'member.revokeInvitation',
      'secret.delete',
      'secret.list',
      'secret.set',
      'tool.testRequest',
      'workspace.create',
      'workspace.get',
      'workspace.list',
      'workspace.rename',
    ]);
    expect(ACCOUNT_PROCEDURES.every((p) => procedurePaths.includes(p))).toBe(true);
  });

  // No procedure answers without a session (sign-up/in and health are not tRPC procedures).
  it.each(procedurePaths)('%s answers 401 without a session, before touching the database', async (path) => {
    const response = await callOverHttp(context({ user: null, prisma: fakePrisma({}, new Error('database touched')) }), path, {
      workspaceId: 'ws-1',
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.json.message).toBe('Sign in to continue.');
    expect(body.error.json.data).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
