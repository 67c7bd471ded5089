// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createTranscriptFolding } from "../../../src/store/transcript-folding";
import { PROCESSED_AT, eventId, text } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

describe("transcript folding", () => {
  it("folds events, lets delivered sends go, then reports the new transcript", () => {
    const state = memoryState({
      pending: [{ key: "k", text: "hi", traceId: null, status: "sent", eventIds: [eventId("u:1")], error: null }],
    });
    const onFolded = vi.fn();
    const { foldIn } = createTranscriptFolding({ state, onFolded });
    const batch = [
      { type: "user.message", id: eventId("u:1"), processed_at: PROCESSED_AT, content: text("hi") },
    ] as const;
    foldIn([...batch], "history");
    expect(state.get().transcript.order).toEqual([eventId("u:1")]);
    expect(state.get().pending).toEqual([]);
    expect(onFolded).toHaveBeenCalledWith(state.get().transcript, [...batch], "history");
  });

  it("does nothing for an empty batch", () => {
    const state = memoryState();
    const onFolded = vi.fn();
    createTranscriptFolding({ state, onFolded }).foldIn([]);
    expect(state.patches).toEqual([]);
    expect(onFolded).not.toHaveBeenCalled();
  });
});
