import { describe, expect, it } from "vitest";
import { foldEvents } from "../../src/protocol/fold";
import { EMPTY_TRANSCRIPT, type ToolItem } from "../../src/protocol/transcript";
import type { StreamEvent } from "../../src/protocol/events";

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 14, 0, s)).toISOString();

const use = {
  type: "agent.mcp_tool_use",
  id: "tu1",
  name: "delete_saved_query",
  mcp_server_name: "clawtrace",
  input: {},
  evaluated_permission: "ask",
  processed_at: at(0),
} as StreamEvent;
const idle = {
  type: "session.status_idle",
  id: "idle1",
  stop_reason: { type: "requires_action", event_ids: ["tu1"] },
  processed_at: at(0),
} as StreamEvent;
const confirmation = (processedAt: string | null) =>
  ({
    type: "user.tool_confirmation",
    id: "c1",
    tool_use_id: "tu1",
    result: "allow",
    processed_at: processedAt,
  }) as StreamEvent;
const result = {
  type: "agent.mcp_tool_result",
  id: "r1",
  mcp_tool_use_id: "tu1",
  content: [{ type: "text", text: "deleted" }],
  processed_at: at(47),
} as StreamEvent;

const tool = (events: StreamEvent[]) => foldEvents(EMPTY_TRANSCRIPT, events).items.get("tu1") as ToolItem;

describe("tool durations", () => {
  it("a call that waited for approval is timed from the answer, not from the request: the person's 45 s are not the tool's", () => {
    // Asked at 0 s, allowed at 45 s, result at 47 s.
    expect(tool([use, idle, confirmation(at(45)), result]).durationMs).toBe(2_000);
  });

  it("live, the answer's queued echo has no time yet; its processed echo gives it", () => {
    const live = tool([use, idle, confirmation(null), confirmation(at(45)), result]);
    expect(live.confirmation?.at).toBe(at(45));
    expect(live.durationMs).toBe(2_000);
  });

  it("history and live fold to the same duration", () => {
    const history = tool([use, idle, confirmation(at(45)), result]);
    const live = [use, idle, confirmation(null), confirmation(at(45)), result].reduce(
      (t, e) => foldEvents(t, [e]),
      EMPTY_TRANSCRIPT,
    );
    expect((live.items.get("tu1") as ToolItem).durationMs).toBe(history.durationMs);
  });

  it("a call without approval is timed from its use; unknown timestamps give no duration", () => {
    const plain = { ...use, evaluated_permission: "allow" } as StreamEvent;
    expect(tool([plain, result]).durationMs).toBe(47_000);
    expect(tool([plain]).durationMs).toBeNull();
    expect(tool([{ ...plain, processed_at: null } as StreamEvent, result]).durationMs).toBeNull();
    // An approval the backend never timed: no duration rather than one that counts the wait.
    expect(tool([use, idle, confirmation(null), result]).durationMs).toBeNull();
    // A result stamped before its start (clock trouble upstream): no duration.
    expect(
      tool([plain, { ...result, processed_at: at(0).replace("14:00:00", "13:59:00") } as StreamEvent]).durationMs,
    ).toBeNull();
  });
});
