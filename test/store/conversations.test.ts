// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { CONVERSATIONS_PAGE_SIZE } from "../../src/store/conversations";
import { TracyHttpError } from "../../src/transport/errors";
import type { SessionPage, TracyRequestContext, TracyTransport } from "../../src/transport/types";
import { ExactInteger } from "../../src/protocol/exact-json";
import { installFakeClock, settle } from "../helpers/fake-clock";
import { FakeTransport, agentTurn, eventId, text } from "../helpers/fake-transport";

installFakeClock();

const summary = (id: string, title: string | null = `About ${id}`) => ({
  id,
  title,
  traceId: null,
  createdAt: "2026-03-02T14:00:00.000Z",
});

/** A transport whose session list the test answers by hand, one listing at a time. */
class ListingTransport extends FakeTransport {
  listings: {
    ctx: TracyRequestContext;
    page: { limit?: number; page?: string | null };
    signal: AbortSignal;
    answer(page: SessionPage): void;
    fail(error: unknown): void;
  }[] = [];
  listSessions(ctx: TracyRequestContext, page: { limit?: number; page?: string | null }, signal: AbortSignal) {
    return new Promise<SessionPage>((answer, fail) => this.listings.push({ ctx, page, signal, answer, fail }));
  }
  last() {
    const listing = this.listings.at(-1);
    if (!listing) throw new Error("nothing listed");
    return listing;
  }
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe("conversation list", () => {
  it("lists the tenant's conversations, newest first, a page at a time, each once", async () => {
    const transport = new ListingTransport();
    const store = createTracyStore({ transport, tenantId: "acme" });
    const { actions } = store.getState();
    expect(store.getState().conversations).toMatchObject({ tenantId: "acme", status: "idle", items: [] });

    actions.refreshConversations();
    expect(store.getState().conversations.status).toBe("loading");
    expect(transport.last().ctx.tenantId).toBe("acme");
    expect(transport.last().page).toEqual({ limit: CONVERSATIONS_PAGE_SIZE, page: null });
    transport.last().answer({ data: [summary("s3"), summary("s2")], next_page: "s2" });
    await flush();
    expect(store.getState().conversations).toMatchObject({ status: "ready", nextPage: "s2" });

    actions.loadMoreConversations();
    expect(transport.last().page.page).toBe("s2");
    // A backend that repeats an item across pages: it shows once.
    transport.last().answer({ data: [summary("s2"), summary("s1")], next_page: null });
    await flush();
    const list = store.getState().conversations;
    expect(list.items.map((c) => c.id)).toEqual(["s3", "s2", "s1"]);
    expect(list.nextPage).toBeNull();
    // Nothing more to list: no request.
    const before = transport.listings.length;
    actions.loadMoreConversations();
    expect(transport.listings.length).toBe(before);
  });

  it("a page whose next cursor is itself ends the list instead of looping", async () => {
    const transport = new ListingTransport();
    const store = createTracyStore({ transport, tenantId: "acme" });
    store.getState().actions.refreshConversations();
    transport.last().answer({ data: [summary("a")], next_page: "p1" });
    await flush();
    store.getState().actions.loadMoreConversations();
    transport.last().answer({ data: [summary("b")], next_page: "p1" });
    await flush();
    expect(store.getState().conversations.nextPage).toBeNull();
  });

  it("never shows one tenant's conversations under another: a listing for the previous tenant is dropped", async () => {
    const transport = new ListingTransport();
    const store = createTracyStore({ transport, tenantId: "acme" });
    const { actions } = store.getState();
    actions.refreshConversations();
    const acmeListing = transport.last();
    actions.setContext({ tenantId: "globex", traceId: null });
    // The old listing is aborted, and its answer (a late packet) is dropped all the same.
    expect(acmeListing.signal.aborted).toBe(true);
    acmeListing.answer({ data: [summary("acme-secret")], next_page: null });
    await flush();
    expect(store.getState().conversations).toMatchObject({ tenantId: "globex", status: "idle", items: [] });

    actions.refreshConversations();
    expect(transport.last().ctx.tenantId).toBe("globex");
    transport.last().answer({ data: [summary("globex-1")], next_page: null });
    await flush();
    expect(store.getState().conversations.items.map((c) => c.id)).toEqual(["globex-1"]);

    // Back to acme: an empty list again, never globex's.
    actions.setContext({ tenantId: "acme", traceId: null });
    expect(store.getState().conversations).toMatchObject({ tenantId: "acme", items: [] });
  });

  it("a failure of the old tenant's listing doesn't mark the new tenant's list as failed", async () => {
    const transport = new ListingTransport();
    const store = createTracyStore({ transport, tenantId: "acme" });
    store.getState().actions.refreshConversations();
    const old = transport.last();
    store.getState().actions.setContext({ tenantId: "globex", traceId: null });
    old.fail(new TracyHttpError(500, "boom"));
    await flush();
    expect(store.getState().conversations).toMatchObject({ tenantId: "globex", status: "idle", error: null });
  });

  it.each([404, 405])(
    "a backend that answers %i has no list: none is offered, and it isn't asked again",
    async (status) => {
      const transport = new ListingTransport();
      const store = createTracyStore({ transport, tenantId: "acme" });
      store.getState().actions.refreshConversations();
      transport.last().fail(new TracyHttpError(status, "Not found"));
      await flush();
      expect(store.getState().conversations.status).toBe("unsupported");
      store.getState().actions.refreshConversations();
      expect(transport.listings).toHaveLength(1);
    },
  );

  it("a transport without listSessions offers no list", () => {
    const store = createTracyStore({ transport: new FakeTransport(), tenantId: "acme" });
    store.getState().actions.refreshConversations();
    expect(store.getState().conversations.status).toBe("unsupported");
  });

  it("other failures keep what was listed, say so, and can be tried again", async () => {
    const transport = new ListingTransport();
    const store = createTracyStore({ transport, tenantId: "acme" });
    const { actions } = store.getState();
    actions.refreshConversations();
    transport.last().answer({ data: [summary("s1")], next_page: null });
    await flush();
    actions.refreshConversations();
    transport.last().fail(new TracyHttpError(503, "Unavailable"));
    await flush();
    expect(store.getState().conversations).toMatchObject({
      status: "failed",
      items: [{ id: "s1" }],
      error: { kind: "unavailable", status: 503 },
    });
    actions.refreshConversations();
    expect(store.getState().conversations).toMatchObject({ status: "loading", error: null });
  });

  it("opening a listed conversation loads its history through the stream and history machinery", async () => {
    const transport = new ListingTransport();
    transport.history["sesn_old"] = [
      {
        type: "user.message",
        id: eventId("7:1"),
        content: text("Why is checkout slow?"),
        processed_at: "2026-03-02T14:00:00Z",
      },
      {
        type: "system.message",
        id: eventId("7:2"),
        content: text(
          "Context from the ClawTrace host for this turn. tenant_id: acme. trace_id: 4bf92f. Scope every query.",
        ),
      },
      ...agentTurn(3, "Because of payments-db.", 7),
    ];
    const onSessionChange = vi.fn();
    const store = createTracyStore({ transport, tenantId: "acme", onSessionChange: () => onSessionChange });
    store.getState().actions.openSession("sesn_old");
    expect(onSessionChange).toHaveBeenCalledWith("sesn_old");
    transport.lastStream().open();
    await settle();
    const { transcript } = store.getState();
    const question = transcript.items.get(eventId("7:1"));
    expect(question).toMatchObject({ role: "user", traceId: "4bf92f" });
    expect(transcript.items.get(eventId("7:4"))).toMatchObject({ text: "Because of payments-db." });
    expect(transport.lists.at(-1)).toMatchObject({ sessionId: "sesn_old", ctx: { tenantId: "acme" } });
  });
});

/** A fake transport whose history listing the test writes. */
function withListEvents(listEvents: TracyTransport["listEvents"]): TracyTransport {
  const fake = new FakeTransport();
  return {
    createSession: (...args) => fake.createSession(...args),
    sendEvents: (ctx, sessionId, events, key) => fake.sendEvents(ctx, sessionId, events, key),
    streamEvents: (...args) => fake.streamEvents(...args),
    listEvents,
  };
}

describe("event log export", () => {
  it("lists every history page as received, big integers exact", async () => {
    const big = "1311768467463790321";
    const pages: Record<string, { data: unknown[]; next_page: string | null }> = {
      start: { data: [{ type: "user.message", id: "e1", content: text("hi") }], next_page: "p2" },
      p2: { data: [{ type: "agent.future_thing", id: "e2", span_id: new ExactInteger(big) }], next_page: null },
    };
    const transport = withListEvents(
      async (_ctx, _id, page) => pages[page.page ?? "start"] ?? { data: [], next_page: null },
    );
    const store = createTracyStore({ transport, tenantId: "acme", sessionId: "sesn_1" });
    const log = await store.getState().actions.exportEventLog();
    expect(log).toHaveLength(2);
    expect(String((log[1] as { span_id: ExactInteger }).span_id)).toBe(big);
  });

  it("refuses without a session, and stops when the tenant changes meanwhile", async () => {
    const empty = createTracyStore({ transport: new FakeTransport(), tenantId: "acme" });
    await expect(empty.getState().actions.exportEventLog()).rejects.toThrow();

    let release!: () => void;
    const transport = withListEvents(
      (_ctx, _id, _page, signal) =>
        new Promise((resolve, reject) => {
          release = () =>
            signal.aborted ? reject(new DOMException("Aborted", "AbortError")) : resolve({ data: [], next_page: null });
        }),
    );
    const store = createTracyStore({ transport, tenantId: "acme", sessionId: "sesn_1" });
    const exported = store.getState().actions.exportEventLog();
    store.getState().actions.setContext({ tenantId: "globex", traceId: null });
    release();
    await expect(exported).rejects.toMatchObject({ name: "AbortError" });
  });
});
