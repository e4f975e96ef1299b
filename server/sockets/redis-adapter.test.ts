import { describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger';
import { connectRedis, redactRedisUrl } from './redis-adapter';

describe('connectRedis', () => {
  it('stops the start with the reason and how to fix it when Redis cannot be reached, never showing the password', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const attempt = connectRedis('redis://:hunter2@127.0.0.1:1', createLogger('silent'));
    await expect(attempt).rejects.toThrow(/Could not connect to Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:1\).*unset REDIS_URL/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

describe('redactRedisUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactRedisUrl('redis://user:secret@cache.internal:6380/2')).toBe('redis://user:***@cache.internal:6380/2');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactRedisUrl('not a url')).toBe('an invalid URL');
  });
});
