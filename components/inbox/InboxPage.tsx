'use client';
import { useQuery } from '@tanstack/react-query';
import { Inbox, MessageSquareText } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/EmptyState';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import { formatWaiting } from './format-waiting';
import { InboxConversation } from './InboxConversation';

/**
 * The live inbox: the queue of conversations handed to a person (kept live by the app shell's
 * socket; waiting times tick here) beside the conversation the agent opened.
 */
export function InboxPage({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { can, role } = useWorkspaceRole(workspaceId);
  const allowed = can('inbox:work');
  const queue = useQuery({ ...trpc.inbox.queue.queryOptions({ workspaceId }), enabled: allowed });
  const [selected, setSelected] = useState<string | null>(null);
  const now = useNow(15_000);

  if (role && !allowed) {
    return <EmptyState icon={<Inbox />} title="The inbox is for agents" description="Your role cannot answer handed-off conversations. Ask a workspace admin to make you an agent." />;
  }
  const items = queue.data ?? [];
  const waiting = items.filter((item) => item.status === 'waiting');
  const claimed = items.filter((item) => item.status === 'claimed');

  return (
    <div className="grid gap-6 md:grid-cols-[300px_1fr]">
      <section aria-labelledby="queue-heading" className="grid content-start gap-4">
        <h1 id="queue-heading" className="flex items-center gap-2 text-xl font-semibold">
          Inbox <Badge aria-label={`${waiting.length} waiting`}>{waiting.length}</Badge>
        </h1>
        {queue.isPending && allowed ? <p className="text-sm text-muted-foreground">Loading the queue…</p> : null}
        {queue.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {queue.error.message}
          </p>
        ) : null}
        {queue.isSuccess && items.length === 0 ? (
          <EmptyState
            icon={<Inbox />}
            title="No one is waiting"
            description="No one is waiting for a person right now. When a bot’s handoff node passes a conversation on, it appears here at once: keep this page open."
          />
        ) : null}
        <QueueList label="Waiting" items={waiting} now={now} selected={selected} onSelect={setSelected} />
        <QueueList label="Being answered" items={claimed} now={now} selected={selected} onSelect={setSelected} />
      </section>
      <section aria-label="Conversation" className="min-w-0">
        {selected ? (
          <InboxConversation key={selected} workspaceId={workspaceId} conversationId={selected} />
        ) : (
          <EmptyState icon={<MessageSquareText />} title="No conversation open" description="Choose a conversation in the queue to read it, claim it and answer the visitor." />
        )}
      </section>
    </div>
  );
}

type QueueItem = {
  id: string;
  status: 'waiting' | 'claimed';
  botName: string;
  reason: string;
  queuedAt: Date;
  assignedAgentName: string | null;
  lastVisitorMessage: string;
};

function QueueList({ label, items, now, selected, onSelect }: { label: string; items: QueueItem[]; now: Date; selected: string | null; onSelect: (id: string) => void }) {
  if (!items.length) return null;
  return (
    <div className="grid gap-2">
      <h2 className="text-sm font-medium text-muted-foreground">{label}</h2>
      <ul aria-label={label} className="grid gap-2">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onSelect(item.id)}
              aria-current={selected === item.id ? 'true' : undefined}
              className={cn(
                'grid w-full gap-1 rounded-lg border p-3 text-left text-sm transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                selected === item.id && 'border-primary bg-accent',
              )}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="truncate font-medium">{item.botName}</span>
                <span className="shrink-0 text-xs text-muted-foreground">
                  {item.status === 'waiting' ? `waiting ${formatWaiting(item.queuedAt, now)}` : `${item.assignedAgentName} is answering`}
                </span>
              </span>
              {item.reason ? <span className="truncate text-xs">{item.reason}</span> : null}
              {item.lastVisitorMessage ? <span className="truncate text-xs text-muted-foreground">“{item.lastVisitorMessage}”</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The current time, updated every `everyMs` (for waiting times). */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
