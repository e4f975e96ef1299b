import type { NluTrainer } from '../nlu/nlu-trainer';
import type { Auth } from '../auth/auth';
import type { PrismaClient } from '../db/generated/client';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { createBot } from '../bots/bots';
import { publishDraft } from '../bots/drafts';
import type { Prisma } from '../db/generated/client';

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
export async function seedDemo(prisma: PrismaClient, auth: Auth, nlu: NluTrainer): Promise<{ created: boolean }> {
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
  const bot = (await prisma.bot.findUnique({
    where: { publicId: DEMO_BOT_PUBLIC_ID },
    select: { id: true, workspaceId: true, publishedVersionId: true },
  })) ?? (await createDemoBot(prisma, user.id));
  if (!bot) return { created };
  if (!bot.publishedVersionId) {
    // Installs seeded before the runtime existed have an empty demo draft: give it the demo graph.
    await prisma.botDraft.update({ where: { botId: bot.id }, data: { graph: createSupportDemoGraph() as unknown as Prisma.InputJsonValue } });
    await publishDraft(prisma, nlu, bot.workspaceId, bot.id, user.id, 'Demo bot');
  }
  return { created };
}

async function createDemoBot(prisma: PrismaClient, userId: string) {
  const membership = await prisma.membership.findFirst({ where: { userId, role: 'OWNER' }, orderBy: { createdAt: 'asc' } });
  if (!membership) return null;
  const bot = await createBot(
    prisma,
    membership.workspaceId,
    {
      name: 'Support assistant',
      description: 'A demo bot that answers order and opening-hours questions and hands off to a person.',
      publicId: DEMO_BOT_PUBLIC_ID,
      graph: createSupportDemoGraph() as unknown as Prisma.InputJsonValue,
    },
    userId,
  );
  return { id: bot.id, workspaceId: membership.workspaceId, publishedVersionId: null };
}
