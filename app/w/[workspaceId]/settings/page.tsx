import type { Metadata } from 'next';
import { WorkspaceSettingsPage } from '@/components/workspace/WorkspaceSettingsPage';

export const metadata: Metadata = { title: 'Workspace settings' };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return <WorkspaceSettingsPage workspaceId={workspaceId} />;
}
