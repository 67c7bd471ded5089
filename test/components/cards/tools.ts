import type { ContentBlock } from "../../../src/protocol/events";
import type { ToolItem, ToolResult } from "../../../src/protocol/transcript";
import { createOpaqueIds } from "../../helpers/opaque-ids";

const eventId = createOpaqueIds(3);

export const GOOD_QUERY = `MATCH (s:Span {tenant_id: $tenant})-[:CHILD_OF*1..3]->(root:Span {tenant_id: $tenant})
WHERE s.trace_id = $trace
RETURN elementId(s) AS span_id, s.service AS service, s.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 10`;

export function tool(overrides: Partial<ToolItem> = {}): ToolItem {
  return {
    kind: "tool",
    id: eventId("tool use"),
    source: "mcp",
    name: "run_cypher",
    serverName: "puppygraph",
    input: { query: GOOD_QUERY, params: { tenant: "acme", trace: "t1" } },
    permission: "allow",
    at: null,
    result: null,
    confirmation: null,
    ...overrides,
  };
}

export function result(content: ContentBlock[] | string, overrides: Partial<ToolResult> = {}): ToolResult {
  const blocks: ContentBlock[] = typeof content === "string" ? [{ type: "text", text: content }] : content;
  return { id: eventId("tool result"), content: blocks, isError: false, at: null, ...overrides };
}

export function jsonResult(value: unknown, overrides: Partial<ToolResult> = {}): ToolResult {
  return result(JSON.stringify(value), overrides);
}

export function manyRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    span_id: `4:abc:${i}`,
    service: `svc-${i % 7}`,
    duration_ms: count - i,
  }));
}
