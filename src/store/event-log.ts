import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { HistoryLoopError, MAX_EMPTY_PAGES } from "./history-pages";

export interface EventLogDeps {
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  pageSize: number;
}

/**
 * A session's whole event log, as the backend lists it (`GET /events`, every page, oldest first):
 * the events exactly as received, undecoded, so an export keeps every field and every digit.
 */
export async function listEventLog(
  { transport, ctx, pageSize }: EventLogDeps,
  sessionId: string,
  signal: AbortSignal,
): Promise<unknown[]> {
  const events: unknown[] = [];
  const cursors = new Set<string>();
  let page: string | null = null;
  let emptyPages = 0;
  do {
    const result = await transport.listEvents(ctx(), sessionId, { limit: pageSize, page }, signal);
    events.push(...result.data);
    page = typeof result.next_page === "string" && result.next_page !== "" ? result.next_page : null;
    emptyPages = result.data.length === 0 ? emptyPages + 1 : 0;
    if (page !== null && (cursors.has(page) || emptyPages >= MAX_EMPTY_PAGES)) throw new HistoryLoopError();
    if (page !== null) cursors.add(page);
  } while (page);
  return events;
}
