import type { Metadata } from 'next';
import { InboxPage } from '@/components/inbox/InboxPage';

export const metadata: Metadata = { title: 'Inbox' };

export default async function Inbox({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return <InboxPage workspaceId={workspaceId} />;
}
