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
  let created = false;
  let user = await prisma.user.findUnique({ where: { email: DEMO_USER.email }, select: { id: true } });
  if (!user) {
    ({ user } = await auth.api.signUpEmail({
      body: { email: DEMO_USER.email, password: DEMO_USER.password, name: DEMO_USER.name },
    }));
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: user.id, role: 'OWNER' } });
    await prisma.workspace.update({ where: { id: membership.workspaceId }, data: { name: 'Demo workspace' } });
    created = true;
  }
  // Checked on its own, so a start that stopped half-way through seeding completes it next time.
  if (!(await prisma.bot.findUnique({ where: { publicId: DEMO_BOT_PUBLIC_ID }, select: { id: true } }))) {
    const membership = await prisma.membership.findFirst({ where: { userId: user.id, role: 'OWNER' }, orderBy: { createdAt: 'asc' } });
    if (membership) {
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
  }
  return { created };
}
