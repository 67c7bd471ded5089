import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManagedAgentsSimulator, type SimTurn } from "../simulator/index.js";

const turns: { userText: string; context: string | null }[] = [];
let interrupted = false;
/** An agent that says what it was given, or waits to be interrupted when asked to. */
const agent = async ({ session, userText, context, signal }: SimTurn): Promise<void> => {
  turns.push({ userText, context });
  if (userText === "wait") {
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    interrupted = true;
  } else {
    session.emit({ type: "agent.message", content: [{ type: "text", text: `heard: ${userText}` }] });
  }
  session.setStatus("idle", { type: "end_turn" });
};

const sim = new ManagedAgentsSimulator({ agent });
let client: Anthropic;
beforeAll(async () => {
  client = new Anthropic({ apiKey: "sk-ant-test", baseURL: await sim.start(), maxRetries: 0 });
});
afterAll(async () => {
  await sim.stop();
});

describe("Managed Agents simulator with its own agent", () => {
  it("hands each queued message and its context message to the agent, and interrupts it on user.interrupt", async () => {
    const session = await client.beta.sessions.create({ agent: "agent_x", environment_id: "env_x" });
    await client.beta.sessions.events.send(session.id, {
      events: [
        { type: "user.message", content: [{ type: "text", text: "hello" }] },
        { type: "system.message", content: [{ type: "text", text: "tenant_id: acme." }] },
      ],
    });
    const state = sim.sessions.get(session.id)!;
    await vi.waitFor(() => expect(state.events.some((e) => e.type === "agent.message")).toBe(true));
    expect(turns[0]).toEqual({ userText: "hello", context: "tenant_id: acme." });
    await vi.waitFor(() => expect(state.status).toBe("idle"));

    await client.beta.sessions.events.send(session.id, {
      events: [{ type: "user.message", content: [{ type: "text", text: "wait" }] }],
    });
    await vi.waitFor(() => expect(turns).toHaveLength(2));
    expect(turns[1]!.context).toBeNull();
    await client.beta.sessions.events.send(session.id, { events: [{ type: "user.interrupt" }] });
    await vi.waitFor(() => expect(interrupted).toBe(true));
    await vi.waitFor(() => expect(state.cancel).toBeNull());
  });
});
