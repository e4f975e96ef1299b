import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const keysFileSchema = z.object({ authSecret: z.string().min(32), secretsKey: z.string().regex(/^[0-9a-f]{64}$/) });

export interface AppKeys {
  authSecret: string;
  secretsKey: string;
  generated: boolean;
}

/**
 * Returns the session-signing secret and the key that encrypts workspace secrets. Taken from the
 * environment when set; otherwise generated once and kept in `<DATA_DIR>/keys.json` (mode 0600)
 * so that a first `npm start` needs no manual step and restarts keep sessions and secrets valid.
 */
export function loadAppKeys(dataDir: string, fromEnv: { AUTH_SECRET?: string; SECRETS_KEY?: string }): AppKeys {
  const file = path.join(dataDir, 'keys.json');
  if (fromEnv.AUTH_SECRET && fromEnv.SECRETS_KEY) {
    return { authSecret: fromEnv.AUTH_SECRET, secretsKey: fromEnv.SECRETS_KEY, generated: false };
  }
  let stored: z.infer<typeof keysFileSchema> | undefined;
  if (existsSync(file)) {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      content = null;
    }
    const parsed = keysFileSchema.safeParse(content);
    if (!parsed.success) throw new Error(`${file} is damaged: delete it to generate new keys (sessions and secrets will be lost).`);
    stored = parsed.data;
  }
  let generated = false;
  if (!stored) {
    mkdirSync(dataDir, { recursive: true });
    stored = { authSecret: randomBytes(32).toString('base64url'), secretsKey: randomBytes(32).toString('hex') };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    generated = true;
  }
  return {
    authSecret: fromEnv.AUTH_SECRET ?? stored.authSecret,
    secretsKey: fromEnv.SECRETS_KEY ?? stored.secretsKey,
    generated,
  };
}
