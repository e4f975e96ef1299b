import { z } from 'zod';
import { outboundAllowlistSchema } from '../net/address-policy';

/** Every setting the server reads, with its default. `.env.example` and the README list the same. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (leave it unset for the embedded database)')
      .optional(),
    /** Set to run several app processes: socket.io shares its rooms through this Redis. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss:// (leave it unset for a single server)')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SECRETS_KEY: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes): `openssl rand -hex 32`')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    /** Used by LLM nodes when the bot names no provider of its own. */
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Summarises handoffs for agents when OPENAI_API_KEY is set. */
    HANDOFF_SUMMARY_MODEL: z.string().trim().min(1).max(100).default('gpt-4o-mini'),
    /** Private or local hosts that HTTP tools and model providers may reach (self-hosting). */
    OUTBOUND_ALLOWLIST: outboundAllowlistSchema.prefault(''),
    /** Visitor limits (abuse protection). */
    CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    CHAT_CONVERSATIONS_PER_MINUTE_PER_IP: z.coerce.number().int().min(1).default(10),
    CHAT_CONVERSATIONS_PER_MINUTE_PER_BOT: z.coerce.number().int().min(1).default(300),
  })
  .transform((env) => ({
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
  }));

export type Env = z.infer<typeof envSchema>;

/**
 * Parses the environment once at start-up. On a bad value it throws an error whose message
 * names each setting and says how to fix it.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid settings (see .env.example):\n${lines.join('\n')}`);
  }
  return result.data;
}
