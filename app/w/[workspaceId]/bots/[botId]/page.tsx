import type { Metadata } from 'next';
import { BotEditor } from '@/components/editor/BotEditor';

export const metadata: Metadata = { title: 'Editor' };

export default async function BotEditorPage({ params }: { params: Promise<{ workspaceId: string; botId: string }> }) {
  const { workspaceId, botId } = await params;
  return <BotEditor workspaceId={workspaceId} botId={botId} />;
}
