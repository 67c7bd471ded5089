import type { ContentBlock, OutgoingEvent } from "../protocol/events";
import type { ToolItem, Transcript } from "../protocol/transcript";
import { stringifyJson } from "../protocol/exact-json";
import type { TracyRequestContext } from "../transport/types";
import { requiredActionsOf } from "./select-required-actions";

/** A client tool's answer was computed, but the page closed before it was sent: the user sends it. */
export class AnswerUnsentError extends Error {
  override readonly name = "AnswerUnsentError";
  constructor() {
    super("Its answer was not sent before the page closed.");
  }
}

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

/** The answer to one client tool call, once its handler has run. */
export interface ClientToolAnswer {
  content: ContentBlock[];
  isError: boolean;
}

/**
 * Where the panel records which client tool calls it has taken on, so that a handler runs at most
 * once per call: across failures, reconnects and reloads (when the claims outlive the page).
 */
export interface ToolClaims {
  /** Claims the call; false if it was claimed before (by this panel or an earlier one). */
  claim(sessionId: string, toolUseId: string): boolean;
  /** The answer computed for a claimed call, kept so a retry sends the same body. */
  answer(sessionId: string, toolUseId: string): ClientToolAnswer | undefined;
  setAnswer(sessionId: string, toolUseId: string, answer: ClientToolAnswer): void;
}

/** Claims kept for the life of the store (the default). */
export function memoryToolClaims(): ToolClaims {
  const claims = new Map<string, ClientToolAnswer | null>();
  const key = (sessionId: string, toolUseId: string) => `${sessionId} ${toolUseId}`;
  return {
    claim(sessionId, toolUseId) {
      if (claims.has(key(sessionId, toolUseId))) return false;
      claims.set(key(sessionId, toolUseId), null);
      return true;
    },
    answer: (sessionId, toolUseId) => claims.get(key(sessionId, toolUseId)) ?? undefined,
    setAnswer: (sessionId, toolUseId, answer) => void claims.set(key(sessionId, toolUseId), answer),
  };
}

interface RunnerDeps {
  tools: () => ClientTools | undefined;
  claims: ToolClaims;
  ctx: () => TracyRequestContext;
  send: (sessionId: string, events: OutgoingEvent[], key: string, signal: AbortSignal) => Promise<unknown>;
  /** The answer could not be sent: the user may retry it (same body, same key). */
  onSendError: (tool: ToolItem, error: unknown) => void;
  /** A call claimed by an earlier panel that never got an answer computed (the page closed while it ran). */
  onOrphaned: (tool: ToolItem) => void;
}

/**
 * Answers each client tool the agent is blocked on at most once: a claim is taken before the
 * handler runs and never given back, a failed POST is retried only by the user with the body it
 * first had, and a key derived from the tool use id lets the backend drop any duplicate.
 */
export function createClientToolRunner(deps: RunnerDeps) {
  /** Calls this runner has looked at, so a claim is checked once per call. */
  const seen = new Set<string>();

  async function post(tool: ToolItem, sessionId: string, answer: ClientToolAnswer, signal: AbortSignal) {
    const event: OutgoingEvent = {
      type: "user.custom_tool_result",
      custom_tool_use_id: tool.id,
      content: answer.content,
      ...(answer.isError ? { is_error: true } : {}),
    };
    try {
      await deps.send(sessionId, [event], `custom-tool-result:${tool.id}`, signal);
    } catch (error) {
      if (!signal.aborted) deps.onSendError(tool, error);
    }
  }

  async function runHandler(tool: ToolItem, signal: AbortSignal): Promise<ClientToolAnswer | null> {
    const handler = deps.tools()?.[tool.name];
    if (!handler) {
      return {
        content: [{ type: "text", text: `No client tool named “${tool.name}” is available in this app.` }],
        isError: true,
      };
    }
    try {
      return {
        content: toContent(await handler(tool.input, { ...deps.ctx(), signal, toolUseId: tool.id })),
        isError: false,
      };
    } catch (error) {
      if (signal.aborted) return null;
      return {
        content: [{ type: "text", text: error instanceof Error ? error.message : String(error) }],
        isError: true,
      };
    }
  }

  async function answer(tool: ToolItem, sessionId: string, signal: AbortSignal) {
    const result = await runHandler(tool, signal);
    if (!result || signal.aborted) return;
    deps.claims.setAnswer(sessionId, tool.id, result);
    await post(tool, sessionId, result, signal);
  }

  return {
    run(transcript: Transcript, sessionId: string, signal: AbortSignal) {
      for (const action of requiredActionsOf(transcript)) {
        if (action.kind !== "client_tool" || seen.has(action.tool.id)) continue;
        seen.add(action.tool.id);
        if (deps.claims.claim(sessionId, action.tool.id)) {
          void answer(action.tool, sessionId, signal);
          continue;
        }
        // Claimed before this panel: never run again on its own. Its answer, if it was computed, waits
        // for the user to send it; if not, the user is told.
        const kept = deps.claims.answer(sessionId, action.tool.id);
        if (kept) deps.onSendError(action.tool, new AnswerUnsentError());
        else deps.onOrphaned(action.tool);
      }
    },
    /** Sends the answer again, as first computed; runs the handler only if there never was one. */
    retry(tool: ToolItem, sessionId: string, signal: AbortSignal) {
      const kept = deps.claims.answer(sessionId, tool.id);
      void (kept ? post(tool, sessionId, kept, signal) : answer(tool, sessionId, signal));
    },
    reset() {
      seen.clear();
    },
  };
}

const BLOCK_TYPES = new Set(["text", "image", "document", "search_result"]);

/** What a handler returned, as valid content blocks: anything else is sent as its JSON text. */
export function toContent(value: unknown): ContentBlock[] {
  if (typeof value === "string") return [{ type: "text", text: value }];
  if (Array.isArray(value) && value.length > 0 && value.every(isContentBlock)) return value as ContentBlock[];
  return [{ type: "text", text: jsonText(value) }];
}

function isContentBlock(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const block = value as Record<string, unknown>;
  if (typeof block.type !== "string" || !BLOCK_TYPES.has(block.type)) return false;
  if (block.type === "text") return typeof block.text === "string";
  if (block.type === "search_result") {
    return typeof block.title === "string" && typeof block.source === "string" && Array.isArray(block.content);
  }
  return typeof block.source === "object" && block.source !== null;
}

function jsonText(value: unknown): string {
  try {
    // Ids the tool was given (exact integers) or computed (bigints) go back with all their digits.
    return stringifyJson(value ?? null) ?? "null";
  } catch (error) {
    return `The tool's result could not be serialised: ${error instanceof Error ? error.message : String(error)}`;
  }
}
