import type { Effect, EffectResult } from '../../lib/flow/runtime-types';
import type { EarlyEffects } from './early-effects';
import { performEffect, type EffectTurn } from './perform-effect';
import type { RuntimeDeps } from './runtime-deps';

/**
 * How long a turn waits for a read-only HTTP call before it is written without its answer:
 * about what the write it may save takes (a commit here: 3–5 ms). bench:runtime, four
 * alternating pairs each against no wait: 5 ms kept the turns per second of the saturated closed
 * loop (339 vs 338) and cut own time at 50 paced conversations (p50 −20 %); 25 ms cut it as much
 * but cost the closed loop 8 % (341 vs 372), its slow calls waiting in vain.
 */
export const QUICK_EFFECT_WAIT_MS = 5;

export interface QuickEffect {
  effectId: string;
  /** The answer, if it came within the wait; else the call goes on (`pending`). */
  result?: EffectResult;
  pending?: EarlyEffects;
  /** Time this turn waited for the call. */
  waitedMs: number;
}

/**
 * A turn that asks for one HTTP GET (which changes nothing anywhere) calls it before it is
 * written and waits briefly: an API that answers within the wait has its result applied in the
 * same turn, so the visitor's message, the call's outcome and the bot's answer are written in
 * one statement and one commit instead of two. A slower call goes on while the turn is written
 * without it, as an early effect, and its result is applied as a turn of its own; so does every
 * call while the database is behind.
 * Nothing was acknowledged before the write: if this process stops meanwhile, the visitor's
 * client sends the message again (same id) and the call runs again, which a GET allows.
 */
export async function runQuickEffect(deps: RuntimeDeps, turn: EffectTurn, effects: Effect[]): Promise<QuickEffect | undefined> {
  const waitMs = deps.quickEffectWaitMs ?? QUICK_EFFECT_WAIT_MS;
  const [effect] = effects;
  if (waitMs <= 0 || effects.length !== 1 || effect?.type !== 'http' || effect.request.method !== 'GET') return undefined;
  // When turns already queue for the database, this one's write would wait anyway and the call
  // overlaps it; holding it back as well would only push it further down the queue (measured:
  // fewer turns per second in the saturated closed loop).
  if (deps.turnWriter.busy) return undefined;
  const started = performance.now();
  const running = performEffect(deps, turn, effect);
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    // A call that fails outright is not applied here: the runtime handles it as before.
    running.catch(() => undefined),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  const waitedMs = performance.now() - started;
  if (result) return { effectId: effect.id, result, waitedMs };
  running.catch(() => undefined);
  return {
    effectId: effect.id,
    waitedMs,
    pending: { byId: new Map([[effect.id, { result: running, release() {} }]]), stored() {}, cancel() {} },
  };
}
