import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';

export interface ChatLimits {
  messagesPerMinute: number;
  conversationsPerMinutePerIp: number;
  conversationsPerMinutePerBot: number;
}

/**
 * Abuse limits for visitors: messages per minute per conversation, per visitor (across their
 * conversations) and per IP, new conversations per minute per IP and per bot. Each refusal says how long to wait.
 */
export function createChatRateLimits(limits: ChatLimits) {
  const perConversation = new RateLimiterMemory({ points: limits.messagesPerMinute, duration: 60 });
  const perVisitor = new RateLimiterMemory({ points: limits.messagesPerMinute * 2, duration: 60 });
  const perIpMessages = new RateLimiterMemory({ points: limits.messagesPerMinute * 3, duration: 60 });
  const perIpStarts = new RateLimiterMemory({ points: limits.conversationsPerMinutePerIp, duration: 60 });
  const perBotStarts = new RateLimiterMemory({ points: limits.conversationsPerMinutePerBot, duration: 60 });

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

async function consume(limiter: RateLimiterMemory, key: string, message: string) {
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
