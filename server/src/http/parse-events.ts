import type {
  BetaManagedAgentsUserCustomToolResultEventParams,
  BetaManagedAgentsUserInterruptEventParams,
  BetaManagedAgentsUserMessageEventParams,
  BetaManagedAgentsUserToolConfirmationEventParams,
} from "@anthropic-ai/sdk/resources/beta/sessions/events";
import { invalidRequest } from "../errors.js";

/** The events a browser may send. Anything else (a `system.message` above all) is refused. */
export type BrowserEvent =
  | BetaManagedAgentsUserMessageEventParams
  | BetaManagedAgentsUserInterruptEventParams
  | BetaManagedAgentsUserToolConfirmationEventParams
  | BetaManagedAgentsUserCustomToolResultEventParams;

const MAX_EVENTS = 20;
const MAX_TEXT = 100_000;
const MAX_ID = 256;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: unknown, what: string, max = MAX_TEXT): string {
  if (typeof v !== "string") throw invalidRequest(`${what} must be a string.`);
  if (v.length > max) throw invalidRequest(`${what} is longer than ${max} characters.`);
  if (v.includes("\u0000")) throw invalidRequest(`${what} must not contain NUL characters.`);
  return v;
}

function id(v: unknown, what: string): string {
  const s = text(v, what, MAX_ID);
  if (s === "") throw invalidRequest(`${what} must not be empty.`);
  return s;
}

function textBlocks(v: unknown, what: string): { type: "text"; text: string }[] {
  if (!Array.isArray(v)) throw invalidRequest(`${what} must be an array of text blocks.`);
  return v.map((block, i) => {
    if (!isObj(block) || block["type"] !== "text") throw invalidRequest(`${what}[${i}] must be a text block.`);
    return { type: "text" as const, text: text(block["text"], `${what}[${i}].text`) };
  });
}

/**
 * Validates `{"events": [...]}` and rebuilds each event from known fields only, so nothing the browser
 * adds reaches upstream. A `user.message` must come last: the tenant and trace context follows it.
 */
export function parseBrowserEvents(body: unknown): BrowserEvent[] {
  const events = isObj(body) ? body["events"] : undefined;
  if (!Array.isArray(events) || events.length === 0)
    throw invalidRequest('Expected {"events": [...]} with at least one event.');
  if (events.length > MAX_EVENTS) throw invalidRequest(`At most ${MAX_EVENTS} events per request.`);
  const parsed = events.map((event, i): BrowserEvent => {
    if (!isObj(event)) throw invalidRequest(`events[${i}] must be an object.`);
    const where = `events[${i}]`;
    switch (event["type"]) {
      case "user.message": {
        const content = textBlocks(event["content"], `${where}.content`);
        if (content.length === 0) throw invalidRequest(`${where}.content must not be empty.`);
        return { type: "user.message", content };
      }
      case "user.interrupt": {
        const thread = event["session_thread_id"];
        return thread === undefined || thread === null
          ? { type: "user.interrupt" }
          : { type: "user.interrupt", session_thread_id: id(thread, `${where}.session_thread_id`) };
      }
      case "user.tool_confirmation": {
        const result = event["result"];
        if (result !== "allow" && result !== "deny") throw invalidRequest(`${where}.result must be "allow" or "deny".`);
        const out: BetaManagedAgentsUserToolConfirmationEventParams = {
          type: "user.tool_confirmation",
          tool_use_id: id(event["tool_use_id"], `${where}.tool_use_id`),
          result,
        };
        const deny = event["deny_message"];
        if (deny !== undefined && deny !== null) {
          if (result !== "deny") throw invalidRequest(`${where}.deny_message is only allowed with "deny".`);
          out.deny_message = text(deny, `${where}.deny_message`);
        }
        return out;
      }
      case "user.custom_tool_result": {
        const out: BetaManagedAgentsUserCustomToolResultEventParams = {
          type: "user.custom_tool_result",
          custom_tool_use_id: id(event["custom_tool_use_id"], `${where}.custom_tool_use_id`),
        };
        if (event["content"] !== undefined) out.content = textBlocks(event["content"], `${where}.content`);
        const isError = event["is_error"];
        if (isError !== undefined && isError !== null) {
          if (typeof isError !== "boolean") throw invalidRequest(`${where}.is_error must be a boolean.`);
          out.is_error = isError;
        }
        return out;
      }
      default:
        throw invalidRequest(
          `${where}.type must be user.message, user.interrupt, user.tool_confirmation or user.custom_tool_result.`,
        );
    }
  });
  const messages = parsed.filter((e) => e.type === "user.message").length;
  if (messages > 1 || (messages === 1 && parsed[parsed.length - 1]?.type !== "user.message")) {
    throw invalidRequest("A request may carry one user.message, as its last event.");
  }
  return parsed;
}

/** The user's words as a session title: first line, collapsed, at most 80 characters. */
export function titleFrom(message: BetaManagedAgentsUserMessageEventParams): string {
  const first = message.content
    .map((b) => ("text" in b ? b.text : ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return first.length > 80 ? `${first.slice(0, 79)}…` : first;
}
