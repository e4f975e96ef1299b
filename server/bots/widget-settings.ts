import type { PrismaClient, Prisma } from '../db/generated/client';
import { readWidgetTheme, type WidgetTheme } from '../../lib/widget/widget-theme';
import { botNotFound } from './bots';

export interface WidgetSettings {
  publicId: string;
  published: boolean;
  allowedOrigins: string[];
  theme: WidgetTheme;
}

/** A bot's widget settings: who may embed it and how it looks. */
export async function getWidgetSettings(prisma: PrismaClient, workspaceId: string, botId: string): Promise<WidgetSettings> {
  const bot = await prisma.bot.findFirst({
    where: { id: botId, workspaceId },
    select: { publicId: true, publishedVersionId: true, allowedOrigins: true, widgetTheme: true },
  });
  if (!bot) throw botNotFound();
  return { publicId: bot.publicId, published: bot.publishedVersionId !== null, allowedOrigins: bot.allowedOrigins, theme: readWidgetTheme(bot.widgetTheme) };
}

/** Saves the widget settings; websites see the new look on their next connection, no publish needed. */
export async function updateWidgetSettings(
  prisma: PrismaClient,
  workspaceId: string,
  botId: string,
  changes: { allowedOrigins: string[]; theme: WidgetTheme },
): Promise<WidgetSettings> {
  const { count } = await prisma.bot.updateMany({
    where: { id: botId, workspaceId },
    data: { allowedOrigins: [...new Set(changes.allowedOrigins)], widgetTheme: changes.theme as unknown as Prisma.InputJsonValue },
  });
  if (count === 0) throw botNotFound();
  return getWidgetSettings(prisma, workspaceId, botId);
}
