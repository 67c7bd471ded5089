import "../styles/tracy-panel.css";
import { useMemo, type CSSProperties, type ReactNode } from "react";
import type { ToolItem } from "../protocol/transcript";
import { createFormat } from "../labels/format";
import { mergeLabels, TracyLabelsContext, useLabels } from "../labels/labels-context";
import { textDirection } from "../labels/text-direction";
import type { TracyLabels } from "../labels/tracy-labels";
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
   * @default labels.title ("Tracy")
   */
  title?: ReactNode;
  /**
   * Placeholder of the message box.
   * @default labels.placeholder ("Ask Tracy about this trace…")
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
  /**
   * The panel's words, merged over the English defaults (`en`): pass only the ones to change, e.g.
   * `{ send: "Senden", rowCount: (c) => \`${c.n} Zeilen\` }`. Function entries get the data they word,
   * numbers already formatted in `locale`. Read on each render; keep the object stable to avoid work.
   */
  labels?: Partial<TracyLabels>;
  /**
   * BCP 47 locale of numbers (counts, token usage, costs) and plural rules, e.g. `"de-DE"`.
   * @default the browser's locale
   */
  locale?: string;
  /**
   * Writing direction of the panel. Right to left lays the whole panel out mirrored; code, queries and
   * ids inside stay left to right.
   * @default "rtl" when `locale` is a right-to-left language (Arabic, Hebrew, Persian, Urdu, …), else "ltr"
   */
  dir?: "ltr" | "rtl" | "auto";
  /** Extra class names for the panel's root element (it always has `tracy-panel`). */
  className?: string;
  /** Inline styles for the panel's root element, e.g. the `--tracy-*` custom properties. */
  style?: CSSProperties;
}

function DefaultEmpty() {
  const labels = useLabels();
  return (
    <div className="tracy-empty">
      <p>{labels.emptyIntro}</p>
      <p className="tracy-muted">{labels.emptyDetail}</p>
    </div>
  );
}

const DEFAULT_EMPTY = <DefaultEmpty />;

const NO_RENDERERS: ToolRenderers = {};

/**
 * Tracy, the ClawTrace observability agent, as a drop-in chat panel. It owns its session's store: one per
 * panel, never shared. Hosts import `@clawtrace/tracy-panel/styles.css` once.
 */
export function TracyPanel({
  title,
  placeholder,
  labels: overrides,
  locale,
  dir,
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
  const labels = useMemo(() => mergeLabels(overrides), [overrides]);
  const format = useMemo(() => createFormat(locale), [locale]);
  const words = useMemo(() => ({ labels, format }), [labels, format]);
  return (
    <TracyStoreContext.Provider value={store}>
      <TracyLabelsContext.Provider value={words}>
      <TracyViewConfigContext.Provider value={viewConfig}>
        <section
          className={className ? `tracy-panel ${className}` : "tracy-panel"}
          style={style}
          data-theme={theme}
          dir={textDirection(locale, dir)}
          aria-label={labels.panel}
        >
          {/* Whatever a view throws stays in the panel: without a boundary React unmounts the host's whole root. */}
          <RenderBoundary fallback={(reset) => <PanelFallback onRetry={reset} />}>
            <header className="tracy-header">
              <h2 className="tracy-title">{title ?? labels.title}</h2>
              <StatusBar />
            </header>
            <TranscriptView empty={emptyState} />
            <ErrorBanner />
            <UsageBar />
            <Composer {...(placeholder !== undefined ? { placeholder } : {})} />
          </RenderBoundary>
        </section>
      </TracyViewConfigContext.Provider>
      </TracyLabelsContext.Provider>
    </TracyStoreContext.Provider>
  );
}
