import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManagedAgentsSimulator } from "../simulator/index.js";

const sim = new ManagedAgentsSimulator();
let client: Anthropic;
beforeAll(async () => {
  client = new Anthropic({ apiKey: "sk-ant-test", baseURL: await sim.start(), maxRetries: 0 });
});
afterAll(async () => {
  await sim.stop();
});

type Ev = { id: string; type: string; processed_at?: string | null };

describe("Managed Agents simulator, through the SDK", () => {
  it("creates sessions, echoes user events twice (queued, then processed) and lists oldest first in cursor pages", async () => {
    const session = await client.beta.sessions.create({
      agent: "agent_x",
      environment_id: "env_x",
      metadata: { tenant_id: "acme" },
    });
    expect(session.id).toMatch(/^sesn_011C[0-9A-Za-z]{21}$/);
    expect(sim.calls[0]!.headers["anthropic-beta"]).toContain("managed-agents-2026-04-01");
    const stream = await client.beta.sessions.events.stream(session.id, { event_deltas: ["agent.message"] });
    const seen: Ev[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        seen.push(event as Ev);
        if (event.type === "session.status_idle") break;
      }
    })();
    await vi.waitFor(() => expect(sim.sessions.get(session.id)!.streams.size).toBe(1));
    const sent = await client.beta.sessions.events.send(session.id, {
      events: [{ type: "user.message", content: [{ type: "text", text: "hi" }] }],
    });
    const userId = sent.data![0]!.id;
    expect(sent.data![0]!.processed_at).toBeNull();
    await reading;
    const copies = seen.filter((e) => e.id === userId);
    expect(copies.map((e) => e.processed_at === null)).toEqual([true, false]);
    expect(seen.some((e) => e.type === "event_delta")).toBe(true);

    const listed: Ev[] = [];
    for await (const e of client.beta.sessions.events.list(session.id, { limit: 2 })) listed.push(e as Ev);
    expect(listed.map((e) => e.id)).toEqual([
      ...new Set(seen.filter((e) => "id" in e && e.type !== "event_start").map((e) => e.id)),
    ]);
    expect(listed.some((e) => (e.type as string) === "event_delta")).toBe(false);
    expect(sim.callsOf("events.list").length).toBeGreaterThan(1);
    // Opaque ids: their order says nothing (a sorted copy differs from the real order, whp).
    const ids = listed.map((e) => e.id);
    expect([...ids].sort()).not.toEqual(ids);
  });

  it("replays nothing on a new stream, and fails on demand with Retry-After", async () => {
    const session = await client.beta.sessions.create({ agent: "agent_x", environment_id: "env_x" });
    await client.beta.sessions.events.send(session.id, {
      events: [{ type: "user.message", content: [{ type: "text", text: "hi" }] }],
    });
    await vi.waitFor(() => expect(sim.sessions.get(session.id)!.turn).toBeNull());
    const controller = new AbortController();
    const stream = await client.beta.sessions.events.stream(
      session.id,
      {},
      { signal: controller.signal, headers: { "Last-Event-ID": "anything" } },
    );
    const got: unknown[] = [];
    const reading = (async () => {
      for await (const e of stream) got.push(e);
    })();
    await vi.waitFor(() => expect(sim.sessions.get(session.id)!.streams.size).toBe(1));
    controller.abort();
    await reading;
    expect(got).toEqual([]);

    sim.failNext("events.send", { status: 429, retryAfter: "3" });
    const error = await client.beta.sessions.events
      .send(session.id, { events: [{ type: "user.interrupt" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(429);
    expect((error as InstanceType<typeof Anthropic.APIError>).headers?.get("retry-after")).toBe("3");
  });

  it("refuses a system.message that does not follow a user message, and answers for unknown tool uses", async () => {
    const session = await client.beta.sessions.create({ agent: "agent_x", environment_id: "env_x" });
    await expect(
      client.beta.sessions.events.send(session.id, {
        events: [{ type: "system.message", content: [{ type: "text", text: "x" }] }],
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      client.beta.sessions.events.send(session.id, {
        events: [{ type: "user.tool_confirmation", tool_use_id: "sevt_nope", result: "allow" }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
