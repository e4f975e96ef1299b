import { describe, expect, it } from 'vitest';
import { estimateLlmCostUsd } from './llm-prices';

describe('estimateLlmCostUsd', () => {
  it('prices prompt and completion tokens per million', () => {
    expect(estimateLlmCostUsd('gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75);
    expect(estimateLlmCostUsd('gpt-4o', 1000, 0)).toBeCloseTo(0.0025);
  });

  it('matches a dated model by its longest listed prefix, not a shorter one', () => {
    expect(estimateLlmCostUsd('gpt-4o-mini-2024-07-18', 1_000_000, 0)).toBeCloseTo(0.15);
    expect(estimateLlmCostUsd('GPT-4o-2024-08-06', 1_000_000, 0)).toBeCloseTo(2.5);
  });

  it('gives null for a model the table does not know (no made-up cost)', () => {
    expect(estimateLlmCostUsd('my-local-llama', 10, 10)).toBeNull();
    expect(estimateLlmCostUsd('gpt-4omni', 10, 10)).toBeNull();
  });
});
