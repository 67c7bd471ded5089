import "../styles/tracy-panel.css";
import { useMemo, type CSSProperties, type ReactNode } from "react";
import type { ToolItem } from "../protocol/transcript";
import { TracyStoreContext } from "../react/tracy-context";
import { useTracySession, type TracySessionOptions } from "../react/use-tracy-session";
import { Composer } from "./composer";
import { ErrorBanner } from "./error-banner";
import { StatusBar } from "./status-bar";
import { isCypherTool as defaultIsCypherTool } from "./cypher/is-cypher-tool";
import { PanelFallback } from "./panel-fallback";
import { RenderBoundary } from "./render-boundary";
import { TranscriptView } from "./transcript-view";
import { UsageBar } from "./usage-bar";
import { TracyViewConfigContext, type ToolRenderers } from "./view-config";

/** Props of {@link TracyPanel}: the session options (tenant, trace, backend, …) and how the panel looks. */
export interface TracyPanelProps extends TracySessionOptions {
  /**
   * Heading shown at the top of the panel.
   * @default "Tracy"
   */
  title?: ReactNode;
  /**
   * Placeholder of the message box.
   * @default "Ask Tracy about this trace…"
   */
  placeholder?: string;
  /**
   * Shown while the conversation is empty. It renders inside the panel, so it can call
   * `useTracyActions().send(text)` for suggestion buttons.
   * @default a short intro to what Tracy does
   */
  emptyState?: ReactNode;
  /**
   * Colour theme. `auto` follows the user's `prefers-color-scheme`.
   * @default "auto"
   */
  theme?: "light" | "dark" | "auto";
  /**
   * Custom card per tool name, e.g. `{ render_chart: ChartCard }`. Other tools get the built-in cards.
   * @default {}
   */
  toolRenderers?: ToolRenderers;
  /**
   * Which tool calls get the Cypher result card.
   * @default isCypherTool (tools named like `run_cypher`, or whose input holds a Cypher `query`)
   */
  isCypherTool?: (tool: ToolItem) => boolean;
  /** Extra class names for the panel's root element (it always has `tracy-panel`). */
  className?: string;
  /** Inline styles for the panel's root element, e.g. the `--tracy-*` custom properties. */
  style?: CSSProperties;
}

const DEFAULT_EMPTY = (
  <div className="tracy-empty">
    <p>Ask Tracy why a trace is slow, which service failed, or what changed.</p>
    <p className="tracy-muted">Tracy runs Cypher queries on your telemetry and shows each one it runs.</p>
  </div>
);

const NO_RENDERERS: ToolRenderers = {};

/**
 * Tracy, the ClawTrace observability agent, as a drop-in chat panel. It owns its session's store: one per
 * panel, never shared. Hosts import `@clawtrace/tracy-panel/styles.css` once.
 */
export function TracyPanel({
  title = "Tracy",
  placeholder,
  emptyState = DEFAULT_EMPTY,
  theme = "auto",
  toolRenderers = NO_RENDERERS,
  isCypherTool = defaultIsCypherTool,
  className,
  style,
  ...session
}: TracyPanelProps) {
  const store = useTracySession(session);
  const viewConfig = useMemo(() => ({ toolRenderers, isCypherTool }), [toolRenderers, isCypherTool]);
  return (
    <TracyStoreContext.Provider value={store}>
      <TracyViewConfigContext.Provider value={viewConfig}>
        <section
          className={className ? `tracy-panel ${className}` : "tracy-panel"}
          style={style}
          data-theme={theme}
          aria-label="Tracy assistant"
        >
          {/* Whatever a view throws stays in the panel: without a boundary React unmounts the host's whole root. */}
          <RenderBoundary fallback={(reset) => <PanelFallback onRetry={reset} />}>
            <header className="tracy-header">
              <h2 className="tracy-title">{title}</h2>
              <StatusBar />
            </header>
            <TranscriptView empty={emptyState} />
            <ErrorBanner />
            <UsageBar />
            <Composer {...(placeholder !== undefined ? { placeholder } : {})} />
          </RenderBoundary>
        </section>
      </TracyViewConfigContext.Provider>
    </TracyStoreContext.Provider>
  );
}
