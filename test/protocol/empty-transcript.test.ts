// @vitest-environment node
import { describe, expect, it } from "vitest";
import { EMPTY_TRANSCRIPT, foldEvents, type Transcript } from "../../src/core";
import { eventId, text } from "../helpers/fake-transport";

/** Every store and every fold starts from the one EMPTY_TRANSCRIPT: a write to it would leak into all of them. */
describe("EMPTY_TRANSCRIPT", () => {
  // Plain JavaScript (or a cast) can write where the types do not allow it: each write must throw.
  const loose = EMPTY_TRANSCRIPT as unknown as Record<string, Record<string, unknown> & unknown[]> & {
    items: Map<string, unknown>;
    log: Map<string, number>;
  };

  it("is frozen, and so is every container in it", () => {
    expect(Object.isFrozen(EMPTY_TRANSCRIPT)).toBe(true);
    for (const [key, value] of Object.entries(EMPTY_TRANSCRIPT)) {
      if (typeof value === "object" && value !== null) expect(Object.isFrozen(value), key).toBe(true);
    }
  });

  it("throws on writes to its fields, arrays, records and maps", () => {
    expect(() => {
      (EMPTY_TRANSCRIPT as { lastEventId: string | null }).lastEventId = "x";
    }).toThrow(TypeError);
    expect(() => loose.order!.push("x")).toThrow(TypeError);
    expect(() => loose.streamingIds!.push("x")).toThrow(TypeError);
    expect(() => {
      loose.status!.state = "running";
    }).toThrow(TypeError);
    expect(() => {
      loose.usage!.inputTokens = 1;
    }).toThrow(TypeError);
    expect(() => {
      loose.orphanResults!.x = {};
    }).toThrow(TypeError);
    expect(() => loose.items.set("x", {})).toThrow(TypeError);
    expect(() => loose.log.set("x", 0)).toThrow(TypeError);
    expect(() => loose.items.clear()).toThrow(TypeError);
    expect(() => loose.log.delete("x")).toThrow(TypeError);
    expect(EMPTY_TRANSCRIPT.items.size).toBe(0);
    expect(EMPTY_TRANSCRIPT.order).toEqual([]);
    expect(EMPTY_TRANSCRIPT.lastEventId).toBeNull();
  });

  it("folds into new, writable containers and stays empty", () => {
    const t: Transcript = foldEvents(EMPTY_TRANSCRIPT, [
      { type: "user.message", id: eventId("1:1"), content: text("hello") },
    ]);
    expect(t.order).toEqual([eventId("1:1")]);
    expect(t.items.size).toBe(1);
    expect(EMPTY_TRANSCRIPT.items.size).toBe(0);
    expect(EMPTY_TRANSCRIPT.log.size).toBe(0);
  });
});
