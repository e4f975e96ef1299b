import type { Auth } from '../auth/auth';
import type { PrismaClient } from '../db/generated/client';
import { createBot } from '../bots/bots';

export const DEMO_USER = {
  email: 'demo@flowboard.local',
  password: 'flowboard-demo',
  name: 'Demo User',
} as const;

export const DEMO_BOT_PUBLIC_ID = 'demo';

/**
 * Creates the demo user, workspace and bot on first start. Returns whether anything was created,
 * so the caller prints the demo login only then. Safe to run on every start.
 */
export async function seedDemo(prisma: PrismaClient, auth: Auth): Promise<{ created: boolean }> {
  const existing = await prisma.user.findUnique({ where: { email: DEMO_USER.email } });
  if (existing) return { created: false };
  const { user } = await auth.api.signUpEmail({
    body: { email: DEMO_USER.email, password: DEMO_USER.password, name: DEMO_USER.name },
  });
  const membership = await prisma.membership.findFirstOrThrow({ where: { userId: user.id, role: 'OWNER' } });
  await prisma.workspace.update({ where: { id: membership.workspaceId }, data: { name: 'Demo workspace' } });
  if (!(await prisma.bot.findUnique({ where: { publicId: DEMO_BOT_PUBLIC_ID } }))) {
    await createBot(
      prisma,
      membership.workspaceId,
      {
        name: 'Support assistant',
        description: 'A demo bot that greets visitors and answers common questions.',
        publicId: DEMO_BOT_PUBLIC_ID,
      },
      user.id,
    );
  }
  return { created: true };
}
