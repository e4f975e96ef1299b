import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { createChatRateLimits } from './chat-rate-limits';

const limits = () => createChatRateLimits({ messagesPerMinute: 3, conversationsPerMinutePerIp: 2, conversationsPerMinutePerBot: 4 });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: AppError) => error);

describe('createChatRateLimits', () => {
  it('limits messages per conversation', async () => {
    const l = limits();
    for (let i = 0; i < 3; i++) await l.message('c1', `ip-${i}`, `bot:v-${i}`);
    expect(await refusal(l.message('c1', 'ip-9', 'bot:v-9'))).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/too fast.*Wait \d+ s/) });
  });

  it('limits messages per visitor across their conversations', async () => {
    const l = limits();
    // 2 × 3 per visitor: new conversations do not reset it.
    for (let i = 0; i < 6; i++) await l.message(`c-${i}`, `ip-${i}`, 'bot:visitor');
    expect(await refusal(l.message('c-new', 'ip-new', 'bot:visitor'))).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await l.message('c-new', 'ip-new', 'bot:someone-else');
  });

  it('limits messages per IP across visitors', async () => {
    const l = limits();
    for (let i = 0; i < 9; i++) await l.message(`c-${i}`, 'ip', `bot:v-${i}`);
    expect(await refusal(l.message('c-x', 'ip', 'bot:v-x'))).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('network') });
  });

  it('limits new conversations per IP and per bot', async () => {
    const l = limits();
    await l.start('bot', 'ip-a');
    await l.start('bot', 'ip-a');
    expect(await refusal(l.start('bot', 'ip-a'))).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await l.start('bot', 'ip-b');
    // ip-a's third try was refused by its IP limit before it counted against the bot.
    await l.start('bot', 'ip-c');
    expect(await refusal(l.start('bot', 'ip-d'))).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('busy') });
  });
});
