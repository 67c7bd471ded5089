/**
 * Previews of events still being produced (`event_start` + `event_delta`s by event id), so a browser
 * that attaches mid-message sees the text so far. Closed by the final event or the request's end.
 */
export class OpenPreviews {
  readonly #byId = new Map<string, Record<string, unknown>[]>();

  add(event: Record<string, unknown>): void {
    const id =
      event["type"] === "event_start" ? (event["event"] as { id?: unknown } | undefined)?.id : event["event_id"];
    if (typeof id !== "string") return;
    const list = this.#byId.get(id) ?? [];
    if (event["type"] === "event_start") list.length = 0;
    list.push(event);
    this.#byId.set(id, list);
  }

  /** Every open preview's events, in the order they came. */
  *replay(): Iterable<Record<string, unknown>> {
    for (const list of this.#byId.values()) yield* list;
  }

  close(eventId: string): void {
    this.#byId.delete(eventId);
  }

  clear(): void {
    this.#byId.clear();
  }
}
