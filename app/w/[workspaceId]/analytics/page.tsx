import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TeamAnalyticsPage } from '@/components/analytics/TeamAnalyticsPage';

export const metadata: Metadata = { title: 'Analytics' };

export default async function Analytics({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return (
    <Suspense>
      <TeamAnalyticsPage workspaceId={workspaceId} />
    </Suspense>
  );
}
