// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoApi, TENANT } from "./demo-test-kit";

describe("demo server: sessions, tenancy and errors", { timeout: 20_000 }, () => {
  let api: DemoApi;
  beforeAll(async () => {
    api = await DemoApi.start(0);
  });
  afterAll(() => api.server.close());

  it("creates a session for the tenant", async () => {
    const response = await api.fetch("/sessions", {
      method: "POST",
      headers: api.headers(),
      body: JSON.stringify({ tenant_id: TENANT, trace_id: "trace-1" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "session", tenant_id: TENANT, trace_id: "trace-1" });
    expect(body.id).toMatch(/^sesn_\w{20,}$/);
    expect(typeof body.created_at).toBe("string");
  });

  it("requires X-Tenant-Id", async () => {
    const response = await api.fetch("/sessions", {
      method: "POST",
      body: JSON.stringify({ tenant_id: TENANT, trace_id: null }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("rejects a body tenant that differs from the header", async () => {
    const response = await api.fetch("/sessions", {
      method: "POST",
      headers: api.headers(),
      body: JSON.stringify({ tenant_id: "someone-else", trace_id: null }),
    });
    expect(response.status).toBe(400);
  });

  it("answers 404 for another tenant's session on every endpoint", async () => {
    const id = await api.createSession();
    const other = api.headers("globex");
    const list = await api.fetch(`/sessions/${id}/events`, { headers: other });
    expect(list.status).toBe(404);
    expect(await list.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const stream = await api.fetch(`/sessions/${id}/events/stream`, { headers: other });
    expect(stream.status).toBe(404);
    const post = await api.fetch(`/sessions/${id}/events`, {
      method: "POST",
      headers: { ...other, "Idempotency-Key": "k" },
      body: JSON.stringify({ events: [{ type: "user.interrupt" }] }),
    });
    expect(post.status).toBe(404);
    expect((await api.fetch(`/sessions/sesn_999_nope/events`, { headers: api.headers() })).status).toBe(404);
  });

  it("answers CORS preflight", async () => {
    const response = await api.fetch("/sessions", {
      method: "OPTIONS",
      headers: {
        Origin: "http://elsewhere.test",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-tenant-id, idempotency-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("idempotency-key");
  });

  it("validates posted events", async () => {
    const id = await api.createSession();
    const unknown = await api.post(id, [{ type: "user.hologram" }]);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const noKey = await api.fetch(`/sessions/${id}/events`, {
      method: "POST",
      headers: api.headers(),
      body: JSON.stringify({ events: [{ type: "user.interrupt" }] }),
    });
    expect(noKey.status).toBe(400);
    const stray = await api.post(id, [
      { type: "user.tool_confirmation", tool_use_id: "sevt_011CZkZGOp0iBcp4kaQSihUmy", result: "allow" },
    ]);
    expect(stray.status).toBe(400);
    expect((await api.history(id)).data).toEqual([]);
  });

  it("injects status faults from X-Demo-Fault", async () => {
    const overloaded = await api.fetch("/sessions", {
      method: "POST",
      headers: { ...api.headers(), "X-Demo-Fault": "status:503" },
      body: "{}",
    });
    expect(overloaded.status).toBe(503);
    expect(await overloaded.json()).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
    const id = await api.createSession();
    const limited = await api.fetch(`/sessions/${id}/events`, {
      headers: { ...api.headers(), "X-Demo-Fault": "status:429" },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ error: { type: "rate_limit_error" } });
    for (const [status, type] of [
      [401, "authentication_error"],
      [403, "permission_error"],
      [500, "api_error"],
    ] as const) {
      const response = await api.fetch(`/sessions/${id}/events/stream`, {
        headers: { ...api.headers(), "X-Demo-Fault": `status:${status}` },
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { type } });
    }
  });

  it("pages the history with an opaque cursor", async () => {
    const id = await api.createSession();
    const stream = await api.stream(id);
    await api.say(id, "Why is checkout slow in this trace?");
    await stream.readUntil((e) => e.type === "session.status_idle");
    stream.close();
    const all = await api.history(id);
    expect(all.next_page).toBeNull();
    const paged: unknown[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await api.history(id, `?limit=4${cursor ? `&page=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.data.length).toBeLessThanOrEqual(4);
      paged.push(...page.data);
      cursor = page.next_page;
    }
    expect(paged).toEqual(all.data);
    expect((await api.fetch(`/sessions/${id}/events?page=garbage`, { headers: api.headers() })).status).toBe(400);
  });
});
