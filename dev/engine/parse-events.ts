import type { ContentBlock, OutgoingEvent, TextBlock } from "../../src/protocol/events";
import { isRecord } from "../../src/protocol/is-record";
import { invalidRequest } from "./errors";

const MAX_EVENTS_PER_REQUEST = 20;

/** Validates a client's `events` array into the shapes the backend accepts. */
export function parseIncomingEvents(raw: unknown): OutgoingEvent[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidRequest("events must be a non-empty array");
  if (raw.length > MAX_EVENTS_PER_REQUEST) throw invalidRequest(`at most ${MAX_EVENTS_PER_REQUEST} events per request`);
  return raw.map((value, index) => parseOne(value, `events.${index}`));
}

function parseOne(value: unknown, at: string): OutgoingEvent {
  if (!isRecord(value) || typeof value.type !== "string") throw invalidRequest(`${at}: expected an object with a type`);
  switch (value.type) {
    case "user.message": {
      const content = textBlocks(value.content, `${at}.content`);
      if (!content.some((block) => block.text.trim() !== "")) throw invalidRequest(`${at}.content: message is empty`);
      return { type: "user.message", content };
    }
    case "user.interrupt":
      return { type: "user.interrupt" };
    case "user.tool_confirmation": {
      const toolUseId = requireString(value.tool_use_id, `${at}.tool_use_id`);
      if (value.result !== "allow" && value.result !== "deny")
        throw invalidRequest(`${at}.result: expected "allow" or "deny"`);
      const event: OutgoingEvent = { type: "user.tool_confirmation", tool_use_id: toolUseId, result: value.result };
      if (typeof value.deny_message === "string") event.deny_message = value.deny_message;
      return event;
    }
    case "user.custom_tool_result": {
      const id = requireString(value.custom_tool_use_id, `${at}.custom_tool_use_id`);
      const event: OutgoingEvent = {
        type: "user.custom_tool_result",
        custom_tool_use_id: id,
        content: contentBlocks(value.content, `${at}.content`),
      };
      if (typeof value.is_error === "boolean") event.is_error = value.is_error;
      return event;
    }
    default:
      throw invalidRequest(`${at}.type: unsupported event type "${value.type}"`);
  }
}

function requireString(value: unknown, at: string): string {
  if (typeof value !== "string" || value === "") throw invalidRequest(`${at}: expected a non-empty string`);
  return value;
}

function textBlocks(value: unknown, at: string): TextBlock[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidRequest(`${at}: expected a non-empty array of text blocks`);
  return value.map((block, index) => {
    if (!isRecord(block) || block.type !== "text" || typeof block.text !== "string") {
      throw invalidRequest(`${at}.${index}: expected {"type":"text","text":string}`);
    }
    return { type: "text", text: block.text };
  });
}

function contentBlocks(value: unknown, at: string): ContentBlock[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidRequest(`${at}: expected an array of content blocks`);
  return value.map((block, index) => {
    if (!isRecord(block) || typeof block.type !== "string")
      throw invalidRequest(`${at}.${index}: expected a content block`);
    if (block.type === "text") {
      if (typeof block.text !== "string") throw invalidRequest(`${at}.${index}.text: expected a string`);
      return { type: "text", text: block.text };
    }
    return block as unknown as ContentBlock;
  });
}

export function textOfBlocks(blocks: readonly ContentBlock[] | undefined): string {
  return (blocks ?? []).flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n");
}
