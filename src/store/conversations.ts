import { isAbortError, TracyHttpError } from "../transport/errors";
import type { SessionSummary, TracyRequestContext, TracyTransport } from "../transport/types";
import { describeError, type PanelError } from "./describe-error";
import type { StatePort } from "./store-port";

/** Conversations asked for per page of `GET /sessions`. */
export const CONVERSATIONS_PAGE_SIZE = 20;
/** More than this many listed and the list stops offering more: it is a menu, not an archive. */
export const MAX_CONVERSATIONS = 500;

/**
 * The caller's earlier conversations in one tenant, as `GET /sessions` lists them. Keyed by
 * tenant: a list is only ever shown for the tenant it was listed for.
 */
export interface ConversationList {
  /** The tenant these conversations are of. */
  tenantId: string;
  /**
   * `idle`: not listed yet; `unsupported`: the backend has no list (no `listSessions`, or it
   * answered 404/405), so none is offered.
   */
  status: "idle" | "loading" | "ready" | "failed" | "unsupported";
  /** Newest first, each id once. */
  items: readonly SessionSummary[];
  /** Cursor of the next page; null when everything is listed. */
  nextPage: string | null;
  error: PanelError | null;
}

export function emptyConversations(tenantId: string): ConversationList {
  return { tenantId, status: "idle", items: [], nextPage: null, error: null };
}

export interface ConversationsDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
}

/**
 * Lists conversations for the current tenant. A listing belongs to the tenant it was made for:
 * a tenant change aborts it, and an answer that still arrives for another tenant is dropped.
 */
export function createConversations({ state, transport, ctx }: ConversationsDeps) {
  let listing: AbortController | null = null;

  function load(more: boolean): void {
    const current = state.get().conversations;
    const { tenantId } = state.get();
    if (current.tenantId !== tenantId) state.set({ conversations: emptyConversations(tenantId) });
    const list = state.get().conversations;
    if (list.status === "unsupported") return;
    if (more && (list.nextPage === null || list.status === "loading")) return;
    if (!transport.listSessions) {
      state.set({ conversations: { ...list, status: "unsupported" } });
      return;
    }
    listing?.abort();
    const run = new AbortController();
    listing = run;
    const page = more ? list.nextPage : null;
    state.set({ conversations: { ...list, status: "loading", error: null } });
    transport.listSessions(ctx(), { limit: CONVERSATIONS_PAGE_SIZE, page }, run.signal).then(
      (result) => {
        if (!current_(run, tenantId)) return;
        listing = null;
        const before = state.get().conversations.items;
        // A refresh replaces the list; "more" appends. Either way each id shows once.
        const merged = more ? [...before, ...result.data] : result.data;
        const seen = new Set<string>();
        const items = merged.filter((c) => !seen.has(c.id) && seen.add(c.id)).slice(0, MAX_CONVERSATIONS);
        const nextPage = items.length >= MAX_CONVERSATIONS || result.next_page === page ? null : result.next_page;
        state.set({ conversations: { tenantId, status: "ready", items, nextPage, error: null } });
      },
      (error: unknown) => {
        if (!current_(run, tenantId) || isAbortError(error)) return;
        listing = null;
        const list = state.get().conversations;
        if (error instanceof TracyHttpError && (error.status === 404 || error.status === 405)) {
          state.set({ conversations: { ...emptyConversations(tenantId), status: "unsupported" } });
          return;
        }
        state.set({ conversations: { ...list, status: "failed", error: describeError(error, "load") } });
      },
    );
  }

  /** Still the listing in progress, for the tenant shown. */
  function current_(run: AbortController, tenantId: string): boolean {
    return listing === run && !run.signal.aborted && state.get().tenantId === tenantId;
  }

  return {
    /** Lists the first page again (the menu opened): what was listed stays shown meanwhile. */
    refresh: () => load(false),
    /** Lists the next page, if there is one. */
    loadMore: () => load(true),
    /** The tenant changed: its listing stops, and the new tenant's list starts empty. */
    reset(tenantId: string): void {
      listing?.abort();
      listing = null;
      const previous = state.get().conversations;
      // A backend without a list stays without one whatever the tenant.
      const status = previous.status === "unsupported" ? "unsupported" : "idle";
      state.set({ conversations: { ...emptyConversations(tenantId), status } });
    },
  };
}
