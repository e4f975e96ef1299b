import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Logger } from '../config/logger';

export interface RedisAdapterConnection {
  close(): Promise<void>;
}

/**
 * Shares socket.io rooms between app processes through Redis (pub/sub), so a message emitted
 * on one process reaches sockets connected to another: the visitor on one server, the agent on
 * the next. Connects before returning: a wrong REDIS_URL stops the start with a clear error.
 */
export async function connectRedisAdapter(io: Server, url: string, logger: Logger): Promise<RedisAdapterConnection> {
  let connected = false;
  // While starting, give up after a few tries (the start fails with the reason); once running,
  // keep retrying with a growing pause: Redis restarting must not take the app down.
  const reconnectStrategy = (retries: number, cause: Error) => (!connected && retries >= 2 ? cause : Math.min(100 * 2 ** retries, 5000));
  const publisher = createClient({ url, socket: { reconnectStrategy } });
  const subscriber = publisher.duplicate();
  // After start-up, a lost connection is logged and retried by the client; events emitted
  // meanwhile reach this process's sockets only.
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => logger.error({ err: error }, 'Redis connection error'));
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    connected = true;
  } catch (error) {
    await Promise.allSettled([publisher.destroy(), subscriber.destroy()]);
    throw new Error(`Could not connect to Redis at REDIS_URL (${redactRedisUrl(url)}): ${(error as Error).message}. Check that Redis runs, or unset REDIS_URL to run a single server.`);
  }
  io.adapter(createAdapter(publisher, subscriber));
  logger.info({ redis: redactRedisUrl(url) }, 'socket.io shares rooms through Redis');
  return {
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}

/** The URL without its password, for logs and errors. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an invalid URL';
  }
}
