import { createStore } from "zustand/vanilla";
import { decodeEvent } from "../protocol/decode";
import type { StreamEvent, UnknownEvent } from "../protocol/events";
import { foldEvents, pausePreviews } from "../protocol/fold";
import { liveAfterListing } from "../protocol/reconcile";
import { EMPTY_TRANSCRIPT, type Transcript } from "../protocol/transcript";
import { isAbortError } from "../transport/errors";
import type { TracyRequestContext } from "../transport/types";
import { createClientToolRunner, memoryToolClaims } from "./client-tools";
import { describeError, toolInterrupted } from "./describe-error";
import { createFrameBatcher, type FrameBatcher } from "./frame-batcher";
import { newIdempotencyKey } from "./idempotency-key";
import { awaitsApproval } from "./select-required-actions";
import type { PendingSend, TracyActions, TracyState, TracyStore, TracyStoreOptions } from "./tracy-state";

/** While history pages keep arriving faster than this, they are shown together. */
const HISTORY_SHOW_EVERY_MS = 250;
/** Empty pages in a row that still point to a next page: a backend that pages forever. */
const MAX_EMPTY_PAGES = 3;
/** Live events held while history lists: past this, previews are dropped (their final events carry the text). */
const MAX_HELD_EVENTS = 10_000;

/** The backend's history pages lead back to a page already read. */
class HistoryLoopError extends Error {
  constructor() {
    super("The conversation's history pages repeat, so it can't be loaded in full.");
    this.name = "HistoryLoopError";
  }
}

function isPreview(event: StreamEvent | UnknownEvent): boolean {
  return event.type === "event_start" || event.type === "event_delta";
}

