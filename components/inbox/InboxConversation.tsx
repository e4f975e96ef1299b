'use client';
import { ArrowLeftRight, CircleCheck, Hand, Send, StickyNote } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { Label } from '@/components/ui/Label';
import { Textarea } from '@/components/ui/Input';
import type { ChatMessage } from '@/lib/chat/chat-message';
import { useInboxConversation } from './use-inbox-conversation';

/**
 * One conversation in the inbox: transcript with system lines, the visitor's typing, the reply
 * box (for the agent who claimed it), handoff details, variables and internal notes. Every text
 * a visitor, bot or agent wrote is rendered as React text, never as HTML.
 */
export function InboxConversation({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const live = useInboxConversation(workspaceId, conversationId);
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const data = live.conversation.data;

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [data?.messages.length, live.visitorTyping]);

  if (live.conversation.isPending) return <p className="text-sm text-muted-foreground">Loading the conversation…</p>;
  if (live.conversation.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {live.conversation.error.message}
      </p>
    );
  }
  if (!data) return null;

  const mine = data.assignedToYou;
  const statusText =
    data.status === 'HANDOFF_QUEUED'
      ? 'Waiting for an agent'
      : data.status === 'HANDOFF_ACTIVE'
        ? mine
          ? 'You are answering'
          : `${data.assignedAgentName ?? 'An agent'} is answering`
        : data.status === 'ENDED'
          ? 'Closed'
          : 'Back with the bot';

  const sendReply = async (event: React.FormEvent) => {
    event.preventDefault();
    const text = reply.trim();
    if (!text) return;
    // Cleared at once, so the agent can type the next message while this one is on its way (a
    // late clear used to wipe it); a refused message comes back if the box is still empty.
    setReply('');
    if (!(await live.send(text))) setReply((current) => current || text);
  };
  const addNote = async (event: React.FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return;
    setNote('');
    if (!(await live.addNote(text))) setNote((current) => current || text);
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_260px]">
      <div className="flex min-w-0 flex-col gap-3 rounded-lg border p-4">
        <header className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 className="font-semibold">{data.botName}</h2>
            <p className="text-sm text-muted-foreground" role="status">
              {statusText}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {data.status === 'HANDOFF_QUEUED' ? (
              <Button onClick={() => void live.claim()} disabled={live.busy}>
                <Hand aria-hidden /> Claim
              </Button>
            ) : null}
            {mine ? (
              <>
                <Button variant="outline" onClick={() => void live.returnToBot()} disabled={live.busy}>
                  <ArrowLeftRight aria-hidden /> Return to bot
                </Button>
                <Button variant="outline" onClick={() => void live.close()} disabled={live.busy}>
                  <CircleCheck aria-hidden /> Close conversation
                </Button>
              </>
            ) : null}
          </div>
        </header>

        <ol ref={logRef} aria-label="Transcript" className="grid max-h-[55vh] min-h-48 content-start gap-2 overflow-y-auto rounded-md bg-muted/40 p-3">
          {data.messages.map((message) => (
            <TranscriptLine key={message.id} message={message} />
          ))}
          {live.visitorTyping ? (
            <li className="text-xs italic text-muted-foreground" aria-live="polite">
              Visitor is typing…
            </li>
          ) : null}
        </ol>

        {mine ? (
          <form onSubmit={(event) => void sendReply(event)} aria-label="Reply to the visitor" className="grid gap-2">
            <Label htmlFor="inbox-reply">Reply</Label>
            <div className="flex items-end gap-2">
              <Textarea
                id="inbox-reply"
                value={reply}
                rows={2}
                maxLength={2000}
                placeholder="Write to the visitor… (Enter sends, Shift+Enter for a new line)"
                onChange={(event) => {
                  setReply(event.target.value);
                  live.typing();
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    event.currentTarget.form?.requestSubmit();
                  }
                }}
              />
              <Button type="submit" disabled={live.busy || !reply.trim()}>
                <Send aria-hidden /> Send
              </Button>
            </div>
          </form>
        ) : data.status === 'HANDOFF_QUEUED' ? (
          <p className="text-sm text-muted-foreground">Claim the conversation to answer the visitor.</p>
        ) : null}
      </div>

      <aside className="grid content-start gap-4 text-sm" aria-label="Details">
        <section aria-labelledby="handoff-heading" className="grid gap-1 rounded-lg border p-3">
          <h3 id="handoff-heading" className="font-medium">
            Handoff
          </h3>
          <p>
            <span className="text-muted-foreground">Reason: </span>
            {data.reason || 'none given'}
          </p>
          {data.summary ? (
            <>
              <p className="text-muted-foreground">Summary</p>
              <p className="whitespace-pre-wrap">{data.summary}</p>
            </>
          ) : null}
        </section>

        <section aria-labelledby="variables-heading" className="grid gap-1 rounded-lg border p-3">
          <h3 id="variables-heading" className="font-medium">
            Variables
          </h3>
          {data.variables.length ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              {data.variables.map((variable) => (
                <div key={variable.name} className="contents">
                  <dt className="font-mono text-xs text-muted-foreground">{variable.name}</dt>
                  <dd className="break-words">{variable.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-muted-foreground">The bot has stored no variables yet.</p>
          )}
        </section>

        <section aria-labelledby="notes-heading" className="grid gap-2 rounded-lg border p-3">
          <h3 id="notes-heading" className="flex items-center gap-1 font-medium">
            <StickyNote className="size-4" aria-hidden /> Internal notes
          </h3>
          {data.notes.length ? (
            <ul aria-label="Internal notes" className="grid gap-2">
              {data.notes.map((n) => (
                <li key={n.id} className="rounded-md bg-amber-50 p-2">
                  <p className="whitespace-pre-wrap">{n.text}</p>
                  <p className="text-xs text-muted-foreground">{n.authorName}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">No notes yet. Notes are for agents: the visitor never sees them.</p>
          )}
          <form onSubmit={(event) => void addNote(event)} className="grid gap-2" aria-label="Add an internal note">
            <Label htmlFor="inbox-note">New note</Label>
            <Textarea id="inbox-note" value={note} rows={2} maxLength={4000} onChange={(event) => setNote(event.target.value)} />
            <Button type="submit" variant="outline" disabled={live.busy || !note.trim()}>
              Add note
            </Button>
          </form>
        </section>
      </aside>
    </div>
  );
}

const AUTHOR_LABEL: Record<ChatMessage['author'], string> = { user: 'Visitor', bot: 'Bot', agent: 'Agent', system: '' };

function TranscriptLine({ message }: { message: ChatMessage }) {
  if (message.author === 'system') {
    return <li className="text-center text-xs italic text-muted-foreground">{message.text}</li>;
  }
  const fromUs = message.author !== 'user';
  return (
    <li className={cn('flex flex-col gap-0.5', fromUs ? 'items-end' : 'items-start')}>
      <span className="text-xs text-muted-foreground">{message.author === 'agent' ? (message.authorName ?? 'Agent') : AUTHOR_LABEL[message.author]}</span>
      <span
        className={cn(
          'max-w-[80%] whitespace-pre-wrap break-words rounded-lg px-3 py-2 text-sm',
          message.author === 'user' ? 'bg-background shadow-sm' : message.author === 'agent' ? 'bg-primary text-primary-foreground' : 'bg-muted',
        )}
      >
        {message.text}
      </span>
    </li>
  );
}
