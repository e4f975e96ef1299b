import type { NluTrainer } from '../nlu/nlu-trainer';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Permission } from '../../lib/permissions';
import { authorizeWorkspace } from '../authz/authorize-workspace';
import type { PrismaClient } from '../db/generated/client';
import { AppError, GENERIC_FAILURE } from '../errors/app-error';
import type { Logger } from '../config/logger';
import type { SafeFetch } from '../net/safe-fetch';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface TrpcContext {
  prisma: PrismaClient;
  logger: Logger;
  secretsKey: string;
  /** Trains intent models off the main thread (publish, conflict reports). */
  nlu: NluTrainer;
  /** The runtime's SSRF-guarded fetch for HTTP tools (test requests from the editor). */
  toolFetch: SafeFetch;
  user: SessionUser | null;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? GENERIC_FAILURE : zodError ? firstZodMessage(error.cause as ZodError) : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // Never a stack trace to a user.
        zodError,
      },
    };
  },
});

/** Maps our AppError to tRPC codes and logs anything unexpected (with its stack) server-side. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.logger.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Answers without a session. Keep the list short: the route inventory test checks it. */
export const publicProcedure = t.procedure.use(errorMapping);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A procedure acting inside one workspace. Its input must carry `workspaceId`; the caller must
 * be a member whose role grants `permission`. Every query inside must filter by
 * `ctx.access.workspaceId` too.
 */
export function workspaceProcedure(permission: Permission) {
  return authedProcedure.input(z.object({ workspaceId: z.string().min(1).max(64) })).use(async ({ ctx, input, next }) => {
    const access = await authorizeWorkspace(ctx.prisma, ctx.user.id, input.workspaceId, permission);
    return next({ ctx: { ...ctx, access } });
  });
}

function firstZodMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const field = issue.path.join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}
