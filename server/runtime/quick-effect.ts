import type { Effect, EffectResult } from '../../lib/flow/runtime-types';
import type { EarlyEffects } from './early-effects';
import type { RuntimeDeps } from './runtime-deps';

/**
 * How long a turn waits for a read-only HTTP call before it is written without its answer:
 * about what the write it may save takes (a commit here: 3–5 ms). bench:runtime, four
 * alternating pairs each against no wait: 5 ms kept the turns per second of the saturated closed
 * loop (339 vs 338) and cut own time at 50 paced conversations (p50 −20 %); 25 ms cut it as much
 * but cost the closed loop 8 % (341 vs 372), its slow calls waiting in vain.
 */
export const QUICK_EFFECT_WAIT_MS = 5;

/**
 * Whether a turn asking for these effects should start them before it is written and wait
 * briefly: one HTTP GET (which changes nothing anywhere), while the database keeps up. An API that
 * answers within the wait has its result applied in the same turn, so the visitor's message, the
 * call's outcome and the bot's answer are written in one statement and one commit instead of two.
 * A slower call goes on as an early effect while the turn is written without it.
 * Nothing was acknowledged before the write: if this process stops meanwhile, the visitor's
 * client sends the message again (same id) and the call runs again, which a GET allows.
 */
export function isQuickEffect(deps: RuntimeDeps, effects: Effect[]): boolean {
  const [effect] = effects;
  if ((deps.quickEffectWaitMs ?? QUICK_EFFECT_WAIT_MS) <= 0 || effects.length !== 1 || effect?.type !== 'http' || effect.request.method !== 'GET') return false;
  // When turns already queue for the database, this one's write would wait anyway and the call
  // overlaps it; holding it back as well would only push it further down the queue (measured:
  // fewer turns per second in the saturated closed loop).
  return !deps.turnWriter.busy;
}

/** Waits up to the quick-effect wait for an early call's answer; `result` is unset if it did not come (or failed). */
export async function awaitQuickEffect(deps: RuntimeDeps, early: EarlyEffects, effectId: string): Promise<{ result?: EffectResult; waitedMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    // A call that fails outright is not applied here: the runtime handles it as before.
    early.byId.get(effectId)?.result.catch(() => undefined),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), deps.quickEffectWaitMs ?? QUICK_EFFECT_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return { result, waitedMs: performance.now() - started };
}
