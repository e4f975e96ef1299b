import type { Metadata } from 'next';
import { WidgetSettings } from '@/components/widget/WidgetSettings';
import { getAppContext } from '@/server/app-context';

export const metadata: Metadata = { title: 'Install on your website' };
export const dynamic = 'force-dynamic';

export default async function BotWidgetPage({ params }: { params: Promise<{ workspaceId: string; botId: string }> }) {
  const { workspaceId, botId } = await params;
  return <WidgetSettings workspaceId={workspaceId} botId={botId} appUrl={getAppContext().env.APP_URL} />;
}
