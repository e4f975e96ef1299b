import pino from 'pino';

/** Keys whose values never reach a log line, wherever they appear. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'value',
  '*.apiKey',
  'headers.cookie',
  'req.headers.cookie',
  'req.headers.authorization',
  'authorization',
  'cookie',
];

/** JSON logs with secrets redacted; `destination` lets tests read what would be written. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream) {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'flowboard' } };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;
