import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger';
import type { AppError } from '../errors/app-error';
import { createChatRateLimits } from './chat-rate-limits';
import { connectRedis, type RedisConnection } from './redis-adapter';

// Runs only with REDIS_URL set (vitest.config.ts): two app processes' limits, as each would
// create them, counting in the real Redis.
const redisUrl = process.env.REDIS_URL!;
const settings = { messagesPerMinute: 3, conversationsPerMinutePerIp: 2, conversationsPerMinutePerBot: 4 };
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: AppError) => error);

describe('visitor rate limits over Redis (REDIS_URL)', () => {
  let first: RedisConnection;
  let second: RedisConnection;

  beforeAll(async () => {
    first = await connectRedis(redisUrl, createLogger('silent'));
    second = await connectRedis(redisUrl, createLogger('silent'));
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('counts a visitor’s messages across two app processes, so a second process does not double the limit', async () => {
    const onFirst = createChatRateLimits(settings, { redis: first.client });
    const onSecond = createChatRateLimits(settings, { redis: second.client });
    const conversationId = `c-${randomUUID()}`;
    await onFirst.message(conversationId, `ip-${randomUUID()}`, `bot:${randomUUID()}`);
    await onSecond.message(conversationId, `ip-${randomUUID()}`, `bot:${randomUUID()}`);
    await onFirst.message(conversationId, `ip-${randomUUID()}`, `bot:${randomUUID()}`);
    // The fourth message in the minute, on either process.
    expect(await refusal(onSecond.message(conversationId, `ip-${randomUUID()}`, `bot:${randomUUID()}`))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/too fast.*Wait \d+ s/),
    });
    expect(await refusal(onFirst.message(conversationId, `ip-${randomUUID()}`, `bot:${randomUUID()}`))).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another conversation has its own count.
    await onSecond.message(`c-${randomUUID()}`, `ip-${randomUUID()}`, `bot:${randomUUID()}`);
  });

  it('counts new conversations per bot across processes', async () => {
    const onFirst = createChatRateLimits(settings, { redis: first.client });
    const onSecond = createChatRateLimits(settings, { redis: second.client });
    const botId = `bot-${randomUUID()}`;
    for (let i = 0; i < 4; i++) await (i % 2 ? onSecond : onFirst).start(botId, `ip-${randomUUID()}`);
    expect(await refusal(onFirst.start(botId, `ip-${randomUUID()}`))).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('busy') });
  });

  it('keeps limiting, in the process alone, while Redis cannot be reached', async () => {
    const lost = await connectRedis(redisUrl, createLogger('silent'));
    const limits = createChatRateLimits(settings, { redis: lost.client });
    await lost.close();
    const conversationId = `c-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await limits.message(conversationId, `ip-${i}`, `bot:v-${i}`);
    expect(await refusal(limits.message(conversationId, 'ip-9', 'bot:v-9'))).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
