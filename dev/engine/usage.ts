import type { ModelUsage, SessionUsageEvent } from "../../src/protocol/events";

/** System prompt + tool definitions, cached on the first request of a session. */
const BASE_PROMPT_TOKENS = 5_840;
const CHARS_PER_TOKEN = 4;

/** USD per million tokens (Sonnet-class list prices). */
const PRICE = { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75 };

export interface UsageTotals {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Tokens already in the prompt cache for the next request. */
  cachedContext: number;
  /** Tokens produced since the last request that the next one will write to the cache. */
  uncachedTail: number;
}

export function emptyUsage(): UsageTotals {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cachedContext: 0, uncachedTail: 0 };
}

export const tokensFor = (chars: number): number => Math.ceil(chars / CHARS_PER_TOKEN);

/** Accounts one model request and returns its `model_usage`. */
export function recordModelRequest(
  totals: UsageTotals,
  newInputChars: number,
  outputChars: number,
  failed: boolean,
): ModelUsage {
  if (failed) return { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  const first = totals.cachedContext === 0;
  const usage: ModelUsage = {
    input_tokens: tokensFor(newInputChars) + 9,
    output_tokens: tokensFor(outputChars) + 3,
    cache_read_input_tokens: totals.cachedContext,
    cache_creation_input_tokens: first ? BASE_PROMPT_TOKENS : totals.uncachedTail,
  };
  totals.input += usage.input_tokens;
  totals.output += usage.output_tokens;
  totals.cacheRead += usage.cache_read_input_tokens;
  totals.cacheWrite += usage.cache_creation_input_tokens;
  totals.cachedContext += usage.cache_creation_input_tokens;
  totals.uncachedTail = usage.input_tokens + usage.output_tokens;
  return usage;
}

export function sessionUsageDraft(totals: UsageTotals): Omit<SessionUsageEvent, "id" | "processed_at"> {
  const cost =
    (totals.input * PRICE.input +
      totals.output * PRICE.output +
      totals.cacheRead * PRICE.cacheRead +
      totals.cacheWrite * PRICE.cacheWrite5m) /
    1_000_000;
  return {
    type: "session.usage",
    usage: {
      input_tokens: totals.input,
      output_tokens: totals.output,
      cache_read_input_tokens: totals.cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: totals.cacheWrite },
      list_cost: { amount: cost.toFixed(4), currency: "USD" },
    },
    budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
  };
}
