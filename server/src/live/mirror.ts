import type { EventsRepo, UpsertOutcome, UpstreamEvent } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";
import type { ModelPrices, ModelUsage, UsageRepo } from "../store/usage-repo.js";

/** Writes upstream events into the mirror, and each model request's usage into the ledger, once. */
export class Mirror {
  constructor(
    private readonly events: EventsRepo,
    private readonly usage: UsageRepo,
    private readonly prices: ModelPrices,
  ) {}

  async apply(session: SessionRow, event: UpstreamEvent): Promise<UpsertOutcome> {
    const outcome = await this.events.upsert(session.id, event);
    if (event.type === "span.model_request_end") {
      const usage = readModelUsage(event["model_usage"]);
      // Claimed by event id, so seeing the event again (history after a reconnect, a restart) adds nothing.
      if (usage)
        await this.usage.record({
          eventId: event.id,
          sessionId: session.id,
          tenantId: session.tenantId,
          usage,
          prices: this.prices,
        });
    }
    return outcome;
  }
}

function readModelUsage(value: unknown): ModelUsage | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const count = (key: string): number => {
    const n = v[key];
    return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  return {
    input_tokens: count("input_tokens"),
    output_tokens: count("output_tokens"),
    cache_read_input_tokens: count("cache_read_input_tokens"),
    cache_creation_input_tokens: count("cache_creation_input_tokens"),
  };
}

/** A persisted upstream event: an object with a non-empty string `id` and `type`. Previews have no `id`. */
export function isPersistedEvent(value: unknown): value is UpstreamEvent {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["id"] === "string" && v["id"] !== "" && typeof v["type"] === "string" && v["type"] !== "";
}
