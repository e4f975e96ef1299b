import type { Effect, EffectResult } from '../../lib/flow/runtime-types';
import { performEffect, type EffectTurn } from './perform-effect';
import type { RuntimeDeps } from './runtime-deps';

type RunnableEffect = Exclude<Effect, { type: 'handoff' }>;

/** An effect started while the turn that asked for it was still being written. */
export interface EarlyEffect {
  result: Promise<EffectResult>;
  /** The turn's own messages have gone out: relay the tokens held back, and stream from now on. */
  release(): void;
}

/** The effects a turn started early, keyed by effect id. */
export interface EarlyEffects {
  byId: Map<string, EarlyEffect>;
  /** The turn is stored: the model's tools may run. */
  stored(): void;
  /** The turn was not stored: drop the calls, relay nothing, run no tool. */
  cancel(): void;
}

/**
 * A model call, or an HTTP tool with a safe method (GET), changes nothing anywhere, so it can start
 * while the turn that asked for it is still being written: the write then costs the visitor no
 * time, since the call takes longer. Nothing the call produces reaches anyone before the write has
 * committed: streamed tokens are held back and tools the model calls wait, so if the turn is not
 * stored (another turn of the conversation won, or the database failed) the call is dropped with
 * nothing seen and nothing done. Tools with other methods start after the write, as before: a
 * turn that is never stored must not have charged a card.
 */
export function startEarlyEffects(deps: RuntimeDeps, turn: EffectTurn, effects: Effect[]): EarlyEffects | undefined {
  const eligible = effects.filter((effect): effect is RunnableEffect => effect.type === 'llm' || (effect.type === 'http' && effect.request.method === 'GET'));
  if (!eligible.length) return undefined;
  let decided: ((stored: boolean) => void) | undefined;
  const stored = new Promise<boolean>((resolve) => (decided = resolve));
  const byId = new Map<string, EarlyEffect>();
  const cancels: (() => void)[] = [];
  for (const effect of eligible) {
    // Deltas of this call's stream not yet relayed; null once relayed (or dropped).
    let held: string[] | null = [];
    let cancelled = false;
    const abort = new AbortController();
    const listener = {
      ...deps.listener,
      token(conversationId: string, streamId: string, delta: string) {
        if (cancelled) return;
        if (held) held.push(delta);
        else deps.listener.token(conversationId, streamId, delta);
      },
    };
    // Started on the next turn of the event loop, once the turn's write has gone to the database:
    // the call's own setup (the HTTP client's work) then runs while PostgreSQL commits, instead of
    // before the write is even sent.
    const result = new Promise<EffectResult>((resolve) => {
      setImmediate(() => {
        if (cancelled) return resolve({ kind: 'error', code: 'NOT_STORED', message: 'The turn was not stored.' });
        resolve(performEffect({ ...deps, listener }, turn, effect, { toolsMayRun: stored, signal: abort.signal }));
      });
    });
    // A cancelled call's result is never read: its failure must not surface as unhandled.
    result.catch(() => undefined);
    byId.set(effect.id, {
      result,
      release() {
        const deltas = held ?? [];
        held = null;
        for (const delta of deltas) deps.listener.token(turn.conversationId, effect.id, delta);
      },
    });
    cancels.push(() => {
      cancelled = true;
      held = null;
      abort.abort();
    });
  }
  return {
    byId,
    stored() {
      decided?.(true);
    },
    cancel() {
      decided?.(false);
      for (const cancel of cancels) cancel();
    },
  };
}
