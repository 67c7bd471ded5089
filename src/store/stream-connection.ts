import { decodeEvent } from "../protocol/decode";
import { pausePreviews } from "../protocol/fold";
import { isAbortError } from "../transport/errors";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { describeError } from "./describe-error";
import type { EventPacer } from "./live-event-pacer";
import type { HistorySync } from "./history-sync";
import { within, type StatePort } from "./store-port";
import type { PanelEvent } from "./transcript-folding";

export interface StreamConnectionDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  /** The current tenant/session scope: the stream stops with it. */
  scopeSignal: () => AbortSignal;
  history: HistorySync;
  /** Live events that may be folded now, a frame at a time. */
  pacer: EventPacer<PanelEvent>;
}

/**
 * The session's event stream. After every (re)connect the history is listed and live events are
 * held back until it is folded (see history-sync), so the transcript is always in log order.
 */
export function createStreamConnection({ state, transport, ctx, scopeSignal, history, pacer }: StreamConnectionDeps) {
  /** The stream's own signal, a child of the scope's, so a reconnect doesn't cancel a send. */
  let stream: AbortController | null = null;

  function receive(raw: unknown): void {
    const decoded = decodeEvent(raw);
    if (!decoded.ok) {
      state.set({ warning: { kind: "unreadable-event", reason: decoded.reason } });
      return;
    }
    if (!history.hold(decoded.event)) pacer.push(decoded.event);
  }

  function connect(sessionId: string): void {
    stream?.abort();
    const controller = new AbortController();
    stream = controller;
    scopeSignal().addEventListener("abort", () => controller.abort(), { once: true });
    const signal = controller.signal;
    history.restart();
    state.set({ connection: "connecting", error: null });
    transport
      .streamEvents(ctx(), sessionId, {
        lastEventId: state.get().transcript.lastEventId,
        signal,
        onOpen: () =>
          within(signal, () => {
            // What the previous connection delivered comes first; its open previews can't go on.
            pacer.flush();
            history.connectionOpened();
            state.set({
              connection: "open",
              syncing: true,
              error: null,
              transcript: pausePreviews(state.get().transcript),
            });
            history.sync(sessionId, signal);
          }),
        onEvent: (raw) => within(signal, () => receive(raw)),
        onMalformed: () => within(signal, () => state.set({ warning: { kind: "unreadable-event", reason: null } })),
        onReconnecting: () => within(signal, () => state.set({ connection: "reconnecting" })),
      })
      .catch((error: unknown) =>
        within(signal, () => {
          if (isAbortError(error)) return;
          state.set({
            connection: "failed",
            error: { ...describeError(error, "connect"), retry: "reconnect" },
          });
        }),
      );
  }

  return {
    connect,
    /** Reconnect: after a failed history listing, lists again on the open stream; else reopens the stream. */
    reconnect(): void {
      const { sessionId, error } = state.get();
      if (!sessionId) return;
      if (error?.retry === "history") {
        state.set({ error: null });
        if (stream && !stream.signal.aborted) history.sync(sessionId, stream.signal);
        else connect(sessionId);
        return;
      }
      connect(sessionId);
    },
  };
}
