import { createStore } from "zustand/vanilla";
import { decodeEvent } from "../protocol/decode";
import type { StreamEvent, UnknownEvent } from "../protocol/events";
import { foldEvents } from "../protocol/fold";
import { EMPTY_TRANSCRIPT, type Transcript } from "../protocol/transcript";
import { isAbortError } from "../transport/errors";
import type { TracyRequestContext } from "../transport/types";
import { createClientToolRunner } from "./client-tools";
import { describeError } from "./describe-error";
import { createFrameBatcher, type FrameBatcher } from "./frame-batcher";
import { newIdempotencyKey } from "./idempotency-key";
import { awaitsApproval } from "./select-required-actions";
import type { PendingSend, TracyActions, TracyState, TracyStore, TracyStoreOptions } from "./tracy-state";

/** While history pages keep arriving faster than this, they are shown together. */
const HISTORY_SHOW_EVERY_MS = 250;

/** One store per panel instance. Owns all I/O for its panel; views only read it and call actions. */
export function createTracyStore(options: TracyStoreOptions): TracyStore {
  const { transport } = options;
  const pageSize = options.historyPageSize ?? 100;
  /** Aborted when the tenant or session changes: every request of the old one stops and its results are dropped. */
  let scope = new AbortController();
  /** The stream's own signal, a child of `scope`, so a reconnect doesn't cancel a send. */
  let stream: AbortController | null = null;
  let startTimer: ReturnType<typeof setTimeout> | null = null;
  let creating: Promise<string> | null = null;
  const drafts = new Map<string, string>();
  let batcher: FrameBatcher<StreamEvent | UnknownEvent> | null = null;

  const store = createStore<TracyState>()((set, get) => {
    batcher = createFrameBatcher((events) => {
      if (!scope.signal.aborted) foldIn(events);
    });
    const ctx = (): TracyRequestContext => ({ tenantId: get().tenantId, traceId: get().traceId });

    /** Runs `fn` only if the tenant/session scope that started the work is still current. */
    const within = (signal: AbortSignal, fn: () => void) => {
      if (!signal.aborted) fn();
    };

    const clientTools = createClientToolRunner({
      tools: () => options.tools?.(),
      ctx,
      send: (sessionId, events, key, signal) => transport.sendEvents(ctx(), sessionId, events, key, signal),
      onSendError: (tool, error) =>
        set({ error: { ...describeError(error, `send the result of ${tool.name}`), retry: null } }),
    });

    function resetScope(): AbortSignal {
      scope.abort();
      scope = new AbortController();
      batcher?.clear();
      clientTools.reset();
      creating = null;
      return scope.signal;
    }

    function connect(sessionId: string): void {
      stream?.abort();
      const controller = new AbortController();
      stream = controller;
      scope.signal.addEventListener("abort", () => controller.abort(), { once: true });
      const signal = controller.signal;
      set({ connection: "connecting", error: null });
      transport
        .streamEvents(ctx(), sessionId, {
          lastEventId: get().transcript.lastEventId,
          signal,
          onOpen: () =>
            within(signal, () => {
              set({ connection: "open", error: null });
              void loadHistory(sessionId, signal);
            }),
          onEvent: (raw) => within(signal, () => receive(raw)),
          onMalformed: () =>
            within(signal, () => set({ warning: "Tracy sent an event the panel couldn't read. It was skipped." })),
          onReconnecting: () => within(signal, () => set({ connection: "reconnecting" })),
        })
        .catch((error: unknown) =>
          within(signal, () => {
            if (isAbortError(error)) return;
            set({ connection: "failed", error: { ...describeError(error, "connect to Tracy"), retry: "reconnect" } });
          }),
        );
    }

    /**
     * Lists history and folds it in: ids already seen are no-ops, so this is safe after every
     * (re)connect. Pages that arrive quickly are shown together: rendering each page of a long
     * conversation would mount (and then drop) its items one page at a time.
     */
    async function loadHistory(sessionId: string, signal: AbortSignal): Promise<void> {
      let page: string | null = null;
      let unshown: (StreamEvent | UnknownEvent)[] = [];
      let shownAt = Date.now();
      const show = () => {
        foldIn(unshown);
        unshown = [];
        shownAt = Date.now();
      };
      try {
        do {
          const result = await transport.listEvents(ctx(), sessionId, { limit: pageSize, page }, signal);
          if (signal.aborted) return;
          let skipped = 0;
          for (const raw of result.data) {
            const decoded = decodeEvent(raw);
            if (decoded.ok) unshown.push(decoded.event);
            else skipped += 1;
          }
          if (skipped) set({ warning: `${skipped} event(s) in the history couldn't be read and were skipped.` });
          page = result.next_page;
          if (page && Date.now() - shownAt >= HISTORY_SHOW_EVERY_MS) show();
        } while (page);
        show();
      } catch (error) {
        within(signal, () => {
          if (isAbortError(error)) return;
          show();
          set({ error: { ...describeError(error, "load the conversation"), retry: "history" } });
        });
      }
    }

    function receive(raw: unknown): void {
      const decoded = decodeEvent(raw);
      if (!decoded.ok) {
        set({ warning: `Tracy sent an event the panel couldn't read (${decoded.reason}). It was skipped.` });
        return;
      }
      batcher?.push(decoded.event);
    }

    function foldIn(events: (StreamEvent | UnknownEvent)[]): void {
      if (events.length === 0) return;
      const transcript = foldSafely(get().transcript, events, (skipped) =>
        set({ warning: `${skipped} event(s) couldn't be shown and were skipped.` }),
      );
      set({ transcript, pending: withoutDelivered(get().pending, transcript) });
      const sessionId = get().sessionId;
      if (sessionId) clientTools.run(transcript, sessionId, scope.signal);
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
      creating.catch(() => {
        creating = null;
      });
      return creating;
    }

    function updatePending(key: string, patch: Partial<PendingSend>): void {
      set({ pending: get().pending.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
    }

    async function deliver(key: string): Promise<void> {
      const signal = scope.signal;
      const item = get().pending.find((p) => p.key === key);
      if (!item) return;
      updatePending(key, { status: "sending", error: null });
      // The tenant of this intent, fixed now: after any await the host may have switched.
      const tenantId = get().tenantId;
      try {
        const sessionId = await ensureSession(signal);
        if (signal.aborted) return;
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
          updatePending(key, { status: "failed", error: describeError(error, "send your message") });
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
              if (!isAbortError(error)) set({ error: { ...describeError(error, "stop Tracy"), retry: null } });
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
        // One key per tool use: a double click or a retry after a lost answer can't confirm twice.
        transport
          .sendEvents(ctx(), sessionId, [event], `tool-confirmation:${toolUseId}`, signal)
          .catch((error: unknown) =>
            within(signal, () => {
              if (!isAbortError(error)) setConfirmation({ result, error: describeError(error, "send your answer") });
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
          void loadHistory(sessionId, scope.signal);
          return;
        }
        connect(sessionId);
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
          pending: get().pending.map((p) => (p.status === "sending" ? { ...p, status: "failed", error: null } : p)),
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
    connection: "idle",
    error: null,
    warning: null,
    stopping: false,
    confirmations: {},
  };
}

/** Pending sends whose events the transcript now shows are done; same array when nothing changed. */
function withoutDelivered(pending: PendingSend[], transcript: Transcript): PendingSend[] {
  const kept = pending.filter((p) => !(p.eventIds.length > 0 && p.eventIds.every((id) => transcript.items.has(id))));
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
