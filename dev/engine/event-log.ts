import { invalidRequest } from "./errors";
import { opaqueId } from "./opaque-id";
import type { PersistedEvent } from "./types";

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/**
 * Append-only event history of one session, in log order, with opaque ids as the Managed
 * Agents API gives them (they do not sort: order is this log's).
 */
export class EventLog {
  readonly #events: PersistedEvent[] = [];
  readonly #positions = new Map<string, number>();

  get size(): number {
    return this.#events.length;
  }

  /** Ids are allocated before appending because a streamed message announces its id up front. */
  allocateId(): string {
    return opaqueId("sevt");
  }

  append(event: PersistedEvent): void {
    // An interrupt may have an empty id: it is logged, but can't be resumed from.
    if (event.id !== "") this.#positions.set(event.id, this.#events.length);
    this.#events.push(event);
  }

  /** Replaces a logged event where it stands (a user event once processed keeps its place). */
  replace(previous: PersistedEvent, next: PersistedEvent): void {
    const index = this.#events.lastIndexOf(previous);
    if (index >= 0) this.#events[index] = next;
  }

  /** How many logged events have this type. */
  count(type: string): number {
    return this.#events.reduce((n, event) => (event.type === type ? n + 1 : n), 0);
  }

  /** Events after `id` in order; `null` when the id is not in this log. */
  after(id: string): PersistedEvent[] | null {
    const position = this.#positions.get(id);
    return position === undefined ? null : this.#events.slice(position + 1);
  }

  page(
    limit: number | undefined,
    cursor: string | null | undefined,
  ): { data: PersistedEvent[]; next_page: string | null } {
    const size = normalizeLimit(limit);
    const offset = cursor ? decodeCursor(cursor) : 0;
    const data = this.#events.slice(offset, offset + size);
    const end = offset + data.length;
    return { data, next_page: end < this.#events.length ? encodeCursor(end) : null };
  }
}

function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw invalidRequest("limit must be a positive integer");
  return Math.min(limit, MAX_PAGE_LIMIT);
}

function encodeCursor(offset: number): string {
  return btoa(`offset:${offset}`).replace(/=+$/, "");
}

function decodeCursor(cursor: string): number {
  let decoded = "";
  try {
    decoded = atob(cursor);
  } catch {
    // fall through to the invalid-cursor error
  }
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match?.[1]) throw invalidRequest("page is not a valid cursor");
  return Number(match[1]);
}
