import type { ContentBlock, MediaSource, TextBlock } from "./events";
import { defined, isRecord, stringOrNull, text } from "./decode-values";

/**
 * Content blocks as the views read them. Blocks that are not objects with a string `type` are
 * dropped; a known block gets every field the views read, with the right type (missing text is
 * empty, a missing media source says so); a block of a type this version does not know is kept
 * as `{ type }` only, which the views show as a placeholder.
 */
export function decodeBlocks(value: unknown): ContentBlock[] {
  if (!Array.isArray(value)) return [];
  const out: ContentBlock[] = [];
  for (const block of value) {
    const decoded = decodeBlock(block);
    if (decoded) out.push(decoded);
  }
  return out;
}

/**
 * A tool result's `content`, which some tools send as a bare string or a single block: made a
 * list of blocks. Absent stays absent (the fold reads it as no output).
 */
export function decodeResultContent(value: unknown): ContentBlock[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return decodeBlocks(value);
  if (isRecord(value)) return decodeBlocks([value]);
  return [{ type: "text", text: text(value) }];
}

function decodeBlock(block: unknown): ContentBlock | null {
  if (!isRecord(block) || typeof block.type !== "string" || block.type === "") return null;
  switch (block.type) {
    case "text":
      return { ...block, type: "text", text: text(block.text) };
    case "image":
      return { ...block, type: "image", source: mediaSource(block.source) };
    case "document":
      return { ...block, type: "document", source: mediaSource(block.source), title: stringOrNull(block.title) };
    case "search_result":
      return {
        ...block,
        type: "search_result",
        title: text(block.title),
        source: text(block.source),
        content: textBlocks(block.content),
      };
    default:
      // `redacted`, and types added upstream later: nothing of them is read but the type.
      return { type: block.type } as ContentBlock;
  }
}

function textBlocks(value: unknown): TextBlock[] {
  if (typeof value === "string") return [{ type: "text", text: value }];
  const out: TextBlock[] = [];
  for (const block of decodeBlocks(value)) if (block.type === "text") out.push(block);
  return out;
}

function mediaSource(value: unknown): MediaSource {
  if (!isRecord(value)) return { type: "missing" };
  return defined({
    type: text(value.type) || "missing",
    media_type: stringOrNull(value.media_type) ?? undefined,
    data: stringOrNull(value.data) ?? undefined,
    url: stringOrNull(value.url) ?? undefined,
    file_id: stringOrNull(value.file_id) ?? undefined,
  });
}
