import { describe, expect, it } from "vitest";
import { joinUrl } from "../../src/transport/backend-config";

describe("joinUrl", () => {
  it("puts the path before the base's query and keeps the query as written", () => {
    expect(joinUrl("/api/tracy?x=1", "/sessions")).toBe("/api/tracy/sessions?x=1");
    expect(joinUrl("/api/tracy?x=1", "/sessions/s1/events?limit=5&page=p2")).toBe(
      "/api/tracy/sessions/s1/events?x=1&limit=5&page=p2",
    );
    // A signed query is not re-encoded; the fragment is never sent.
    expect(
      joinUrl("https://tracy.example/api/?sig=a%2Fb==&t=1#top", "/sessions/s/events/stream?event_deltas=agent.message"),
    ).toBe("https://tracy.example/api/sessions/s/events/stream?sig=a%2Fb==&t=1&event_deltas=agent.message");
  });

  it("joins plain bases as before: one slash between, relative stays relative", () => {
    expect(joinUrl("/api/tracy", "/sessions")).toBe("/api/tracy/sessions");
    expect(joinUrl("/api/tracy///", "/sessions")).toBe("/api/tracy/sessions");
    expect(joinUrl("http://127.0.0.1:5173/api/tracy", "/sessions/a%2Fb/events")).toBe(
      "http://127.0.0.1:5173/api/tracy/sessions/a%2Fb/events",
    );
    expect(joinUrl("http://127.0.0.1:5173", "/sessions")).toBe("http://127.0.0.1:5173/sessions");
    expect(joinUrl("api/tracy", "/sessions")).toBe("api/tracy/sessions");
    expect(joinUrl("/", "/sessions")).toBe("/sessions");
    expect(joinUrl("//tracy.example/api", "/sessions")).toBe("//tracy.example/api/sessions");
  });
});
