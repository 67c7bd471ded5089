import Anthropic from "@anthropic-ai/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManagedAgentsSimulator } from "../simulator/index.js";

type Ev = { id: string; type: string; processed_at?: string | null; stop_reason?: { type: string } | null };

const dirs: string[] = [];
const running: ManagedAgentsSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(stateFile: string) {
  const sim = new ManagedAgentsSimulator({ stateFile });
  running.push(sim);
  const client = new Anthropic({ apiKey: "sk-ant-test", baseURL: await sim.start(), maxRetries: 0 });
  return { sim, client };
}

async function list(client: Anthropic, sessionId: string): Promise<Ev[]> {
  const events: Ev[] = [];
  for await (const e of client.beta.sessions.events.list(sessionId)) events.push(e as Ev);
  return events;
}

const ask = (client: Anthropic, sessionId: string, text: string) =>
  client.beta.sessions.events.send(sessionId, {
    events: [{ type: "user.message", content: [{ type: "text", text }] }],
  });

describe("simulator state file", () => {
  it("keeps sessions and their events across a restart; a turn cut by the restart ends idle, and both take new messages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tracy-sim-state-"));
    dirs.push(dir);
    const file = join(dir, "simulator.json");

    const first = await start(file);
    const done = await first.client.beta.sessions.create({ agent: "agent_x", environment_id: "env_x" });
    await ask(first.client, done.id, "hi");
    await vi.waitFor(() => expect(first.sim.sessions.get(done.id)!.turn).toBeNull());
    const waiting = await first.client.beta.sessions.create({ agent: "agent_x", environment_id: "env_x" });
    await ask(first.client, waiting.id, "please delete the old spans");
    await vi.waitFor(() => expect(first.sim.sessions.get(waiting.id)!.blockers.size).toBe(1));
    const before = await list(first.client, done.id);
    const waitingBefore = await list(first.client, waiting.id);
    await first.sim.stop();
    running.splice(0);

    const second = await start(file);
    expect(await list(second.client, done.id)).toEqual(before);
    const waitingAfter = await list(second.client, waiting.id);
    expect(waitingAfter.slice(0, waitingBefore.length)).toEqual(waitingBefore);
    expect(waitingAfter.slice(waitingBefore.length)).toMatchObject([
      { type: "session.status_idle", stop_reason: { type: "end_turn" } },
    ]);

    for (const id of [done.id, waiting.id]) {
      await ask(second.client, id, "hi again");
      await vi.waitFor(() => expect(second.sim.sessions.get(id)!.turn).toBeNull());
      expect((await list(second.client, id)).at(-1)).toMatchObject({ type: "session.status_idle" });
    }
  });

  it("starts empty when the file is missing or unreadable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tracy-sim-state-"));
    dirs.push(dir);
    const { sim } = await start(join(dir, "missing.json"));
    expect(sim.sessions.size).toBe(0);
    const file = join(dir, "broken.json");
    (await import("node:fs")).writeFileSync(file, "{ not json");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const broken = await start(file);
    expect(broken.sim.sessions.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("unreadable state file"));
    warn.mockRestore();
  });
});
