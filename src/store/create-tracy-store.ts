import { createStore } from "zustand/vanilla";
import { createApprovals } from "./approvals";
import { createClientToolAnswers } from "./client-tool-answers";
import { createConversations, emptyConversations } from "./conversations";
import { listEventLog } from "./event-log";
import { memoryToolClaims } from "./client-tools";
import { createEventPacer, PACED_TEXT_PER_DELIVERY } from "./live-event-pacer";
import { createHistoryPages } from "./history-pages";
import { createHistorySync } from "./history-sync";
import { createHostReports } from "./host-callbacks";
import { createInterrupt } from "./interrupt";
import { createLifecycle } from "./lifecycle";
import { createReplyFeedback } from "./reply-feedback";
import { createRequestScope } from "./request-scope";
import { selectRetryableTurn } from "./retry-turn";
import { createSendQueue } from "./send-queue";
import { createSessionCreation } from "./session-creation";
import { createSessionScoping, freshSession } from "./session-scoping";
import { platformTimeout, requestContext, type StatePort } from "./store-port";
import { createStreamConnection } from "./stream-connection";
import { createTranscriptFolding, type PanelEvent } from "./transcript-folding";
import type { DeltaEvent } from "../protocol/events";
import type { TracyActions, TracyState, TracyStore, TracyStoreOptions } from "./tracy-state";

/**
 * One store per panel instance. Owns all I/O for its panel; views only read it and call actions.
 * Each concern lives in its own module; this only wires them together.
 */
export function createTracyStore(options: TracyStoreOptions): TracyStore {
  const { transport } = options;
  /** Read on each call: the host may change it. */
  const onSessionChange = () => options.onSessionChange?.();
  const reports = createHostReports(() => options.callbacks?.());
  return createStore<TracyState>()((set, get, api) => {
    const state: StatePort = { get, set: (patch) => set(patch) };
    const ctx = () => requestContext(state);
    const scopeSignal = () => scope.signal;

    const clientTools = createClientToolAnswers({
      state,
      transport,
      ctx,
      tools: () => options.tools?.(),
      claims: options.toolClaims ?? memoryToolClaims(),
    });
    const { foldIn } = createTranscriptFolding({
      state,
      onFolded(transcript, events, source) {
        sendQueue.settleUnconfirmed(false);
        reports.folded(events, transcript, source);
        clientTools.run(transcript, scope.signal);
      },
    });
    const pacer = createEventPacer<PanelEvent>(
      (events) => {
        if (!scope.signal.aborted) foldIn(events);
      },
      {
        frame: options.scheduleFrame,
        timeout: options.scheduleTimeout,
        now: options.now,
        // A streaming preview's text may wait for the pace: the next delta follows within milliseconds.
        paced: (event) => event.type === "event_delta",
        // Decoded: an `event_delta` here is a `DeltaEvent`.
        weight: (event) => (event.type === "event_delta" ? (event as DeltaEvent).delta.content.text.length : 0),
        maxWeight: PACED_TEXT_PER_DELIVERY,
      },
    );
    const history = createHistorySync({
      state,
      loadHistory: createHistoryPages({
        state,
        transport,
        ctx,
        pageSize: options.historyPageSize ?? 100,
        now: options.now ?? Date.now,
        foldIn: (events) => foldIn(events, "history"),
      }),
      foldIn,
      onCaughtUp() {
        set({ historyLoaded: true, syncing: false });
        sendQueue.settleUnconfirmed(true);
      },
    });
    const connection = createStreamConnection({ state, transport, ctx, scopeSignal, history, pacer });
    const { connect } = connection;
    const sessionCreation = createSessionCreation({ state, transport, ctx, connect, onSessionChange });
    const sendQueue = createSendQueue({
      state,
      transport,
      scopeSignal,
      ensureSession: sessionCreation.ensure,
      onAccepted: reports.sent,
    });
    const scope = createRequestScope(() => {
      pacer.clear();
      history.reset();
      clientTools.reset();
      sessionCreation.reset();
    });
    const resetScope = () => void scope.reset();
    const conversations = createConversations({ state, transport, ctx });
    const scoping = createSessionScoping({
      state,
      resetScope,
      connect,
      onSessionChange,
      onTenantChange: conversations.reset,
    });
    const pageSize = options.historyPageSize ?? 100;
    const exportEventLog = async (): Promise<unknown[]> => {
      const { sessionId } = get();
      if (!sessionId) throw new Error("There is no conversation to export yet.");
      const signal = scope.signal;
      const events = await listEventLog({ transport, ctx, pageSize }, sessionId, signal);
      if (signal.aborted) throw new DOMException("The conversation changed during the export.", "AbortError");
      return events;
    };
    const approvals = createApprovals({ state, transport, ctx, scopeSignal });
    const lifecycle = createLifecycle({
      state,
      scheduleTimeout: options.scheduleTimeout ?? platformTimeout,
      connect,
      resetScope,
    });

    const actions: TracyActions = {
      setDraft: (draft) => set({ draft }),
      send: sendQueue.send,
      retrySend: sendQueue.retrySend,
      editSend: sendQueue.editSend,
      removeSend: sendQueue.removeSend,
      retryTurn() {
        const turn = selectRetryableTurn(get());
        return turn !== null && sendQueue.send(turn.text);
      },
      rateReply: createReplyFeedback({ state, callbacks: () => options.callbacks?.() }),
      interrupt: createInterrupt({ state, transport, ctx, scopeSignal }),
      confirmTool: approvals.confirmTool,
      setContext: scoping.setContext,
      setSessionId: scoping.setSessionId,
      startOver: scoping.startOver,
      openSession: scoping.openSession,
      refreshConversations: conversations.refresh,
      loadMoreConversations: conversations.loadMore,
      exportEventLog,
      reconnect: connection.reconnect,
      retryToolResult: (toolUseId) => clientTools.retry(toolUseId, scope.signal),
      dismissError: () => set({ error: null, warning: null }),
      start: lifecycle.start,
      stop: lifecycle.stop,
    };

    // Queued messages go when their turn comes, whatever change brought it.
    api.subscribe(() => sendQueue.pump());

    return {
      tenantId: options.tenantId,
      traceId: options.traceId ?? null,
      sessionId: options.sessionId ?? null,
      ...freshSession(),
      conversations: emptyConversations(options.tenantId),
      draft: "",
      feedback: {},
      actions,
    };
  });
}
