import type { z } from 'zod';
import type { SocketAck } from '../../lib/socket-events';
import type { Logger } from '../config/logger';
import { AppError } from '../errors/app-error';

/**
 * Wraps an event handler: validates the payload, runs it, and answers through the
 * acknowledgement as `{ data }` or `{ error }` (never a stack trace).
 */
export function handle<Schema extends z.ZodType, Result>(
  deps: { logger: Logger },
  schema: Schema,
  run: (payload: z.output<Schema>) => Promise<Result>,
) {
  return async (payload: unknown, ack?: SocketAck<Result>) => {
    const reply: SocketAck<Result> = typeof ack === 'function' ? ack : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ error: { code: 'BAD_REQUEST', message: parsed.error.issues[0]?.message ?? 'Invalid payload' } });
      return;
    }
    try {
      reply({ data: await run(parsed.data) });
    } catch (error) {
      if (error instanceof AppError) {
        reply({ error: { code: error.code, message: error.message } });
      } else {
        deps.logger.error({ err: error }, 'socket handler failed');
        reply({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Try again.' } });
      }
    }
  };
}
