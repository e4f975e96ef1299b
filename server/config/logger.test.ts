import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('createLogger', () => {
  it('redacts passwords, tokens, secrets, cookies and authorization headers wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter22',
        token: 'tok_123',
        body: { password: 'nested-pass', apiKey: 'sk-live-1' },
        req: { headers: { cookie: 'session=abc', authorization: 'Bearer xyz' } },
        secret: { value: 'plain-secret' },
      },
      'request',
    );
    const line = lines.join('');
    for (const leaked of ['hunter22', 'tok_123', 'nested-pass', 'sk-live-1', 'session=abc', 'Bearer xyz', 'plain-secret']) {
      expect(line).not.toContain(leaked);
    }
    expect(line).toContain('[redacted]');
    expect(JSON.parse(line).msg).toBe('request');
  });

  it('keeps ordinary fields', () => {
    const { logger, lines } = capture();
    logger.info({ workspaceId: 'ws_1', count: 3 }, 'ok');
    expect(JSON.parse(lines[0]!)).toMatchObject({ workspaceId: 'ws_1', count: 3, app: 'flowboard' });
  });
});
