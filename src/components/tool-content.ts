import type { ContentBlock, MediaSource } from "../protocol/events";
import { parseJson, stringifyJson } from "../protocol/exact-json";
import { safeUrl } from "./markdown";

/** Media a result holds but the card does not load: worded by the view (see `TracyLabels`). */
export type MediaName = { kind: "image" } | { kind: "document"; title: string | null };

/** One content block of a tool result, ready to render. Nothing here loads a remote resource. */
export type ContentPart =
  | { kind: "text"; text: string }
  | { kind: "json"; text: string }
  | { kind: "image"; src: string; mediaType: string }
  | { kind: "link"; media: MediaName; url: string; href: string }
  | { kind: "placeholder"; media: MediaName; reason: "unsafe-link" }
  | { kind: "placeholder"; media: MediaName; reason: "file"; fileId: string }
  | { kind: "placeholder"; media: MediaName; reason: "format"; format: string }
  | { kind: "redacted" }
  | { kind: "document"; title: string | null; text: string }
  | { kind: "search"; title: string; href: string; source: string; text: string };

/** Raster formats a browser decodes without running anything; SVG can carry script and is left out. */
const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function describeContent(content: readonly ContentBlock[]): ContentPart[] {
  return content.map((block): ContentPart => {
    switch (block.type) {
      case "text":
        return textPart(block.text);
      case "image":
        return imagePart(block.source);
      case "document":
        return documentPart(block.source, block.title ?? null);
      case "search_result":
        return {
          kind: "search",
          title: block.title,
          href: safeUrl(block.source),
          source: block.source,
          text: block.content.map((c) => c.text).join("\n"),
        };
      default:
        return { kind: "redacted" };
    }
  });
}

/** JSON text pretty-printed; anything else as it came. */
export function textPart(text: string): ContentPart {
  const pretty = prettyJson(text);
  return pretty === null ? { kind: "text", text } : { kind: "json", text: pretty };
}

export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return null;
  try {
    return stringifyJson(parseJson(trimmed), 2) ?? null;
  } catch {
    return null;
  }
}

function imagePart(source: MediaSource): ContentPart {
  const type = source.media_type?.toLowerCase() ?? "";
  if (source.type === "base64" && RASTER_TYPES.has(type) && source.data) {
    const data = source.data.replace(/\s+/g, "");
    if (BASE64.test(data)) return { kind: "image", src: `data:${type};base64,${data}`, mediaType: type };
  }
  return remotePart({ kind: "image" }, source, type);
}

function documentPart(source: MediaSource, title: string | null): ContentPart {
  const name = title?.trim() || null;
  if (source.type === "text" && typeof source.data === "string")
    return { kind: "document", title: name, text: source.data };
  return remotePart({ kind: "document", title: name }, source, source.media_type?.toLowerCase() ?? "");
}

/** Media we do not load: a link (through `safeUrl`) when there is a URL, else a label. */
function remotePart(media: MediaName, source: MediaSource, type: string): ContentPart {
  if (source.type === "url" && source.url) {
    const href = safeUrl(source.url);
    return href
      ? { kind: "link", media, url: source.url, href }
      : { kind: "placeholder", media, reason: "unsafe-link" };
  }
  if (source.type === "file" && source.file_id)
    return { kind: "placeholder", media, reason: "file", fileId: source.file_id };
  const format = type || source.type;
  return { kind: "placeholder", media, reason: "format", format };
}
