import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Logger } from '../config/logger';

/** The client as this app creates it (a type of its own: createClient's return type depends on its options). */
function createAppClient(url: string, reconnectStrategy: (retries: number, cause: Error) => number | Error) {
  return createClient({ url, socket: { reconnectStrategy } });
}
export type RedisClient = ReturnType<typeof createAppClient>;

/** The app's Redis connections: `client` for commands (and publishing), `subscriber` for pub/sub. */
export interface RedisConnection {
  client: RedisClient;
  subscriber: RedisClient;
  close(): Promise<void>;
}

/**
 * Connects to Redis before returning: a wrong REDIS_URL stops the start with a clear error.
 * Several app processes share through it their socket.io rooms (shareRoomsThroughRedis) and
 * their visitors' rate limits (createChatRateLimits).
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisConnection> {
  let connected = false;
  // While starting, give up after a few tries (the start fails with the reason); once running,
  // keep retrying with a growing pause: Redis restarting must not take the app down.
  const reconnectStrategy = (retries: number, cause: Error) => (!connected && retries >= 2 ? cause : Math.min(100 * 2 ** retries, 5000));
  const client = createAppClient(url, reconnectStrategy);
  const subscriber = client.duplicate();
  // After start-up, a lost connection is logged and retried by the client; meanwhile events
  // reach this process's sockets only and rate limits are counted by this process alone.
  for (const connection of [client, subscriber]) connection.on('error', (error: Error) => logger.error({ err: error }, 'Redis connection error'));
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
    connected = true;
  } catch (error) {
    await Promise.allSettled([client.destroy(), subscriber.destroy()]);
    throw new Error(`Could not connect to Redis at REDIS_URL (${redactRedisUrl(url)}): ${(error as Error).message}. Check that Redis runs, or unset REDIS_URL to run a single server.`);
  }
  logger.info({ redis: redactRedisUrl(url) }, 'app processes share rooms and rate limits through Redis');
  return {
    client,
    subscriber,
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

/**
 * Shares socket.io rooms between app processes through Redis (pub/sub), so a message emitted
 * on one process reaches sockets connected to another: the visitor on one server, the agent on
 * the next.
 */
export function shareRoomsThroughRedis(io: Server, redis: RedisConnection) {
  io.adapter(createAdapter(redis.client, redis.subscriber));
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
