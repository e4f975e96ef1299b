'use client';
import { RotateCcw, Send } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/Input';
import type { SaveState } from '../use-draft-autosave';
import { PresetVariables, presetVariables, type PresetRow } from './PresetVariables';
import { deriveTestPath, sameTestPath, type TestChatState, type TestPath, type Turn } from './test-chat-state';
import { TurnDetails } from './TurnDetails';
import { useTestChat, type SocketConnection } from './use-test-chat';

/**
 * The editor's test chat: talks to the saved draft (a test starts only once the editor's
 * autosave has caught up), shows streamed replies as they arrive, quick replies as buttons and
 * each turn's debug details, and reports the path taken so the canvas can mark it.
 */
export function TestChatPanel(props: { workspaceId: string; botId: string; saveState: SaveState; onPathChange: (path: TestPath | null) => void }) {
  const { saveState, onPathChange } = props;
  const { state, connection, start, send } = useTestChat(props);
  const [presets, setPresets] = useState<PresetRow[]>([{ name: '', value: '' }]);
  const [wantStart, setWantStart] = useState(true);
  const [text, setText] = useState('');
  const variables = useMemo(() => presetVariables(presets), [presets]);

  // Start (or restart) once the draft on the server is the one on screen and the socket is up.
  useEffect(() => {
    if (wantStart && saveState === 'saved' && connection.status === 'connected' && variables) {
      setWantStart(false);
      void start(variables);
    }
  }, [wantStart, saveState, connection.status, variables, start]);

  // The canvas hears about the path only when it moves (not on every streamed token).
  const path = useRef<TestPath | null>(null);
  useEffect(() => {
    const next = deriveTestPath(state.turns);
    if (!sameTestPath(path.current, next)) {
      path.current = next;
      onPathChange(next);
    }
  }, [state.turns, onPathChange]);
  useEffect(() => () => onPathChange(null), [onPathChange]);

  // Keep the latest message in view as messages and tokens arrive.
  const logRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [state.turns]);

  const canSend = state.phase === 'active' && connection.status === 'connected';
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || !canSend) return;
    setText('');
    void send(message);
  };
  const streaming = state.turns.some((turn) => turn.bot.some((line) => line.streaming));

  return (
    <aside aria-label="Test chat" className="flex min-h-0 flex-col overflow-hidden rounded-lg border bg-card">
      <div className="flex items-center gap-2 border-b px-3 py-2">
        <h2 className="text-sm font-semibold">Test chat</h2>
        <span className="text-xs text-muted-foreground">runs your saved draft</span>
        <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setWantStart(true)} disabled={wantStart || state.phase === 'starting'}>
          <RotateCcw aria-hidden />
          Restart
        </Button>
      </div>
      <PresetVariables rows={presets} onChange={setPresets} />
      <Notice state={state} connection={connection} saveState={saveState} waiting={wantStart} presetsInvalid={!variables} />
      <ol ref={logRef} role="log" aria-label="Test conversation" aria-busy={streaming} className="grid min-h-0 flex-1 content-start gap-3 overflow-auto p-3">
        {state.turns.map((turn, index) => (
          <TurnView key={turn.id} turn={turn} number={index + 1} latest={index === state.turns.length - 1} canReply={canSend} onReply={(label, payload) => void send(label, payload)} />
        ))}
      </ol>
      <form onSubmit={submit} className="flex items-center gap-2 border-t p-2">
        <label htmlFor="test-chat-message" className="sr-only">
          Message
        </label>
        <Input id="test-chat-message" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoComplete="off" placeholder="Type a message" />
        <Button type="submit" size="sm" disabled={!canSend || !text.trim()}>
          <Send aria-hidden />
          Send
        </Button>
      </form>
    </aside>
  );
}

function TurnView({ turn, number, latest, canReply, onReply }: { turn: Turn; number: number; latest: boolean; canReply: boolean; onReply: (label: string, payload: string) => void }) {
  return (
    <li className="grid gap-1.5">
      {turn.user && (
        <p className={cn('max-w-[85%] justify-self-end whitespace-pre-wrap break-words rounded-lg bg-primary px-3 py-1.5 text-sm text-primary-foreground', turn.user.failed && 'opacity-60')}>
          <span className="sr-only">You: </span>
          {turn.user.text}
          {turn.user.failed && <span className="block text-xs">Not sent</span>}
        </p>
      )}
      {turn.bot.map((line) => (
        <div key={line.key} className="grid max-w-[85%] gap-1">
          <p className={cn('whitespace-pre-wrap break-words rounded-lg bg-muted px-3 py-1.5 text-sm', line.author === 'system' && 'italic text-muted-foreground')}>
            <span className="sr-only">{line.author === 'agent' ? 'Agent' : 'Bot'}: </span>
            {line.text}
            {line.streaming && <span aria-hidden className="ml-0.5 inline-block h-3 w-1.5 animate-pulse bg-foreground/60 align-middle" />}
          </p>
          {line.quickReplies && (
            <div className="flex flex-wrap gap-1">
              {line.quickReplies.map((reply) => (
                <Button key={reply.label} variant="outline" size="sm" disabled={!latest || !canReply} onClick={() => onReply(reply.label, reply.payload)}>
                  {reply.label}
                </Button>
              ))}
            </div>
          )}
        </div>
      ))}
      {turn.traces.length > 0 && <TurnDetails traces={turn.traces} number={number} />}
    </li>
  );
}

const ERROR_HINTS: Record<string, string> = {
  FORBIDDEN: 'Testing needs permission to edit bots in this workspace. Ask an admin to change your role.',
  NOT_FOUND: 'Restart the test chat; if the bot was deleted, go back to the bots list.',
  CONFLICT: 'Restart the test chat to try again.',
  BAD_REQUEST: 'Check the message and the preset variables, then try again.',
  TOO_MANY_REQUESTS: 'Wait a moment, then try again.',
};

/** What keeps the chat from running now, and how to fix it. */
function Notice(props: { state: TestChatState; connection: SocketConnection; saveState: SaveState; waiting: boolean; presetsInvalid: boolean }) {
  const { state, connection, saveState, waiting, presetsInvalid } = props;
  if (state.error) {
    return (
      <div role="alert" className="mx-3 mt-2 rounded-md bg-destructive/10 px-3 py-2 text-xs text-destructive">
        {state.error.message} {ERROR_HINTS[state.error.code] ?? ''}
      </div>
    );
  }
  let text: string | null = null;
  if (connection.status === 'failed') text = `Cannot reach the test chat: ${connection.message} It keeps trying; check your connection or sign in again.`;
  else if (waiting && presetsInvalid) text = 'Fix the preset variables to start the test.';
  else if (waiting && (saveState === 'saving' || saveState === 'unsaved')) text = 'Saving your changes first…';
  else if (waiting && saveState === 'offline') text = 'Saving your changes first… You are offline: the test starts once they are saved.';
  else if (waiting && saveState === 'conflict') text = 'Someone else saved this draft: choose which version to keep, then the test starts.';
  else if (waiting && saveState === 'failed') text = 'Your changes could not be saved (see the message above the canvas): the test starts once they are.';
  else if (connection.status === 'connecting' || (waiting && saveState === 'saved')) text = 'Connecting…';
  else if (state.phase === 'starting') text = 'Starting…';
  else if (state.phase === 'ended') text = 'The conversation has ended. Restart to test again.';
  else if (state.phase === 'handoff') text = 'Handed off to a person: in a test nobody takes over. Restart to test again.';
  if (!text) return null;
  return (
    <p role="status" className="mx-3 mt-2 text-xs text-muted-foreground">
      {text}
    </p>
  );
}
