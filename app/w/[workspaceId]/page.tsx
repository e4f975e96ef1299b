import type { Metadata } from 'next';
import { BotsPage } from '@/components/bots/BotsPage';

export const metadata: Metadata = { title: 'Bots' };

export default async function WorkspaceBotsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return <BotsPage workspaceId={workspaceId} />;
}
