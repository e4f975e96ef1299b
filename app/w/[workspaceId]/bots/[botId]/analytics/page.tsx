import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BotAnalyticsPage } from '@/components/analytics/BotAnalyticsPage';

export const metadata: Metadata = { title: 'Bot analytics' };

export default async function BotAnalytics({ params }: { params: Promise<{ workspaceId: string; botId: string }> }) {
  const { workspaceId, botId } = await params;
  return (
    <Suspense>
      <BotAnalyticsPage workspaceId={workspaceId} botId={botId} />
    </Suspense>
  );
}
