import { createContext, useContext, type ComponentType } from "react";
import type { ToolItem } from "../protocol/transcript";

/** Props a custom tool renderer receives. */
export interface ToolRendererProps {
  /** The tool call to render, updated as its result arrives. */
  tool: ToolItem;
}

/** Custom cards by tool name, for the panel's `toolRenderers` prop. */
export type ToolRenderers = Readonly<Record<string, ComponentType<ToolRendererProps>>>;

export interface TracyViewConfig {
  /** Custom card per tool name; falls back to the built-in cards. */
  toolRenderers: ToolRenderers;
  /** Which tool calls get the Cypher card. */
  isCypherTool: (tool: ToolItem) => boolean;
}

const noCypher = () => false;

export const TracyViewConfigContext = createContext<TracyViewConfig>({ toolRenderers: {}, isCypherTool: noCypher });

export function useViewConfig(): TracyViewConfig {
  return useContext(TracyViewConfigContext);
}