/** One store per panel instance. Owns all I/O for its panel; views only read it and call actions. */
export function createTracyStore(options: TracyStoreOptions): TracyStore {
  const { transport } = options;
  const pageSize = options.historyPageSize ?? 100;
  const now = options.now ?? Date.now;
  const toolClaims = options.toolClaims ?? memoryToolClaims();
  /** Aborted when the tenant or session changes: every request of the old one stops and its results are dropped. */
  let scope = new AbortController();
  /** The stream's own signal, a child of `scope`, so a reconnect doesn't cancel a send. */
  let stream: AbortController | null = null;
  let startTimer: ReturnType<typeof setTimeout> | null = null;
  let creating: Promise<string> | null = null;
  const drafts = new Map<string, string>();
  let batcher: FrameBatcher<StreamEvent | UnknownEvent> | null = null;
  /**
   * Live events held back until a history listing that began after their connection opened has
   * been folded: one list per connection not yet reconciled. Empty when live.
   */
  let held: (StreamEvent | UnknownEvent)[][] = [];
  /** The history listing in progress, if any. */
  let listing: AbortController | null = null;

  const store = createStore<TracyState>()((set, get) => {
    batcher = createFrameBatcher((events) => {
      if (!scope.signal.aborted) foldIn(events);
    }, options.scheduleFrame);
    const ctx = (): TracyRequestContext => ({ tenantId: get().tenantId, traceId: get().traceId });

    /** Runs `fn` only if the tenant/session scope that started the work is still current. */
    const within = (signal: AbortSignal, fn: () => void) => {
      if (!signal.aborted) fn();
    };

    const clientTools = createClientToolRunner({
      tools: () => options.tools?.(),
      claims: toolClaims,
      ctx,
      send: (sessionId, events, key, signal) => transport.sendEvents(ctx(), sessionId, events, key, signal),
      onSendError: (tool, error) =>
        set({
          error: {
            ...describeError(error, "tool-result", tool.name),
            retry: "tool-result",
            toolUseId: tool.id,
          },
        }),
      onOrphaned: (tool) =>
        set({
          error: {
            ...toolInterrupted(tool.name),
            retry: "tool-result",
            toolUseId: tool.id,
          },
        }),
    });

    function resetScope(): AbortSignal {
      scope.abort();
      scope = new AbortController();
      batcher?.clear();
      held = [];
      listing = null;
      clientTools.reset();
      creating = null;
      return scope.signal;
    }

    /**
     * Opens the session's stream. The upstream has no replay, so after every (re)connect the
     * panel lists the history and then applies what the stream delivered meanwhile: live events
     * are held back until the listing is folded, so the transcript is always in log order.
     */
    function connect(sessionId: string): void {
      stream?.abort();
      const controller = new AbortController();
      stream = controller;
      scope.signal.addEventListener("abort", () => controller.abort(), { once: true });
      const signal = controller.signal;
      held = [];
      listing?.abort();
      listing = null;
      set({ connection: "connecting", error: null });
      transport
        .streamEvents(ctx(), sessionId, {
          lastEventId: get().transcript.lastEventId,
          signal,
          onOpen: () =>
            within(signal, () => {
              // What the previous connection delivered comes first; its open previews can't go on.
              batcher?.flush();
              held.push([]);
              set({ connection: "open", syncing: true, error: null, transcript: pausePreviews(get().transcript) });
              syncHistory(sessionId, signal);
            }),
          onEvent: (raw) => within(signal, () => receive(raw)),
          onMalformed: () =>
            within(signal, () => set({ warning: { kind: "unreadable-event", reason: null } })),
          onReconnecting: () => within(signal, () => set({ connection: "reconnecting" })),
        })
        .catch((error: unknown) =>
          within(signal, () => {
            if (isAbortError(error)) return;
            set({ connection: "failed", error: { ...describeError(error, "connect"), retry: "reconnect" } });
          }),
        );
    }

    /**
     * Lists the whole history and folds it, then the live events held back meanwhile (those the
     * listing already had are no-ops). A listing reconciles the connections opened before it
     * began; one that opens during it waits for the next listing, which starts right after, so
     * a stream that keeps dropping can't keep the transcript from catching up.
     */
    function syncHistory(sessionId: string, streamSignal: AbortSignal): void {
      if (listing) return; // when it ends, it starts the next
      const run = new AbortController();
      listing = run;
      const stopWithStream = () => run.abort();
      streamSignal.addEventListener("abort", stopWithStream, { once: true });
      const covers = held.length;
      void loadHistory(sessionId, run.signal).then((listed) => {
        // A stream that reconnects all day must not collect a listener per listing.
        streamSignal.removeEventListener("abort", stopWithStream);
        if (listing !== run) return;
        listing = null;
        if (!listed || run.signal.aborted) return;
        const reconciled = held.splice(0, covers);
        reconciled.forEach((live, i) => {
          // Only the newest connection can still be open; the ones before it are gone.
          const open = held.length === 0 && i === reconciled.length - 1 && get().connection === "open";
          foldIn(liveAfterListing(live, listed, open));
        });
        if (held.length > 0) syncHistory(sessionId, streamSignal);
        else {
          set({ historyLoaded: true, syncing: false });
          settleUnconfirmed(true);
        }
      });
    }

    /**
     * Lists history and folds it in: ids already seen are no-ops. Pages that arrive quickly are
     * shown together: rendering each page of a long conversation would mount (and then drop) its
     * items one page at a time. Resolves with the ids listed once every page is folded.
     */
    async function loadHistory(sessionId: string, signal: AbortSignal): Promise<Set<string> | null> {
      let page: string | null = null;
      const listed = new Set<string>();
      const cursors = new Set<string>();
      let emptyPages = 0;
      let unshown: (StreamEvent | UnknownEvent)[] = [];
      let shownAt = now();
      const show = () => {
        foldIn(unshown);
        unshown = [];
        shownAt = now();
      };
      try {
        do {
          const result = await transport.listEvents(ctx(), sessionId, { limit: pageSize, page }, signal);
          if (signal.aborted) return null;
          let skipped = 0;
          for (const raw of result.data) {
            const decoded = decodeEvent(raw);
            if (decoded.ok) unshown.push(decoded.event);
            else skipped += 1;
            const id = (raw as { id?: unknown } | null)?.id;
            if (typeof id === "string") listed.add(id);
          }
          if (skipped) set({ warning: { kind: "unreadable-history", count: skipped } });
          page = typeof result.next_page === "string" && result.next_page !== "" ? result.next_page : null;
          emptyPages = result.data.length === 0 ? emptyPages + 1 : 0;
          if (page !== null && (cursors.has(page) || emptyPages >= MAX_EMPTY_PAGES)) throw new HistoryLoopError();
          if (page !== null) cursors.add(page);
          if (page && now() - shownAt >= HISTORY_SHOW_EVERY_MS) show();
        } while (page);
        show();
        return listed;
      } catch (error) {
        within(signal, () => {
          if (isAbortError(error)) return;
          show();
          set({ error: { ...describeError(error, "load"), retry: "history" } });
        });
        return null;
      }
    }

    function receive(raw: unknown): void {
      const decoded = decodeEvent(raw);
      if (!decoded.ok) {
        set({ warning: { kind: "unreadable-event", reason: decoded.reason } });
        return;
      }
      const waiting = held.at(-1);
      if (waiting === undefined) {
        batcher?.push(decoded.event);
        return;
      }
      // Previews are best-effort: past the cap only persisted events (which the listing may lack) are kept.
      if (waiting.length < MAX_HELD_EVENTS || !isPreview(decoded.event)) waiting.push(decoded.event);
    }

    function foldIn(events: (StreamEvent | UnknownEvent)[]): void {
      if (events.length === 0) return;
      const transcript = foldSafely(get().transcript, events, (skipped) =>
        set({ warning: { kind: "unshown-events", count: skipped } }),
      );
      set({ transcript, pending: withoutDelivered(get().pending, transcript) });
      settleUnconfirmed(false);
      const sessionId = get().sessionId;
      if (sessionId) clientTools.run(transcript, sessionId, scope.signal);
    }

    /**
     * Sends that may have arrived without the panel hearing so (cut off by a stop, or whose answer
     * was lost) are settled by the log: a question it shows that no other send claims, after every
     * claimed one, is theirs. Once a whole listing is folded (`final`), the rest weren't sent.
     */
    function settleUnconfirmed(final: boolean): void {
      const { pending, transcript, traceByEventId } = get();
      if (!pending.some((p) => p.unconfirmed)) return;
      const claimed = new Set([...Object.keys(traceByEventId), ...pending.flatMap((p) => p.eventIds)]);
      const questions: string[] = [];
      for (const id of transcript.order) {
        const item = transcript.items.get(id);
        if (item?.kind !== "message" || item.role !== "user") continue;
        if (claimed.has(id)) questions.length = 0;
        else questions.push(id);
      }
      const traces = { ...traceByEventId };
      const settled = pending.flatMap((p): PendingSend[] => {
        if (!p.unconfirmed) return [p];
        const at = questions.findIndex((id) => {
          const item = transcript.items.get(id);
          return item?.kind === "message" && item.text === p.text;
        });
        if (at < 0) {
          if (!final) return [p];
          return [
            p.status === "failed"
              ? { ...p, unconfirmed: false }
              : { ...p, unconfirmed: false, status: "failed", error: null },
          ];
        }
        traces[questions[at] as string] = p.traceId;
        questions.splice(0, at + 1);
        return [];
      });
      set({ pending: settled, traceByEventId: traces });
    }

    function ensureSession(signal: AbortSignal): Promise<string> {
      const existing = get().sessionId;
      if (existing) return Promise.resolve(existing);
      creating ??= transport.createSession(ctx(), signal).then((created) => {
        if (signal.aborted) throw new DOMException("Aborted", "AbortError");
        set({ sessionId: created.id });
        options.onSessionChange?.()?.(created.id);
        connect(created.id);
        return created.id;
      });
      const attempt = creating;
      // Only this attempt's failure frees the slot: an old tenant's create failing late must not
      // clear the new tenant's, or the next send would create a second session.
      attempt.catch(() => {
        if (creating === attempt) creating = null;
      });
      return attempt;
    }

    function updatePending(key: string, patch: Partial<PendingSend>): void {
      set({ pending: get().pending.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
    }

    async function deliver(key: string): Promise<void> {
      const signal = scope.signal;
      const item = get().pending.find((p) => p.key === key);
      if (!item) return;
      updatePending(key, { status: "sending", error: null, unconfirmed: false });
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
          updatePending(key, { status: "sent", eventIds });
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
          updatePending(key, { status: "failed", error: panelError, unconfirmed: mayHaveArrived });
        });
      }
    }

    const actions: TracyActions = {
      setDraft: (draft) => set({ draft }),
      send(text) {
        const body = (text ?? get().draft).trim();
        if (!body || get().transcript.status.state === "terminated" || awaitsApproval(get().transcript)) return false;
        const key = newIdempotencyKey();
        set({
          pending: [
            ...get().pending,
            { key, text: body, traceId: get().traceId, status: "sending", eventIds: [], error: null },
          ],
          draft: text === undefined ? "" : get().draft,
        });
        void deliver(key);
        return true;
      },
      retrySend: (key) => void deliver(key),
      editSend(key) {
        const item = get().pending.find((p) => p.key === key);
        if (!item || item.status !== "failed") return;
        const draft = get().draft ? `${item.text}\n\n${get().draft}` : item.text;
        set({ draft, pending: get().pending.filter((p) => p.key !== key) });
      },
      interrupt() {
        const sessionId = get().sessionId;
        if (!sessionId || get().stopping) return;
        const signal = scope.signal;
        set({ stopping: true });
        transport
          .sendEvents(ctx(), sessionId, [{ type: "user.interrupt" }], newIdempotencyKey(), signal)
          .catch((error: unknown) =>
            within(signal, () => {
              if (!isAbortError(error)) set({ error: { ...describeError(error, "stop"), retry: null } });
            }),
          )
          .finally(() => within(signal, () => set({ stopping: false })));
      },
      confirmTool(toolUseId, result, denyMessage) {
        const sessionId = get().sessionId;
        const current = get().confirmations[toolUseId];
        if (!sessionId || (current && !current.error)) return;
        const signal = scope.signal;
        const setConfirmation = (value: TracyState["confirmations"][string]) =>
          set({ confirmations: { ...get().confirmations, [toolUseId]: value } });
        setConfirmation({ result, error: null });
        const message = denyMessage?.trim();
        const event = {
          type: "user.tool_confirmation",
          tool_use_id: toolUseId,
          result,
          ...(result === "deny" && message ? { deny_message: message } : {}),
        };
        // One key per tool use and answer: a double click or a retry can't confirm twice, and a Deny
        // after a lost Allow is a different request, never answered with the Allow's stored response.
        transport
          .sendEvents(ctx(), sessionId, [event], `tool-confirmation:${toolUseId}:${result}`, signal)
          .catch((error: unknown) =>
            within(signal, () => {
              if (!isAbortError(error)) setConfirmation({ result, error: describeError(error, "confirm") });
            }),
          );
      },
      setContext({ tenantId, traceId }) {
        const prev = get();
        if (tenantId === prev.tenantId) {
          if (traceId !== prev.traceId) set({ traceId });
          return;
        }
        drafts.set(prev.tenantId, prev.draft);
        resetScope();
        set({ ...freshSession(), tenantId, traceId, sessionId: null, draft: drafts.get(tenantId) ?? "" });
        drafts.delete(tenantId);
      },
      setSessionId(id) {
        if (id === get().sessionId) return;
        resetScope();
        set({ ...freshSession(), sessionId: id });
        if (id) connect(id);
      },
      startOver() {
        if (get().sessionId === null) return;
        actions.setSessionId(null);
        options.onSessionChange?.()?.(null);
      },
      reconnect() {
        const { sessionId, error } = get();
        if (!sessionId) return;
        if (error?.retry === "history") {
          set({ error: null });
          if (stream && !stream.signal.aborted) syncHistory(sessionId, stream.signal);
          else connect(sessionId);
          return;
        }
        connect(sessionId);
      },
      retryToolResult(toolUseId) {
        const { sessionId, transcript } = get();
        const tool = transcript.items.get(toolUseId);
        if (!sessionId || tool?.kind !== "tool" || tool.result) return;
        set({ error: null });
        clientTools.retry(tool, sessionId, scope.signal);
      },
      dismissError: () => set({ error: null, warning: null }),
      start() {
        if (startTimer !== null) return;
        // Deferred so a StrictMode mount/unmount/mount pair opens one connection, not two.
        startTimer = setTimeout(() => {
          startTimer = null;
          const { sessionId, connection } = get();
          if (sessionId && (connection === "idle" || connection === "failed")) connect(sessionId);
        }, 0);
      },
      stop() {
        if (startTimer !== null) clearTimeout(startTimer);
        startTimer = null;
        resetScope();
        set({
          connection: "idle",
          stopping: false,
          // A send cut off here may still have reached the backend: with a session, the next history
          // listing tells; without one, it can't have been sent.
          pending: get().pending.map((p) =>
            p.status !== "sending"
              ? p
              : get().sessionId
                ? { ...p, unconfirmed: true }
                : { ...p, status: "failed", error: null },
          ),
        });
      },
    };

    return {
      tenantId: options.tenantId,
      traceId: options.traceId ?? null,
      sessionId: options.sessionId ?? null,
      ...freshSession(),
      draft: "",
      actions,
    };
  });

  return store;
}

