import { useEffect, useRef, useState } from "react";
import type { ClientTools } from "../store/client-tools";
import { createTracyStore } from "../store/create-tracy-store";
import type { TracyHostCallbacks } from "../store/host-callbacks";
import type { TracyStore } from "../store/tracy-state";
import type { TracyBackendConfig } from "../transport/backend-config";
import { createHttpTransport } from "../transport/http-transport";
import type { TracyTransport } from "../transport/types";
import { sessionStoragePersistence, sessionStorageToolClaims, type SessionPersistence } from "./session-persistence";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect";

/**
 * What a panel's session needs from the host: the tenant and trace, and where the backend is; and what the
 * host wants to hear about (`onEvent`, `onSend`, `onToolCall`, `onToolResult`, `onSessionChange`).
 */
export interface TracySessionOptions extends TracyHostCallbacks {
  /** The host's current tenant. Changing it drops everything shown for the previous tenant. */
  tenantId: string;
  /**
   * The trace the user is looking at, sent with every request (`X-Trace-Id`). Changing it keeps the conversation.
   * @default null
   */
  traceId?: string | null | undefined;
  /** Where the Tracy backend is. Read on every request, so it may change between renders. */
  backend?: TracyBackendConfig | undefined;
  /** Replaces the HTTP transport (tests, stories, custom protocols). Read once, on mount. */
  transport?: TracyTransport | undefined;
  /**
   * Controlled session id. `undefined`: the panel manages its own session; `null`: start a new one on the next send.
   * @default undefined
   */
  sessionId?: string | null | undefined;
  /**
   * Called with the new id when the panel creates a session or the host opens one (`openSession`), and with
   * null when the user starts over. Read on each call.
   */
  onSessionChange?: ((sessionId: string | null) => void) | undefined;
  /**
   * Client-side tools: handlers for `agent.custom_tool_use`, by tool name, answered with
   * `user.custom_tool_result` exactly once. Read when a tool runs, so it may change.
   */
  tools?: ClientTools | undefined;
  /**
   * Remember each tenant's session across reloads when `sessionId` is not controlled.
   * `true` uses `sessionStorage` (per tab); pass your own to use another store.
   * @default false
   */
  persistSession?: boolean | SessionPersistence | undefined;
}

/**
 * Creates the store of one panel and keeps it in step with the host's props:
 * one store per component instance, never shared between panels.
 */
export function useTracySession(options: TracySessionOptions): TracyStore {
  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const [store] = useState(() =>
    createTracyStore({
      transport: options.transport ?? createHttpTransport(liveBackend(() => latest.current.backend)),
      tenantId: options.tenantId,
      traceId: options.traceId ?? null,
      sessionId:
        options.sessionId ??
        (options.persistSession ? persistenceOf(options.persistSession).load(options.tenantId) : null),
      onSessionChange: () => (id) => {
        const { persistSession, sessionId: controlled, tenantId: tenant, onSessionChange } = latest.current;
        if (controlled === undefined && persistSession) persistenceOf(persistSession).save(tenant, id);
        onSessionChange?.(id);
      },
      tools: () => latest.current.tools,
      callbacks: () => latest.current,
      ...(options.persistSession ? { toolClaims: sessionStorageToolClaims() } : {}),
    }),
  );
  const { tenantId } = options;
  const traceId = options.traceId ?? null;
  const persistence = options.persistSession ? persistenceOf(options.persistSession) : null;
  const sessionId =
    options.sessionId !== undefined ? options.sessionId : persistence ? persistence.load(tenantId) : undefined;

  useIsomorphicLayoutEffect(() => {
    store.getState().actions.setContext({ tenantId, traceId });
  }, [store, tenantId, traceId]);

  useIsomorphicLayoutEffect(() => {
    if (sessionId !== undefined) store.getState().actions.setSessionId(sessionId);
  }, [store, sessionId]);

  useEffect(() => {
    const { actions } = store.getState();
    actions.start();
    return () => actions.stop();
  }, [store]);

  return store;
}

function persistenceOf(option: true | SessionPersistence): SessionPersistence {
  return option === true ? defaultPersistence : option;
}

const defaultPersistence = sessionStoragePersistence();

/** A backend config whose fields are read at request time, so inline `backend={{…}}` props just work. */
function liveBackend(get: () => TracyBackendConfig | undefined): TracyBackendConfig {
  const current = () => {
    const backend = get();
    if (!backend) throw new Error("TracyPanel needs a `backend` (or a `transport`).");
    return backend;
  };
  return {
    get baseUrl() {
      return current().baseUrl;
    },
    headers: async () => {
      const h = current().headers;
      return (typeof h === "function" ? await h() : h) ?? {};
    },
    get fetch() {
      return get()?.fetch;
    },
    get streamInWorker() {
      return get()?.streamInWorker;
    },
    get stallTimeoutMs() {
      return get()?.stallTimeoutMs;
    },
    get reconnect() {
      return get()?.reconnect ?? {};
    },
  };
}
