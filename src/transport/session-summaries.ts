import { isRecord } from "../protocol/is-record";
import type { SessionPage, SessionSummary } from "./types";

/** Longest title kept: the backend shortens titles, but nothing it sends may bloat the panel. */
const MAX_TITLE = 200;
/** Ids the panel will put in a URL path: what a backend could plausibly mint. */
const MAX_ID = 200;

/**
 * A `GET /sessions` body, checked field by field: entries without a usable id are skipped, odd
 * titles or dates become null, so whatever the backend sends lists safely.
 */
export function sessionSummaries(body: unknown): SessionPage {
  const record = isRecord(body) ? body : {};
  const data: SessionSummary[] = [];
  const seen = new Set<string>();
  for (const raw of Array.isArray(record["data"]) ? record["data"] : []) {
    if (!isRecord(raw)) continue;
    const id = raw["id"];
    if (typeof id !== "string" || id === "" || id.length > MAX_ID || seen.has(id)) continue;
    seen.add(id);
    data.push({ id, title: title(raw["title"]), traceId: text(raw["trace_id"]), createdAt: date(raw["created_at"]) });
  }
  const next = record["next_page"];
  return { data, next_page: typeof next === "string" && next !== "" && data.length > 0 ? next : null };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" && value.length <= MAX_ID ? value : null;
}

function title(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat === "") return null;
  return flat.length > MAX_TITLE ? `${flat.slice(0, MAX_TITLE - 1)}…` : flat;
}

function date(value: unknown): string | null {
  return typeof value === "string" && value.length <= 64 && Number.isFinite(Date.parse(value)) ? value : null;
}
