// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createHttpTransport } from "../../src/transport/http-transport";
import { TracyHttpError } from "../../src/transport/errors";
import { sessionSummaries } from "../../src/transport/session-summaries";
import { mulberry32 } from "../helpers/rng";

const ctx = { tenantId: "acme", traceId: "4bf92f" };

function transportAnswering(status: number, body: string, seen: Request[] = []) {
  return createHttpTransport({
    baseUrl: "https://tracy.example/api/tracy?v=1",
    headers: { Authorization: "Bearer t" },
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      return new Response(body, { status, headers: { "Content-Type": "application/json" } });
    },
  });
}

describe("GET /sessions", () => {
  it("asks for the tenant's conversations with the page and the tenant header, and reads tracy-server's shape", async () => {
    const seen: Request[] = [];
    const body = JSON.stringify({
      data: [
        {
          id: "tsn_2",
          type: "session",
          tenant_id: "acme",
          trace_id: "4bf92f",
          title: "Why is checkout slow?",
          created_at: "2026-03-02T14:00:00.000Z",
        },
        {
          id: "tsn_1",
          type: "session",
          tenant_id: "acme",
          trace_id: null,
          title: null,
          created_at: "2026-03-01T09:00:00Z",
        },
      ],
      next_page: "tsn_1",
    });
    const page = await transportAnswering(200, body, seen).listSessions!(
      ctx,
      { limit: 20, page: "tsn_3" },
      new AbortController().signal,
    );
    expect(seen[0]?.url).toBe("https://tracy.example/api/tracy/sessions?v=1&limit=20&page=tsn_3");
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.headers.get("x-tenant-id")).toBe("acme");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer t");
    expect(page).toEqual({
      data: [
        { id: "tsn_2", title: "Why is checkout slow?", traceId: "4bf92f", createdAt: "2026-03-02T14:00:00.000Z" },
        { id: "tsn_1", title: null, traceId: null, createdAt: "2026-03-01T09:00:00Z" },
      ],
      next_page: "tsn_1",
    });
  });

  it.each([404, 405])("a backend without the list answers %i: a TracyHttpError with that status", async (status) => {
    const call = transportAnswering(status, '{"type":"error","error":{"type":"not_found_error","message":"nope"}}')
      .listSessions!(ctx, {}, new AbortController().signal);
    await expect(call).rejects.toBeInstanceOf(TracyHttpError);
    await expect(call).rejects.toMatchObject({ status });
  });

  it("skips entries it can't use and tidies the rest", () => {
    const long = "x".repeat(5000);
    expect(
      sessionSummaries({
        data: [
          null,
          "tsn_str",
          { id: 42 },
          { id: "" },
          { id: "tsn_a", title: "  two\n\nlines  ", created_at: "not a date", trace_id: 7 },
          { id: "tsn_a", title: "duplicate" },
          { id: "tsn_b", title: long, created_at: "2026-03-01T09:00:00Z" },
          { id: long },
        ],
        next_page: 12,
      }),
    ).toEqual({
      data: [
        { id: "tsn_a", title: "two lines", traceId: null, createdAt: null },
        { id: "tsn_b", title: `${"x".repeat(199)}…`, traceId: null, createdAt: "2026-03-01T09:00:00Z" },
      ],
      next_page: null,
    });
  });

  it("whatever the backend sends, the list is well formed (2,000 generated bodies)", () => {
    const random = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const values = [
      null,
      undefined,
      0,
      -1,
      1e308,
      "",
      "tsn_x",
      "2026-01-01T00:00:00Z",
      "<img src=x onerror=alert(1)>",
      [],
      {},
      true,
      "\u0000",
      "x".repeat(300),
    ];
    const anyValue = (depth = 0): unknown =>
      depth < 2 && random() < 0.2
        ? Object.fromEntries(
            ["id", "title", "trace_id", "created_at", "__proto__"].map((k) => [k, anyValue(depth + 1)]),
          )
        : pick(values);
    for (let i = 0; i < 2000; i++) {
      const body =
        random() < 0.1
          ? anyValue()
          : { data: Array.from({ length: Math.floor(random() * 6) }, () => anyValue()), next_page: anyValue() };
      const page = sessionSummaries(body);
      const ids = page.data.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of page.data) {
        expect(typeof c.id === "string" && c.id.length > 0 && c.id.length <= 200).toBe(true);
        expect(c.title === null || (typeof c.title === "string" && c.title.length <= 200)).toBe(true);
        expect(c.createdAt === null || Number.isFinite(Date.parse(c.createdAt))).toBe(true);
      }
      expect(page.next_page === null || typeof page.next_page === "string").toBe(true);
    }
  });
});
