import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/helpers/rng.js";
import { ProtocolError } from "../src/errors.js";
import { parseBrowserEvents, titleFrom } from "../src/http/parse-events.js";

/** Random JSON-ish values, biased toward the shapes the parser looks at. */
function hostile(rand: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (depth > 3 || r < 0.25)
    // eslint-disable-next-line no-loss-of-precision -- 1e309 is Infinity on purpose: hostile input
    return pick([null, 0, -1, 1e309, "", "user.message", "text", true, "\u0000", "x".repeat(200_000), undefined]);
  if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => hostile(rand, depth + 1));
  const keys = [
    "type",
    "content",
    "text",
    "tool_use_id",
    "result",
    "deny_message",
    "custom_tool_use_id",
    "is_error",
    "events",
    "id",
    "__proto__",
    "session_thread_id",
  ];
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
    const k = pick(keys);
    out[k] =
      k === "type"
        ? pick([
            "user.message",
            "user.interrupt",
            "user.tool_confirmation",
            "user.custom_tool_result",
            "system.message",
            "agent.message",
          ])
        : hostile(rand, depth + 1);
  }
  return out;
}

describe("parseBrowserEvents", () => {
  it("keeps only known fields of the four browser event types", () => {
    const parsed = parseBrowserEvents({
      events: [
        { type: "user.tool_confirmation", tool_use_id: "sevt_1", result: "deny", deny_message: "no", extra: "dropped" },
        {
          type: "user.custom_tool_result",
          custom_tool_use_id: "sevt_2",
          content: [{ type: "text", text: "[]", cache_control: {} }],
          is_error: false,
        },
        { type: "user.message", content: [{ type: "text", text: "hi" }], metadata: { role: "system" } },
      ],
    });
    expect(parsed).toEqual([
      { type: "user.tool_confirmation", tool_use_id: "sevt_1", result: "deny", deny_message: "no" },
      {
        type: "user.custom_tool_result",
        custom_tool_use_id: "sevt_2",
        content: [{ type: "text", text: "[]" }],
        is_error: false,
      },
      { type: "user.message", content: [{ type: "text", text: "hi" }] },
    ]);
  });

  it("answers any hostile body with a 400 or a clean list, never anything else (2,000 seeded cases)", () => {
    const rand = mulberry32(77);
    for (let i = 0; i < 2000; i++) {
      const body = rand() < 0.7 ? { events: hostile(rand) } : hostile(rand);
      try {
        const events = parseBrowserEvents(body);
        for (const e of events)
          expect(["user.message", "user.interrupt", "user.tool_confirmation", "user.custom_tool_result"]).toContain(
            e.type,
          );
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).status).toBe(400);
      }
    }
  });

  it("titles a session with the first message, collapsed and cut at 80 characters", () => {
    expect(titleFrom({ type: "user.message", content: [{ type: "text", text: "  Why   is\ncheckout slow? " }] })).toBe(
      "Why is checkout slow?",
    );
    const long = titleFrom({ type: "user.message", content: [{ type: "text", text: "a".repeat(200) }] });
    expect(long).toHaveLength(80);
    expect(long.endsWith("…")).toBe(true);
  });
});
