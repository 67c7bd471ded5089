// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import { HUGE_MESSAGE_CHARS } from "../../dev/server/fault-events";
import { DemoApi, eventually, isFinalIdle } from "./demo-test-kit";

describe("demo server: streams, faults and interrupts", { timeout: 30_000 }, () => {
  let api: DemoApi;
  afterEach(() => api.server.close());

  it("closes the stream after N messages with ?fault=cut:N", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?event_deltas=agent.message&fault=cut:3");
    await api.say(id, "Why is checkout slow?");
    for (let i = 0; i < 3; i++) expect(await stream.next()).not.toBeNull();
    expect(await stream.next()).toBeNull();
    await eventually(() => api.server.backend.listenerCount() === 0, "cut stream unsubscribed");
  });

  it("sends a malformed message first with ?fault=malformed", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?fault=malformed");
    expect(await stream.next()).toEqual({ id: undefined, data: "{not json" });
    await api.say(id, "Why is checkout slow?");
    expect(await stream.nextEvent()).toMatchObject({ type: "system.message" });
    expect(await stream.nextEvent()).toMatchObject({ type: "user.message" });
    stream.close();
  });

  it("sends every event with an id twice with ?fault=duplicate", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?event_deltas=agent.message&fault=duplicate");
    await api.say(id, "Which schema should my queries use?");
    await stream.readUntil(isFinalIdle);
    await stream.nextEvent(); // the second copy of the idle status
    const withIds = stream.received.filter((m) => m.id !== undefined);
    for (let i = 0; i < withIds.length; i += 2) expect(withIds[i + 1]?.data).toBe(withIds[i]?.data);
    const { data } = await api.history(id);
    // In log order, once each after dedupe (the user message's queued echo is one more copy).
    expect([...new Set(withIds.map((m) => m.id))]).toEqual(data.map((e) => e.id));
    stream.close();
  });

  it("sends events again after later ones with ?fault=out-of-order", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?event_deltas=agent.message&fault=out-of-order");
    await api.say(id, "Which schema should my queries use?");
    const events = await stream.readUntil(isFinalIdle);
    const starts = events.flatMap((e, i) => (e.type === "event_start" ? [i] : []));
    // The schema turn streams three messages: a short reply, the lead to its query, the answer.
    expect(starts).toHaveLength(3);
    // Right after the second preview starts, everything before it comes again, first agent message included.
    const firstMessage = events.find((e) => e.type === "agent.message");
    const afterSecondStart = events.slice((starts[1] as number) + 1).filter((e) => e.type !== "event_delta");
    expect(afterSecondStart[0]).toEqual(events.find((e) => e.id !== undefined));
    expect(afterSecondStart).toContainEqual(firstMessage);
    const { data } = await api.history(id);
    const place = new Map(data.map((e, i) => [e.id, i]));
    const places = events.flatMap((e) => (e.id === undefined ? [] : [place.get(e.id) ?? -1]));
    expect(places.some((p, i) => p < Math.max(...places.slice(0, i)))).toBe(true);
    expect(new Set(places)).toEqual(new Set(data.map((_, i) => i)));
    stream.close();
  });

  it("adds an event of an unknown type with a fresh id after the first agent message with ?fault=unknown-event", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?fault=unknown-event");
    await api.say(id, "Which schema should my queries use?");
    const events = await stream.readUntil(isFinalIdle);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === "agent.future_thing")).toHaveLength(1);
    expect(types.indexOf("agent.future_thing")).toBeGreaterThan(types.indexOf("agent.message"));
    const future = events.find((e) => e.type === "agent.future_thing");
    expect(future?.id).toMatch(/^sevt_/);
    expect(events.filter((e) => e.id === future?.id)).toHaveLength(1);
    expect((await api.history(id)).data).toContainEqual(future);
    stream.close();
  });

  it("adds a 5 MB agent message after the first one with ?fault=huge-message", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id, "?fault=huge-message");
    await api.say(id, "Which schema should my queries use?");
    const messages = (await stream.readUntil(isFinalIdle)).filter((e) => e.type === "agent.message");
    const texts = messages.map((e) => (e.content as Array<{ text: string }>)[0]?.text ?? "");
    expect(texts.map((t) => t.length > 1000)).toEqual([false, true, false, false]);
    expect(texts[1]).toHaveLength(HUGE_MESSAGE_CHARS);
    expect(texts[1]).toMatch(/^\*\*A 5 MB reply\*\*/);
    const { data } = await api.history(id, "?limit=1000");
    expect(data.filter((e) => e.type === "agent.message")).toEqual(messages);
    stream.close();
  });

  it("sends Retry-After with a 429, 1 s unless X-Demo-Fault says otherwise", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const limited = (fault: string) =>
      api.fetch(`/sessions/${id}/events/stream`, { headers: { ...api.headers(), "X-Demo-Fault": fault } });
    const byDefault = await limited("status:429");
    expect([byDefault.status, byDefault.headers.get("retry-after")]).toEqual([429, "1"]);
    const longer = await limited("status:429;retry-after=3");
    expect([longer.status, longer.headers.get("retry-after")]).toEqual([429, "3"]);
    expect(await longer.json()).toMatchObject({ error: { type: "rate_limit_error" } });
    const unavailable = await limited("status:503");
    expect(unavailable.headers.get("retry-after")).toBeNull();
  });

  it("delivers to concurrent streams and cleans up closed ones", async () => {
    api = await DemoApi.start(0);
    const { backend } = api.server;
    const id = await api.createSession();
    const a = await api.stream(id);
    const b = await api.stream(id, "");
    await eventually(() => backend.listenerCount() === 2, "two listeners");
    await api.say(id, "Why is checkout slow?");
    const fromA = (await a.readUntil(isFinalIdle)).filter((e) => e.type !== "event_start" && e.type !== "event_delta");
    expect(await b.readUntil(isFinalIdle)).toEqual(fromA);
    a.close();
    await eventually(() => backend.listenerCount() === 1, "one listener left");
    b.close();
    await eventually(() => backend.listenerCount() === 0, "no listeners left");
    expect(backend.pendingTimerCount()).toBe(0);
  });

  it("drops every stream on backend.cutAllStreams()", async () => {
    api = await DemoApi.start(0);
    const id = await api.createSession();
    const stream = await api.stream(id);
    await eventually(() => api.server.backend.listenerCount() === 1, "subscribed");
    api.server.backend.cutAllStreams();
    expect(await stream.next()).toBeNull();
    await eventually(() => api.server.backend.listenerCount() === 0, "unsubscribed after cut");
  });

  it("stops a running turn on user.interrupt", async () => {
    api = await DemoApi.start(0);
    // Held mid-message, so the interrupt finds the turn running.
    api.server.backend.turnGate.close((turn) => turn.streamingMessage);
    const id = await api.createSession();
    const stream = await api.stream(id);
    await api.say(id, "Why is checkout slow?");
    await stream.readUntil((e) => e.type === "event_start");
    await eventually(() => api.server.backend.turnGate.heldCount === 1, "turn held mid-message");
    const interrupt = await api.post(id, [{ type: "user.interrupt" }]);
    expect(interrupt.status).toBe(200);
    const [persisted] = ((await interrupt.json()) as { data: Array<{ id: string; type: string }> }).data;
    const rest = await stream.readUntil(isFinalIdle);
    const types = rest.filter((e) => e.type !== "event_delta").map((e) => e.type);
    expect(types.slice(-4)).toEqual(["session.usage", "user.interrupt", "user.interrupt", "session.status_idle"]);
    expect(types).not.toContain("agent.mcp_tool_result");
    expect(types[0]).toBe("agent.message");
    // Like the upstream's may, the interrupt has no id (and so no SSE id): echoed queued, then processed.
    expect(persisted).toMatchObject({ type: "user.interrupt", id: "", processed_at: null });
    expect(rest.filter((e) => e.type === "user.interrupt").map((e) => [e.id, e.processed_at === null])).toEqual([
      ["", true],
      ["", false],
    ]);
    expect(rest.at(-1)).toMatchObject({ stop_reason: { type: "end_turn" } });
    expect(api.server.backend.pendingTimerCount()).toBe(0);
    const [next] = await api.say(id, "schema please");
    expect(await stream.nextEvent()).toEqual(next);
    stream.close();
  });

  it("sends a late subscriber only what comes next: no replay of the message being streamed", async () => {
    api = await DemoApi.start(0);
    api.server.backend.turnGate.close((turn) => turn.streamingMessage);
    const id = await api.createSession();
    const early = await api.stream(id);
    await api.say(id, "Why is checkout slow?");
    await early.readUntil((e) => e.type === "event_start");
    await eventually(() => api.server.backend.turnGate.heldCount === 1, "turn held mid-message");
    const late = await api.stream(id);
    await eventually(() => api.server.backend.listenerCount() === 2, "late subscriber listening");
    api.server.backend.turnGate.open();
    const first = await late.nextEvent();
    expect(first?.type).not.toBe("event_start");
    early.close();
    late.close();
  });

  it("catches a late subscriber up on the message being streamed with ?fault=resume", async () => {
    api = await DemoApi.start(1);
    const id = await api.createSession();
    const early = await api.stream(id);
    await api.say(id, "Why is checkout slow?");
    const start = (await early.readUntil((e) => e.type === "event_start")).at(-1);
    await early.readUntil((e) => e.type === "event_delta");
    const late = await api.stream(id, "?event_deltas=agent.message&fault=resume");
    const messageId = (start?.event as { id: string }).id;
    expect(await late.nextEvent()).toEqual(start);
    const caughtUp = await late.readUntil((e) => e.type === "agent.message");
    const text = caughtUp
      .filter((e) => e.type === "event_delta" && e.event_id === messageId)
      .map((e) => (e.delta as { content: { text: string } }).content.text)
      .join("");
    const final = caughtUp.at(-1);
    expect(final?.id).toBe(messageId);
    expect(text).toBe((final?.content as Array<{ text: string }>)[0]?.text);
    early.close();
    late.close();
  });
});
