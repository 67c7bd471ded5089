import { isAbortError } from "../transport/errors";
import type { TracyTransport } from "../transport/types";
import { describeError } from "./describe-error";
import { newIdempotencyKey } from "./idempotency-key";
import { mustQueue, nextQueued, turnBusy } from "./queued-sends";
import { awaitsApproval } from "./select-required-actions";
import { within, type StatePort } from "./store-port";
import type { PendingSend } from "./tracy-state";
import { settleUnconfirmed, withoutDelivered } from "./unconfirmed-sends";

export interface SendQueueDeps {
  state: StatePort;
  transport: TracyTransport;
  /** The current tenant/session scope: a send is dropped when it changes. */
  scopeSignal: () => AbortSignal;
  /** The session to send to, created on the first send. */
  ensureSession(signal: AbortSignal): Promise<string>;
  newKey?: () => string;
  /** A message leaves for the backend (once per message: not per retry, not while it waits in the queue). */
  onAccepted?: (message: { text: string; traceId: string | null }) => void;
}

/**
 * The user's messages on their way to the backend (the state's outbox, `pending`). Each keeps one
 * Idempotency-Key for all its retries, and leaves the outbox once the transcript shows it.
 */
export function createSendQueue({
  state,
  transport,
  scopeSignal,
  ensureSession,
  newKey = newIdempotencyKey,
  onAccepted,
}: SendQueueDeps) {
  const { get, set } = state;
  /** Keys already reported to the host: a message is reported when it first leaves. */
  const reported = new Set<string>();

  function updateSend(key: string, patch: Partial<PendingSend>): void {
    set({ pending: get().pending.map((s) => (s.key === key ? { ...s, ...patch } : s)) });
  }

  async function deliver(key: string): Promise<void> {
    const signal = scopeSignal();
    const item = get().pending.find((s) => s.key === key);
    if (!item) return;
    updateSend(key, { status: "sending", error: null, unconfirmed: false });
    if (!reported.has(key)) {
      reported.add(key);
      onAccepted?.({ text: item.text, traceId: item.traceId });
    }
    // The tenant of this intent, fixed now: after any await the host may have switched.
    const tenantId = get().tenantId;
    let posted = false;
    try {
      const sessionId = await ensureSession(signal);
      if (signal.aborted) return;
      posted = true;
      const { data } = await transport.sendEvents(
        { tenantId, traceId: item.traceId },
        sessionId,
        [{ type: "user.message", content: [{ type: "text", text: item.text }] }],
        key,
        signal,
      );
      within(signal, () => {
        const eventIds = data.flatMap((e) => (isRecordWithId(e) ? [e.id] : []));
        const traceByEventId = { ...get().traceByEventId };
        for (const id of eventIds) traceByEventId[id] = item.traceId;
        updateSend(key, { status: "sent", eventIds });
        // The stream may have delivered these ids before the POST answered.
        set({ traceByEventId, pending: withoutDelivered(get().pending, get().transcript) });
      });
    } catch (error) {
      within(signal, () => {
        if (isAbortError(error)) return;
        const panelError = describeError(error, "send");
        // A lost answer (network, 5xx, anything not an HTTP refusal) may hide a message that
        // arrived: the log will tell.
        const { status } = panelError;
        const mayHaveArrived = posted && (status === null || status === 0 || status >= 500);
        updateSend(key, { status: "failed", error: panelError, unconfirmed: mayHaveArrived });
      });
    }
  }

  return {
    send(text?: string): boolean {
      const body = (text ?? get().draft).trim();
      if (!body || get().transcript.status.state === "terminated" || awaitsApproval(get().transcript)) return false;
      const key = newKey();
      const traceId = get().traceId;
      const queued = mustQueue(get());
      set({
        pending: [
          ...get().pending,
          { key, text: body, traceId, status: queued ? "queued" : "sending", eventIds: [], error: null },
        ],
        draft: text === undefined ? "" : get().draft,
      });
      if (!queued) void deliver(key);
      return true;
    },
    retrySend(key: string): void {
      if (get().pending.find((s) => s.key === key)?.status !== "failed") return;
      // While a turn runs, the retried message waits in its place in the queue.
      if (turnBusy(get())) updateSend(key, { status: "queued", error: null, unconfirmed: false });
      else void deliver(key);
    },
    /** Puts a failed or queued message back into the composer, and takes it out of the outbox. */
    editSend(key: string): void {
      const item = get().pending.find((s) => s.key === key);
      if (!item || (item.status !== "failed" && item.status !== "queued")) return;
      const draft = get().draft ? `${item.text}\n\n${get().draft}` : item.text;
      set({ draft, pending: get().pending.filter((s) => s.key !== key) });
    },
    /** Takes a queued message out of the outbox before it goes. */
    removeSend(key: string): void {
      if (get().pending.find((s) => s.key === key)?.status !== "queued") return;
      set({ pending: get().pending.filter((s) => s.key !== key) });
    },
    /** Sends the next queued message when its turn has come; run after every state change. */
    pump(): void {
      if (get().transcript.status.state === "terminated") {
        // The session ended: what waited will never go. Shown as not sent, with Edit.
        if (get().pending.some((s) => s.status === "queued"))
          set({
            pending: get().pending.map((s) => (s.status === "queued" ? { ...s, status: "failed", error: null } : s)),
          });
        return;
      }
      const next = nextQueued(get());
      if (next) void deliver(next.key);
    },
    /** Settles sends the panel never heard back about against the log (see unconfirmed-sends). */
    settleUnconfirmed(final: boolean): void {
      const patch = settleUnconfirmed(get(), final);
      if (patch) set(patch);
    },
  };
}

function isRecordWithId(value: unknown): value is { id: string } {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}
