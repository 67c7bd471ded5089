import type { ContentBlock } from "../protocol/events";

export type ToolPayload =
  | { kind: "table"; columns: string[]; rows: Record<string, unknown>[]; elapsedMs: number | null }
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "media"; label: string };

/** Interprets a tool result's content blocks: JSON rows become a table, JSON a tree, the rest text. */
export function parseToolContent(content: readonly ContentBlock[]): ToolPayload[] {
  return content.map((block): ToolPayload => {
    if (block.type === "text") return parseText(block.text);
    if (block.type === "image") return { kind: "media", label: "Image (not shown)" };
    if (block.type === "document") return { kind: "media", label: `Document: ${block.title ?? "untitled"}` };
    if (block.type === "search_result") return { kind: "text", text: `${block.title}\n${block.source}` };
    return { kind: "media", label: "Redacted content" };
  });
}

function parseText(text: string): ToolPayload {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return { kind: "text", text };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { kind: "text", text };
  }
  const rows = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.rows) ? value.rows : null;
  if (rows && rows.length > 0 && rows.every(isRecord)) {
    const columns =
      isRecord(value) && Array.isArray(value.columns) && value.columns.every((c) => typeof c === "string")
        ? (value.columns as string[])
        : [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const elapsed = isRecord(value) && typeof value.elapsed_ms === "number" ? value.elapsed_ms : null;
    return { kind: "table", columns, rows, elapsedMs: elapsed };
  }
  return { kind: "json", value };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The Cypher (or other query) text in a tool input, if any. */
export function queryOf(input: Record<string, unknown>): string | null {
  for (const key of ["query", "cypher", "statement"]) {
    const v = input[key];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}

/** A cell value in a few characters: null stays distinct from the empty string. */
export function formatCell(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
