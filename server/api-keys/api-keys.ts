import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

const KEY_PREFIX = 'fbk_';

/** Creates a workspace API key for server-to-server calls. The key is returned once; a hash is kept. */
export async function createApiKey(prisma: PrismaClient, workspaceId: string, name: string, userId: string) {
  const secret = randomBytes(24).toString('base64url');
  const prefix = secret.slice(0, 6);
  const key = `${KEY_PREFIX}${secret}`;
  const created = await prisma.apiKey.create({
    data: { workspaceId, name, prefix, keyHash: hashApiKey(key), createdById: userId },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...created, key };
}

export async function listApiKeys(prisma: PrismaClient, workspaceId: string) {
  return prisma.apiKey.findMany({
    where: { workspaceId, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiKey(prisma: PrismaClient, workspaceId: string, apiKeyId: string) {
  const { count } = await prisma.apiKey.updateMany({ where: { id: apiKeyId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError('NOT_FOUND', 'That API key does not exist or was already revoked.');
}

/** The workspace a presented key belongs to, or null for a wrong, revoked or malformed key. */
export async function findApiKeyWorkspace(prisma: PrismaClient, presented: string): Promise<string | null> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 100) return null;
  const key = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(presented) }, select: { id: true, workspaceId: true, revokedAt: true } });
  if (!key || key.revokedAt) return null;
  await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return key.workspaceId;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
