import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/helpers/rng.js";
import { TracyClient } from "./helpers/client.js";
import { openSse } from "./helpers/sse-reader.js";
import { startStack, type Stack } from "./helpers/stack.js";

let stack: Stack;
let owner: TracyClient;
let sessionId: string;

beforeAll(async () => {
  stack = await startStack();
  owner = new TracyClient(stack.base, { user: "ana", tenant: "tenant-a", tenants: ["tenant-a", "tenant-b"] });
  sessionId = await owner.createSession();
  const res = await owner.say(sessionId, "hello");
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await stack?.close();
});

/** Every route that names a session, as a function of the caller. */
const sessionRoutes: { name: string; call: (c: TracyClient, id: string) => Promise<Response> }[] = [
  { name: "GET events", call: (c, id) => c.request("GET", `/sessions/${encodeURIComponent(id)}/events`) },
  { name: "POST events", call: (c, id) => c.say(id, "let me in") },
  { name: "POST interrupt", call: (c, id) => c.send(id, [{ type: "user.interrupt" }]) },
  {
    name: "GET stream",
    call: async (c, id) => {
      const res = await fetch(`${c.base}/sessions/${encodeURIComponent(id)}/events/stream`, {
        headers: await c.headers(),
      });
      await res.body?.cancel();
      return res;
    },
  },
];

describe("tenant and user enforcement", () => {
  it("hides a session of tenant A under tenant B, and from another user of tenant A, on every route", async () => {
    const sameUserOtherTenant = new TracyClient(stack.base, {
      user: "ana",
      tenant: "tenant-b",
      tenants: ["tenant-a", "tenant-b"],
    });
    const otherUserSameTenant = new TracyClient(stack.base, { user: "bob", tenant: "tenant-a" });
    const sendsBefore = stack.sim.callsOf("events.send").length;
    for (const intruder of [sameUserOtherTenant, otherUserSameTenant]) {
      for (const route of sessionRoutes) {
        const res = await route.call(intruder, sessionId);
        expect(res.status, `${route.name} as ${intruder.who.user}@${intruder.who.tenant}`).toBe(404);
      }
      const list = (await (await intruder.request("GET", "/sessions")).json()) as { data: { id: string }[] };
      expect(list.data.map((s) => s.id)).not.toContain(sessionId);
    }
    expect(stack.sim.callsOf("events.send").length).toBe(sendsBefore);
    // The owner still sees it, and checking ownership never asks upstream.
    const callsBefore = stack.sim.calls.length;
    for (let i = 0; i < 10; i++) expect((await sessionRoutes[0]!.call(owner, sessionId)).status).toBe(200);
    expect(stack.sim.calls.length).toBe(callsBefore);
  });

  it("refuses a tenant the token does not grant with 403, and a missing or bad token with 401", async () => {
    const stranger = new TracyClient(stack.base, { user: "eve", tenant: "tenant-a", tenants: ["tenant-z"] });
    expect((await stranger.request("GET", "/sessions")).status).toBe(403);
    expect((await stranger.request("POST", "/sessions", { tenant_id: "tenant-a" })).status).toBe(403);
    for (const route of sessionRoutes) expect((await route.call(stranger, sessionId)).status).toBe(403);
    const forged = await fetch(`${stack.base}/sessions`, {
      headers: { Authorization: "Bearer not.a.jwt", "X-Tenant-Id": "tenant-a" },
    });
    expect(forged.status).toBe(401);
    const body = (await forged.json()) as { type: string; error: { type: string } };
    expect(body.error.type).toBe("authentication_error");
  });

  it("lets none of 200 random cross-tenant attempts through", async () => {
    const rand = mulberry32(20261130);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const tenants = ["tenant-b", "tenant-c", "TENANT-A", "tenant-a ", "tenant-\u00e1", "tenant-a/..", "*"];
    const users = ["ana", "bob", "root", ""];
    const ids = [
      sessionId,
      sessionId.toUpperCase(),
      `${sessionId}/../${sessionId}`,
      `${sessionId}%00`,
      "tsn_" + "x".repeat(24),
      sessionId.slice(0, -1),
    ];
    let successes = 0;
    for (let i = 0; i < 200; i++) {
      const tenant = pick(tenants);
      const user = pick(users) || "anon";
      // The token grants the tenant it asks for (or both), but never owns tenant-a's session as that user in that tenant.
      const grants = rand() < 0.5 ? [tenant] : [tenant, "tenant-a"];
      const client = new TracyClient(stack.base, {
        user: user === "ana" && tenant.trim() === "tenant-a" ? "ana2" : user,
        tenant,
        tenants: grants,
      });
      const route = pick(sessionRoutes);
      const res = await route.call(client, pick(ids));
      if (res.status < 400) successes += 1;
      expect([400, 403, 404]).toContain(res.status);
    }
    expect(successes).toBe(0);
  });

  it("serves nothing of the session on the stream to the owner's other tenant", async () => {
    const other = new TracyClient(stack.base, { user: "ana", tenant: "tenant-b", tenants: ["tenant-a", "tenant-b"] });
    const reader = openSse(`${stack.base}/sessions/${sessionId}/events/stream`, await other.headers());
    await reader.opened;
    expect(reader.status).toBe(404);
    expect(reader.messages).toEqual([]);
  });
});
