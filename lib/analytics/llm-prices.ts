/**
 * What model calls cost, in US dollars per million tokens: the one place analytics estimates LLM
 * spend from. Prices are list prices when this table was written (December 2026) and are an
 * estimate only (no discounts, caching or batch rates). A model not listed is matched by its
 * longest listed prefix (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`); unknown models cost null.
 */
export const LLM_PRICES_PER_MILLION: Readonly<Record<string, { prompt: number; completion: number }>> = {
  'gpt-4o': { prompt: 2.5, completion: 10 },
  'gpt-4o-mini': { prompt: 0.15, completion: 0.6 },
  'gpt-4.1': { prompt: 2, completion: 8 },
  'gpt-4.1-mini': { prompt: 0.4, completion: 1.6 },
  'gpt-4.1-nano': { prompt: 0.1, completion: 0.4 },
  'gpt-5': { prompt: 1.25, completion: 10 },
  'gpt-5-mini': { prompt: 0.25, completion: 2 },
  'gpt-5-nano': { prompt: 0.05, completion: 0.4 },
  'o4-mini': { prompt: 1.1, completion: 4.4 },
  'claude-sonnet-4': { prompt: 3, completion: 15 },
  'claude-haiku-4': { prompt: 1, completion: 5 },
  'claude-opus-4': { prompt: 15, completion: 75 },
  'mistral-small': { prompt: 0.1, completion: 0.3 },
  'mistral-large': { prompt: 2, completion: 6 },
};

/**
 * Estimated cost of one model call in US dollars, or null for a model the table does not know.
 * @example estimateLlmCostUsd('gpt-4o-mini', 1000, 500) // 0.00045
 */
export function estimateLlmCostUsd(model: string, promptTokens: number, completionTokens: number): number | null {
  const price = findPrice(model);
  if (!price) return null;
  return (promptTokens * price.prompt + completionTokens * price.completion) / 1_000_000;
}

function findPrice(model: string) {
  const name = model.trim().toLowerCase();
  let best: string | null = null;
  for (const key of Object.keys(LLM_PRICES_PER_MILLION)) {
    if ((name === key || name.startsWith(`${key}-`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? LLM_PRICES_PER_MILLION[best]! : null;
}
