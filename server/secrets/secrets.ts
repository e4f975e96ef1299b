import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import { decryptSecret, encryptSecret } from './secret-box';

/** Secret names and dates only: no API returns a secret's value. */
export async function listSecrets(prisma: PrismaClient, workspaceId: string) {
  return prisma.secret.findMany({
    where: { workspaceId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, createdAt: true, updatedAt: true },
  });
}

export async function setSecret(prisma: PrismaClient, key: string, workspaceId: string, name: string, value: string) {
  const ciphertext = encryptSecret(key, value);
  const secret = await prisma.secret.upsert({
    where: { workspaceId_name: { workspaceId, name } },
    create: { workspaceId, name, ciphertext },
    update: { ciphertext },
    select: { id: true, name: true, createdAt: true, updatedAt: true },
  });
  return secret;
}

export async function deleteSecret(prisma: PrismaClient, workspaceId: string, secretId: string) {
  const { count } = await prisma.secret.deleteMany({ where: { id: secretId, workspaceId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'That secret does not exist in this workspace.');
}

/** For the runtime only (LLM and HTTP tool effects); never passed to a response. */
export async function readSecretValue(prisma: PrismaClient, key: string, workspaceId: string, name: string) {
  const secret = await prisma.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  return secret ? decryptSecret(key, secret.ciphertext) : null;
}
