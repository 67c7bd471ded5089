// @vitest-environment node
import { describe, expect, it } from "vitest";
import { decodeEvent, EMPTY_TRANSCRIPT, foldEvents, type StreamEvent, type UnknownEvent } from "../../src/protocol";
import { mutate } from "../helpers/mutate";
import { mulberry32 } from "../helpers/rng";
import { validEvents } from "../helpers/valid-events";

function accept(value: unknown): StreamEvent | UnknownEvent {
  const decoded = decodeEvent(value);
  if (!decoded.ok) throw new Error(`rejected: ${JSON.stringify(decoded.reason)}`);
  return decoded.event;
}
const reject = (value: unknown) => {
  const decoded = decodeEvent(value);
  return decoded.ok ? null : decoded.reason;
};
const fold = (...values: unknown[]) => foldEvents(EMPTY_TRANSCRIPT, values.map(accept));
const text = (t: string) => [{ type: "text", text: t }];

describe("decodeEvent: shapes the fold and views can trust", () => {
  it("accepts every valid event unchanged in what the panel reads", () => {
    for (const event of validEvents()) expect(accept(event)).toMatchObject(event);
  });

  it("drops unreadable content blocks: a history message with content [null] shows its other blocks", () => {
    const t = fold({ type: "agent.message", id: "sevt_1_1", content: [null, 7, { text: "no type" }, ...text("kept")] });
    expect(t.items.get("sevt_1_1")).toMatchObject({ kind: "message", text: "kept", content: text("kept") });
  });

  it("a thread message without content folds as an empty message, and the rest of its batch is applied", () => {
    const t = fold(
      { type: "agent.thread_message_received", id: "sevt_1_1", from_session_thread_id: "sthr_1" },
      { type: "agent.message", id: "sevt_1_2", content: text("after") },
    );
    expect(t.items.get("sevt_1_1")).toMatchObject({
      kind: "thread_message",
      text: "",
      threadId: "sthr_1",
      agentName: null,
    });
    expect(t.items.get("sevt_1_2")).toMatchObject({ text: "after" });
  });

  it("fills in a session.error without a message or without an error at all", () => {
    expect(fold({ type: "session.error", id: "sevt_1_1", error: { type: "api_error" } }).items.get("sevt_1_1")).toEqual(
      {
        kind: "error",
        id: "sevt_1_1",
        errorType: "api_error",
        message: "",
        retry: null,
      },
    );
    const bare = fold({
      type: "session.error",
      id: "sevt_1_1",
      error: { message: 5, retry_status: { type: "later" } },
    });
    expect(bare.items.get("sevt_1_1")).toMatchObject({ errorType: "unknown_error", message: "5", retry: null });
    expect(accept({ type: "session.error", id: "sevt_1_2" })).toMatchObject({
      error: { type: "unknown_error", message: "" },
    });
  });

  it("normalises content blocks: text without text, search results without content, media without a source", () => {
    const event = accept({
      type: "agent.tool_result",
      id: "sevt_1_2",
      tool_use_id: "sevt_1_1",
      content: [
        { type: "text" },
        { type: "search_result", title: 3 },
        { type: "search_result", title: "t", source: "s", content: "plain" },
        { type: "image" },
        { type: "document", source: { type: "url", url: { href: "x" } }, title: ["t"] },
        { type: "thinking_v9", secret: "<b>" },
      ],
    });
    expect(event).toMatchObject({
      content: [
        { type: "text", text: "" },
        { type: "search_result", title: "3", source: "", content: [] },
        { type: "search_result", content: text("plain") },
        { type: "image", source: { type: "missing" } },
        { type: "document", source: { type: "url" }, title: null },
        { type: "thinking_v9" },
      ],
    });
    expect((event as { content: unknown[] }).content[5]).toEqual({ type: "thinking_v9" });
  });

  it("drops fields of a known value set that hold something else", () => {
    const use = accept({ type: "agent.tool_use", id: "sevt_1_1", name: "x", evaluated_permission: "sudo" });
    expect(use).not.toHaveProperty("evaluated_permission");
    expect(fold(use).items.get("sevt_1_1")).toMatchObject({ permission: null });
    const idle = accept({
      type: "session.status_idle",
      id: "sevt_1_2",
      stop_details: { type: "refusal", explanation: 3 },
    });
    expect(idle).toMatchObject({ stop_details: { type: "refusal", explanation: null } });
  });

  it("makes a tool result's string content one text block", () => {
    const t = fold(
      { type: "agent.tool_use", id: "sevt_1_1", name: "search" },
      { type: "agent.tool_result", id: "sevt_1_2", tool_use_id: "sevt_1_1", content: "found 3", is_error: "yes" },
    );
    expect(t.items.get("sevt_1_1")).toMatchObject({ input: {}, result: { content: text("found 3"), isError: false } });
  });

  it("a requires_action status without event_ids waits on nothing; bad ids are dropped", () => {
    expect(
      accept({ type: "session.status_idle", id: "sevt_1_1", stop_reason: { type: "requires_action" } }),
    ).toMatchObject({
      stop_reason: { type: "requires_action", event_ids: [] },
    });
    expect(
      accept({
        type: "session.status_idle",
        id: "sevt_1_1",
        stop_reason: { type: "requires_action", event_ids: ["a", 1, null, "__proto__"] },
      }),
    ).toMatchObject({ stop_reason: { event_ids: ["a"] } });
    expect(accept({ type: "session.status_idle", id: "sevt_1_1" })).toMatchObject({
      stop_reason: { type: "end_turn" },
    });
  });

  it("accepts user.interrupt without an id or with an empty one", () => {
    expect(accept({ type: "user.interrupt", id: "" })).toMatchObject({ type: "user.interrupt", id: "" });
    expect(accept({ type: "user.interrupt" })).toMatchObject({ type: "user.interrupt", id: "" });
    expect(() => fold({ type: "user.interrupt" }, { type: "user.interrupt", id: "" })).not.toThrow();
  });

  it("rejects what can't be made safe: no id, ids that name Object.prototype members, no tool name, a non-object input", () => {
    const missing = (type: string, field: string) => ({ code: "missing-field", type, field });
    const invalid = (type: string, field: string) => ({ code: "invalid-field", type, field });
    expect(reject({ type: "agent.message", content: text("x") })).toEqual(missing("agent.message", "id"));
    expect(reject({ type: "agent.message", id: "sevt_1_1" })).toEqual(missing("agent.message", "content"));
    expect(reject({ type: "agent.tool_use", id: "__proto__", name: "x" })).toEqual(missing("agent.tool_use", "id"));
    expect(reject({ type: "agent.tool_result", id: "sevt_1_2", tool_use_id: "constructor" })).toEqual(
      missing("agent.tool_result", "tool_use_id"),
    );
    expect(reject({ type: "agent.tool_use", id: "sevt_1_1", input: {} })).toEqual(missing("agent.tool_use", "name"));
    expect(reject({ type: "agent.tool_use", id: "sevt_1_1", name: "x", input: "MATCH (n)" })).toEqual(
      invalid("agent.tool_use", "input"),
    );
    expect(
      reject({ type: "user.tool_confirmation", id: "sevt_1_1", tool_use_id: "sevt_1_0", result: "maybe" }),
    ).toEqual(invalid("user.tool_confirmation", "result"));
    expect(reject({ type: "session.usage", id: "sevt_1_1" })).toEqual(missing("session.usage", "usage"));
    expect(reject({ type: "event_delta", event_id: "sevt_1_1", delta: { content: {} } })).toEqual(
      missing("event_delta", "delta.content.text"),
    );
    expect(reject({ type: "event_start", event: { id: "" } })).toEqual(missing("event_start", "event.id"));
    expect(reject([1])).toEqual({ code: "not-object" });
    expect(reject({ type: "" })).toEqual({ code: "no-type" });
  });

  it("gives reasons as codes with protocol names only, never English, whatever the input", () => {
    const rng = mulberry32(7);
    const seen = new Set<string>();
    for (const event of validEvents()) {
      for (let i = 0; i < 40; i++) {
        const reason = reject(mutate(event, rng));
        if (reason === null) continue;
        seen.add(reason.code);
        expect(["not-object", "no-type", "missing-field", "invalid-field", "malformed"]).toContain(reason.code);
        if ("field" in reason) expect(reason.field).toMatch(/^[a-z_.]+$/);
      }
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it("keeps an own __proto__ key a plain key, never the prototype", () => {
    const event = accept(
      JSON.parse('{"type":"agent.message","id":"sevt_1_1","content":[],"__proto__":{"polluted":true}}'),
    );
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("property: damaged events never break decoding or folding (seeded)", () => {
  it("decodeEvent never throws, and folding every accepted event never throws", () => {
    const valid = validEvents();
    for (let seed = 1; seed <= 400; seed++) {
      const random = mulberry32(seed);
      const batch = valid.map((event) => (random() < 0.5 ? mutate(event, random) : event));
      const accepted: (StreamEvent | UnknownEvent)[] = [];
      for (const raw of batch) {
        let decoded: ReturnType<typeof decodeEvent> | undefined;
        expect(() => (decoded = decodeEvent(raw)), `seed ${seed}`).not.toThrow();
        if (decoded?.ok) accepted.push(decoded.event);
      }
      expect(() => foldEvents(EMPTY_TRANSCRIPT, accepted), `seed ${seed}`).not.toThrow();
      // Folded one at a time (the live tail) and in reverse order (history after a reconnect), too.
      expect(() => accepted.reduce((t, e) => foldEvents(t, [e]), EMPTY_TRANSCRIPT), `seed ${seed}`).not.toThrow();
      expect(() => foldEvents(EMPTY_TRANSCRIPT, [...accepted].reverse()), `seed ${seed}`).not.toThrow();
    }
  });
});
