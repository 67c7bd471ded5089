import type { ContentBlock } from "../protocol/events";
import type { ToolItem, Transcript } from "../protocol/transcript";
import { stringifyJson } from "../protocol/exact-json";
import type { TracyRequestContext } from "../transport/types";
import { selectRequiredActions } from "./select-required-actions";

export interface ClientToolContext extends TracyRequestContext {
  /** Aborted when the tenant or session changes, or the panel unmounts. */
  signal: AbortSignal;
  toolUseId: string;
}

/**
 * Runs an `agent.custom_tool_use` in the browser. Return a string, content blocks, or any
 * JSON-serialisable value; throw to report an error to the agent.
 */
export type ClientToolHandler = (input: Record<string, unknown>, context: ClientToolContext) => unknown;

export type ClientTools = Readonly<Record<string, ClientToolHandler>>;

interface RunnerDeps {
  tools: () => ClientTools | undefined;
  ctx: () => TracyRequestContext;
  send: (sessionId: string, events: unknown[], key: string, signal: AbortSignal) => Promise<unknown>;
  onSendError: (tool: ToolItem, error: unknown) => void;
}

/**
 * Answers each client tool the agent is blocked on exactly once per panel: a set guards
 * re-renders and reconnects, the folded log guards reloads (answered tools are no longer
 * required), and a key derived from the tool use id lets the backend drop any duplicate.
 */
export function createClientToolRunner(deps: RunnerDeps) {
  const started = new Set<string>();

  async function answer(tool: ToolItem, sessionId: string, signal: AbortSignal) {
    const handler = deps.tools()?.[tool.name];
    let content: ContentBlock[];
    let isError = false;
    if (!handler) {
      content = [{ type: "text", text: `No client tool named “${tool.name}” is available in this app.` }];
      isError = true;
    } else {
      try {
        content = toContent(await handler(tool.input, { ...deps.ctx(), signal, toolUseId: tool.id }));
      } catch (error) {
        if (signal.aborted) return;
        content = [{ type: "text", text: error instanceof Error ? error.message : String(error) }];
        isError = true;
      }
    }
    if (signal.aborted) return;
    const event = {
      type: "user.custom_tool_result",
      custom_tool_use_id: tool.id,
      content,
      ...(isError ? { is_error: true } : {}),
    };
    try {
      await deps.send(sessionId, [event], `custom-tool-result:${tool.id}`, signal);
    } catch (error) {
      if (signal.aborted) return;
      started.delete(tool.id); // a later event or reconnect tries again, with the same key
      deps.onSendError(tool, error);
    }
  }

  return {
    run(transcript: Transcript, sessionId: string, signal: AbortSignal) {
      for (const action of selectRequiredActions(transcript)) {
        if (action.kind !== "client_tool" || started.has(action.tool.id)) continue;
        started.add(action.tool.id);
        void answer(action.tool, sessionId, signal);
      }
    },
    reset() {
      started.clear();
    },
  };
}

function toContent(value: unknown): ContentBlock[] {
  if (typeof value === "string") return [{ type: "text", text: value }];
  if (Array.isArray(value) && value.every((b) => typeof b === "object" && b !== null && "type" in b)) {
    return value as ContentBlock[];
  }
  // Ids the tool was given (exact integers) or computed (bigints) go back with all their digits.
  return [{ type: "text", text: stringifyJson(value ?? null) ?? "null" }];
}
