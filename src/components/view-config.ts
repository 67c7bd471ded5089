import { createContext, useContext, type ComponentType } from "react";
import type { ToolItem } from "../protocol/transcript";

/** Props a custom tool renderer receives. */
export interface ToolRendererProps {
  /** The tool call to render, updated as its result arrives. */
  tool: ToolItem;
}

/** Custom cards by tool name, for the panel's `toolRenderers` prop. */
export type ToolRenderers = Readonly<Record<string, ComponentType<ToolRendererProps>>>;

/** The trace graph's conventions the Cypher card knows about. */
export interface CypherSettings {
  /** The node property scoping data to a tenant. */
  tenantProperty: string;
  /** The query parameter holding the tenant, without `$`. */
  tenantParameter: string;
  /** Node properties shown first on graph nodes. */
  captionKeys: readonly string[];
}

export const DEFAULT_CYPHER_SETTINGS: Readonly<CypherSettings> = Object.freeze({
  tenantProperty: "tenant_id",
  tenantParameter: "tenant",
  captionKeys: Object.freeze(["name", "service", "title", "operation", "trace_id", "span_id", "id"]),
});

export interface TracyViewConfig {
  /** Custom card per tool name; falls back to the built-in cards. */
  toolRenderers: ToolRenderers;
  /** Which tool calls get the Cypher card. */
  isCypherTool: (tool: ToolItem) => boolean;
  cypher: CypherSettings;
}

const noCypher = () => false;

export const TracyViewConfigContext = createContext<TracyViewConfig>({
  toolRenderers: {},
  isCypherTool: noCypher,
  cypher: DEFAULT_CYPHER_SETTINGS,
});

export function useViewConfig(): TracyViewConfig {
  return useContext(TracyViewConfigContext);
}