function freshSession(): Omit<TracyState, "tenantId" | "traceId" | "sessionId" | "draft" | "actions"> {
  return {
    transcript: EMPTY_TRANSCRIPT,
    pending: [],
    traceByEventId: {},
    historyLoaded: false,
    syncing: false,
    connection: "idle",
    error: null,
    warning: null,
    stopping: false,
    confirmations: {},
  };
}

/** Pending sends whose events the transcript now shows are done; same array when nothing changed. */
function withoutDelivered(pending: PendingSend[], transcript: Transcript): PendingSend[] {
  const kept = pending.filter((p) => !(p.eventIds.length > 0 && p.eventIds.every((id) => transcript.log.has(id))));
  return kept.length === pending.length ? pending : kept;
}

function isRecordWithId(value: unknown): value is { id: string } {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}

/**
 * Decoding guarantees the shapes the fold reads; should the fold still throw on some event, only
 * that event is lost: the batch is folded again one event at a time, skipping those that throw.
 */
function foldSafely(
  base: Transcript,
  events: (StreamEvent | UnknownEvent)[],
  onSkipped: (count: number) => void,
): Transcript {
  try {
    return foldEvents(base, events);
  } catch {
    let transcript = base;
    let skipped = 0;
    for (const event of events) {
      try {
        transcript = foldEvents(transcript, [event]);
      } catch {
        skipped += 1;
      }
    }
    onSkipped(skipped);
    return transcript;
  }
}
