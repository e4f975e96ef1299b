import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TranscriptsPage } from '@/components/analytics/TranscriptsPage';

export const metadata: Metadata = { title: 'Transcripts' };

export default async function Transcripts({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return (
    <Suspense>
      <TranscriptsPage workspaceId={workspaceId} />
    </Suspense>
  );
}
