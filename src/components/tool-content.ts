import type { ContentBlock, MediaSource } from "../protocol/events";
import { parseJson, stringifyJson } from "../protocol/exact-json";
import { safeUrl } from "./markdown";

/** One content block of a tool result, ready to render. Nothing here loads a remote resource. */
export type ContentPart =
  | { kind: "text"; text: string }
  | { kind: "json"; text: string }
  | { kind: "image"; src: string; alt: string }
  | { kind: "link"; label: string; href: string }
  | { kind: "placeholder"; label: string }
  | { kind: "document"; title: string; text: string }
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
        return { kind: "placeholder", label: "Redacted content" };
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
    if (BASE64.test(data)) return { kind: "image", src: `data:${type};base64,${data}`, alt: `Image from the tool (${type})` };
  }
  return remotePart("Image", source, type);
}

function documentPart(source: MediaSource, title: string | null): ContentPart {
  const name = title?.trim() || "untitled";
  if (source.type === "text" && typeof source.data === "string") return { kind: "document", title: name, text: source.data };
  return remotePart(`Document “${name}”`, source, source.media_type?.toLowerCase() ?? "");
}

/** Media we do not load: a link (through `safeUrl`) when there is a URL, else a label. */
function remotePart(what: string, source: MediaSource, type: string): ContentPart {
  if (source.type === "url" && source.url) {
    const href = safeUrl(source.url);
    return href ? { kind: "link", label: `${what}: ${source.url}`, href } : { kind: "placeholder", label: `${what} (unsafe link removed)` };
  }
  if (source.type === "file" && source.file_id) return { kind: "placeholder", label: `${what} (file ${source.file_id}, not shown)` };
  const format = type === "application/pdf" ? "PDF" : type || source.type;
  return { kind: "placeholder", label: `${what} (${format}, not shown)` };
}
