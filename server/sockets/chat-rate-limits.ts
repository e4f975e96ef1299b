import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import type { RedisClient } from './redis-adapter';

export interface ChatLimits {
  messagesPerMinute: number;
  conversationsPerMinutePerIp: number;
  conversationsPerMinutePerBot: number;
}

/**
 * Abuse limits for visitors: messages per minute per conversation, per visitor (across their
 * conversations) and per IP, new conversations per minute per IP and per bot. Each refusal says how long to wait.
 * With `redis` the counts are shared by every app process using it, so running more processes
 * does not multiply the limits; while Redis is unreachable each process counts alone.
 */
export function createChatRateLimits(limits: ChatLimits, options: { redis?: RedisClient } = {}) {
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const local = new RateLimiterMemory({ points, duration: 60 });
    if (!options.redis) return local;
    return new RateLimiterRedis({
      storeClient: options.redis,
      useRedisPackage: true,
      keyPrefix: `flowboard:chat-limit:${name}`,
      points,
      duration: 60,
      // Not ready (reconnecting): count in this process at once instead of waiting on Redis.
      rejectIfRedisNotReady: true,
      insuranceLimiter: local,
    });
  };
  const perConversation = limiter('conversation', limits.messagesPerMinute);
  const perVisitor = limiter('visitor', limits.messagesPerMinute * 2);
  const perIpMessages = limiter('ip-messages', limits.messagesPerMinute * 3);
  const perIpStarts = limiter('ip-starts', limits.conversationsPerMinutePerIp);
  const perBotStarts = limiter('bot-starts', limits.conversationsPerMinutePerBot);

  return {
    /** `visitor`: the bot's visitor id (`<botId>:<visitorId>`), so new conversations do not reset it. */
    async message(conversationId: string, ip: string, visitor: string) {
      await consume(perConversation, conversationId, 'You are sending messages too fast.');
      await consume(perVisitor, visitor, 'You are sending messages too fast.');
      await consume(perIpMessages, ip, 'Too many messages from your network.');
    },
    async start(botId: string, ip: string) {
      await consume(perIpStarts, ip, 'Too many new conversations from your network.');
      await consume(perBotStarts, botId, 'This bot is very busy.');
    },
  };
}

export type ChatRateLimits = ReturnType<typeof createChatRateLimits>;

async function consume(limiter: RateLimiterAbstract, key: string, message: string) {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError('TOO_MANY_REQUESTS', `${message} Wait ${seconds} s and try again.`);
    }
    throw error;
  }
}
