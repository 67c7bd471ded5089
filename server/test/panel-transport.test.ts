import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, tokenFor, unique, type Stack } from "./helpers/stack.js";

/** The slice of the panel's transport (src/transport) this test drives. */
interface PanelTransport {
  createSession(ctx: Ctx, signal: AbortSignal): Promise<{ id: string }>;
  listEvents(
    ctx: Ctx,
    id: string,
    page: { limit?: number; page?: string | null },
    signal: AbortSignal,
  ): Promise<{ data: unknown[]; next_page: string | null }>;
  sendEvents(ctx: Ctx, id: string, events: unknown[], key: string, signal: AbortSignal): Promise<{ data: unknown[] }>;
  streamEvents(
    ctx: Ctx,
    id: string,
    options: {
      lastEventId: string | null;
      signal: AbortSignal;
      onEvent(event: unknown, sseId: string | undefined): void;
    },
  ): Promise<void>;
}
interface Ctx {
  tenantId: string;
  traceId: string | null;
}

// Loaded at run time, so the server's type check (NodeNext) does not compile the panel's sources (Bundler).
const PANEL_TRANSPORT = new URL("../../src/transport/http-transport.ts", import.meta.url).pathname;

let stack: Stack;
const saved = { window: Reflect.get(globalThis, "window"), document: Reflect.get(globalThis, "document") };
beforeAll(async () => {
  stack = await startStack();
  // fetch-event-source reaches for window timers and the document's visibility; Node has neither.
  Reflect.set(globalThis, "window", globalThis);
  Reflect.set(globalThis, "document", { hidden: false, addEventListener() {}, removeEventListener() {} });
});
afterAll(async () => {
  Reflect.set(globalThis, "window", saved.window);
  Reflect.set(globalThis, "document", saved.document);
  await stack?.close();
});

describe("the panel's own HTTP transport against the server", () => {
  it("creates a session, streams, sends and pages the history as protocol v1 says", async () => {
    const { createHttpTransport } = (await import(/* @vite-ignore */ PANEL_TRANSPORT)) as {
      createHttpTransport(config: { baseUrl: string; headers: () => Promise<Record<string, string>> }): PanelTransport;
    };
    const user = unique("panel");
    const token = await tokenFor(user, ["acme"]);
    const transport = createHttpTransport({
      baseUrl: stack.base,
      headers: async () => ({ Authorization: `Bearer ${token}` }),
    });
    const ctx: Ctx = { tenantId: "acme", traceId: "trace-panel" };
    const abort = new AbortController();
    const { id } = await transport.createSession(ctx, abort.signal);

    const received: { event: Record<string, unknown>; sseId: string | undefined }[] = [];
    let idle: () => void = () => {};
    const sawIdle = new Promise<void>((resolve) => (idle = resolve));
    const streaming = transport.streamEvents(ctx, id, {
      lastEventId: null,
      signal: abort.signal,
      onEvent(event, sseId) {
        received.push({ event: event as Record<string, unknown>, sseId });
        if ((event as { type?: string }).type === "session.status_idle") idle();
      },
    });
    await new Promise<void>((resolve) => {
      const check = () => (stack.running.server.live.tail(id)?.connected ? resolve() : setTimeout(check, 5));
      check();
    });
    const sent = await transport.sendEvents(
      ctx,
      id,
      [{ type: "user.message", content: [{ type: "text", text: "From the panel" }] }],
      "panel-key-1",
      abort.signal,
    );
    expect(sent.data).toHaveLength(1);
    await sawIdle;
    abort.abort();
    await streaming.catch(() => undefined);

    const persisted = received.filter((r) => r.sseId !== undefined);
    expect(persisted.every((r) => /^\d+$/.test(r.sseId!))).toBe(true);
    expect(received.some((r) => r.event["type"] === "event_delta" && r.sseId === undefined)).toBe(true);

    const history: unknown[] = [];
    let page: string | null = null;
    do {
      const result = await transport.listEvents(ctx, id, { limit: 3, page }, new AbortController().signal);
      history.push(...result.data);
      page = result.next_page;
    } while (page);
    expect(history.map((e) => (e as { id: string }).id)).toEqual(persisted.map((r) => r.event["id"]));
  });
});
