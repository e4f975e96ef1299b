/** A time limit on a piece of outbound work, as an abort signal. */
export interface Deadline {
  /** Aborts with a `TimeoutError` once the time is up, or with the other signal's reason. */
  signal: AbortSignal;
  /** True once the time ran out (not when the other signal aborted). */
  readonly expired: boolean;
  /** The work is done: drop the timer. */
  clear(): void;
}

/**
 * Like `AbortSignal.any([AbortSignal.timeout(ms), also])`, but the timer goes when the work is
 * done. `AbortSignal.timeout` keeps its signal and timer for the whole limit (30 s for a model
 * call) however soon the call ends, so every call's signals outlived the young generation and
 * were left for the (pausing) full collections to clear.
 */
export function startDeadline(ms: number, also?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }, ms);
  const forward = () => controller.abort(also?.reason);
  if (also?.aborted) forward();
  else also?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      clearTimeout(timer);
      also?.removeEventListener('abort', forward);
    },
  };
}
