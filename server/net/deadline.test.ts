import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from './deadline';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startDeadline', () => {
  it('aborts with a TimeoutError when the time is up', () => {
    const deadline = startDeadline(100);
    vi.advanceTimersByTime(99);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
    expect(deadline.expired).toBe(true);
  });

  it('follows another signal, with its reason, without counting as expired', () => {
    const other = new AbortController();
    const deadline = startDeadline(100, other.signal);
    other.abort(new Error('turn not stored'));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).message).toBe('turn not stored');
    expect(deadline.expired).toBe(false);
    expect(startDeadline(100, other.signal).signal.aborted).toBe(true);
  });

  it('once cleared, neither the time nor the other signal aborts it, and no timer is left', () => {
    const other = new AbortController();
    const deadline = startDeadline(100, other.signal);
    deadline.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    other.abort();
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
  });
});
