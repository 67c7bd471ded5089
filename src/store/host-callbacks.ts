import type { StreamEvent, UnknownEvent } from "../protocol/events";
import type { ToolItem, Transcript } from "../protocol/transcript";
import type { TracyFeedback } from "./reply-feedback";

/** Where an event the panel folded came from: the session's history listing, or its live stream. */
export interface TracyEventInfo {
  source: "history" | "live";
}

/**
 * A persisted event as `onEvent` reports it, decoded: one of the session event types of
 * `@clawtrace/tracy-panel/core` (narrow on `type`), or one of a type this version does not know.
 */
export interface TracyHostEvent {
  type: string;
  id: string;
  processed_at?: string | null;
  readonly [field: string]: unknown;
}

/** A user message the panel accepted for sending. */
export interface TracySentMessage {
  text: string;
  /** The trace the user was looking at when they sent it. */
  traceId: string | null;
}

/**
 * What the host hears about, each at most once. Read on every call, so inline functions are fine;
 * whatever one throws is logged (`console.error`) and never reaches the panel.
 */
export interface TracyHostCallbacks {
  /**
   * Each persisted event the first time this panel folds it, history included (`source: "history"`):
   * once per event id for the life of the panel, however often history is listed again after reconnects.
   * Previews of messages still being written (`event_start`/`event_delta`) are not reported; their final event is.
   */
  onEvent?: ((event: TracyHostEvent, info: TracyEventInfo) => void) | undefined;
  /**
   * Once per user message, when it leaves for the backend: at once when `send` returned true, or, for a
   * message sent while Tracy answers, when it leaves the queue (one removed from the queue never fires).
   * Retries of it are not reported again.
   */
  onSend?: ((message: TracySentMessage) => void) | undefined;
  /** Once per tool call (built-in, MCP or client tool), when the panel first shows it. */
  onToolCall?: ((tool: ToolItem) => void) | undefined;
  /** Once per tool result, when the panel first shows it on its call. */
  onToolResult?: ((tool: ToolItem) => void) | undefined;
  /**
   * The user rated one of Tracy's replies (thumbs up or down, with an optional comment): once per change
   * they submit. Submitting the same rating and comment again does not fire.
   */
  onFeedback?: ((feedback: TracyFeedback) => void) | undefined;
}

type Folded = StreamEvent | UnknownEvent;

/** Calls a host callback; its failure is the host's, logged and kept away from the panel. */
export function callHost<A extends unknown[]>(
  name: string,
  callback: ((...args: A) => void) | undefined,
  ...args: A
): void {
  if (!callback) return;
  try {
    callback(...args);
  } catch (error) {
    console.error(`Tracy panel: the host's ${name} callback threw.`, error);
  }
}

const TOOL_USES = new Set(["agent.tool_use", "agent.mcp_tool_use", "agent.custom_tool_use"]);

/** The persisted event's id; previews have none. */
function idOf(event: Folded): string | null {
  const id = (event as { id?: unknown }).id;
  return typeof id === "string" ? id : null;
}

/** The tool call an event concerns: its own id for a tool use, the call it answers for a result. */
function toolIdOf(event: Folded): string | null {
  if (TOOL_USES.has(event.type)) return idOf(event);
  const e = event as { tool_use_id?: unknown; mcp_tool_use_id?: unknown; custom_tool_use_id?: unknown };
  const target = e.tool_use_id ?? e.mcp_tool_use_id ?? e.custom_tool_use_id;
  return event.type.endsWith("tool_result") && typeof target === "string" ? target : null;
}

function isPreview(event: Folded): boolean {
  return event.type === "event_start" || event.type === "event_delta";
}

/**
 * Tells the host what was folded, once per event id, tool call and tool result for the life of the
 * store: history listed again after a reconnect folds as a no-op and is not reported again.
 */
export function createHostReports(callbacks: () => TracyHostCallbacks | undefined) {
  const events = new Set<string>();
  const calls = new Set<string>();
  const results = new Set<string>();
  return {
    folded(batch: readonly Folded[], transcript: Transcript, source: TracyEventInfo["source"]): void {
      // Recorded even while the host listens to nothing, so a callback added later hears only what is new.
      const host = callbacks() ?? {};
      const tools: string[] = [];
      for (const event of batch) {
        const id = idOf(event);
        if (isPreview(event) || id === null || events.has(id)) continue;
        events.add(id);
        callHost("onEvent", host.onEvent, event as unknown as TracyHostEvent, { source });
        const toolId = toolIdOf(event);
        if (toolId !== null) tools.push(toolId);
      }
      for (const id of tools) {
        const item = transcript.items.get(id);
        if (item?.kind !== "tool") continue;
        if (!calls.has(id)) {
          calls.add(id);
          callHost("onToolCall", host.onToolCall, item);
        }
        if (item.result && !results.has(id)) {
          results.add(id);
          callHost("onToolResult", host.onToolResult, item);
        }
      }
    },
    sent(message: TracySentMessage): void {
      callHost("onSend", callbacks()?.onSend, message);
    },
  };
}
