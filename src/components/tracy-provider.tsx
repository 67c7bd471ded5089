import { forwardRef, useImperativeHandle, useMemo, useRef, type ReactNode } from "react";
import type { ToolItem } from "../protocol/transcript";
import { createFormat } from "../labels/format";
import { mergeLabels, TracyLabelsContext } from "../labels/labels-context";
import type { TracyLabels } from "../labels/tracy-labels";
import { TracyStoreContext } from "../react/tracy-context";
import { useTracySession, type TracySessionOptions } from "../react/use-tracy-session";
import { ComposerInputContext } from "./composer-input";
import { isCypherTool as defaultIsCypherTool } from "./cypher/is-cypher-tool";
import { useErrorReports, type TracyShownError } from "./use-error-reports";
import { DEFAULT_CYPHER_SETTINGS, TracyViewConfigContext, type ToolRenderers } from "./view-config";

/** What the host can do to a panel from outside it, through a `ref`. */
export interface TracyPanelHandle {
  /** Sends `text` as the user's message, leaving the draft alone. False when it can't be sent now (see `TracyActions.send`). */
  send(text: string): boolean;
  /** Puts `text` in the message box, replacing the draft (a prefill the user can edit before sending). */
  setDraft(text: string): void;
  /** Moves focus to the message box. */
  focus(): void;
  /** Leaves the current conversation; the next message starts a new one (`onSessionChange(null)`). */
  startOver(): void;
  /** Shows the session `id` and tells the host (`onSessionChange(id)`). With a controlled `sessionId`, update it there. */
  openSession(id: string): void;
}

/** The session options and the view settings shared by every part of one panel. */
export interface TracyProviderProps extends TracySessionOptions {
  /** The parts of the panel (`TracyTranscript`, `TracyComposer`, …) in the host's own layout. */
  children?: ReactNode;
  /**
   * Once per error the panel shows (the banner above the composer, a message that could not be sent, an
   * approval that failed), with the words the user saw. Read on each call; a throw is logged, never shown.
   */
  onError?: ((error: TracyShownError) => void) | undefined;
  /**
   * Custom card per tool name, e.g. `{ render_chart: ChartCard }`. Other tools get the built-in cards.
   * @default {}
   */
  toolRenderers?: ToolRenderers;
  /**
   * Which tool calls get the Cypher result card, e.g. `(tool) => tool.name === "query_graph"`.
   * @default isCypherTool (tools named like `run_cypher`, or whose input holds a Cypher `query`)
   */
  isCypherTool?: (tool: ToolItem) => boolean;
  /**
   * The node property that scopes graph data to a tenant: a failed query that never names it gets the
   * tenant-scoping hint, and graph nodes don't show it.
   * @default "tenant_id"
   */
  tenantProperty?: string;
  /**
   * The query parameter holding the tenant, as the tenant-scoping hint suggests it (without `$`).
   * @default "tenant"
   */
  tenantParameter?: string;
  /**
   * Node properties shown first on graph nodes, in order of preference.
   * @default ["name", "service", "title", "operation", "trace_id", "span_id", "id"]
   */
  graphCaptionKeys?: readonly string[];
  /**
   * The panel's words, merged over the English defaults (`en`): pass only the ones to change, e.g.
   * `{ send: "Senden", agent: "Ada", you: "Me" }`. Function entries get the data they word, numbers
   * already formatted in `locale`. Read on each render; keep the object stable to avoid work.
   */
  labels?: Partial<TracyLabels>;
  /**
   * BCP 47 locale of numbers (counts, token usage, costs) and plural rules, e.g. `"de-DE"`.
   * @default the browser's locale
   */
  locale?: string;
}

const NO_RENDERERS: ToolRenderers = {};

/**
 * Owns one panel's session (its store) and view settings, for the parts inside it: `TracyTranscript`,
 * `TracyComposer`, `TracyUsageBar`, `TracyStatusBar`, `TracyErrorBanner`, and the hooks. `<TracyPanel>` is
 * this provider with the default layout; use it directly to lay the parts out yourself.
 */
export const TracyProvider = forwardRef<TracyPanelHandle, TracyProviderProps>(function TracyProvider(
  {
    children,
    onError,
    labels: overrides,
    locale,
    toolRenderers = NO_RENDERERS,
    isCypherTool = defaultIsCypherTool,
    tenantProperty = DEFAULT_CYPHER_SETTINGS.tenantProperty,
    tenantParameter = DEFAULT_CYPHER_SETTINGS.tenantParameter,
    graphCaptionKeys = DEFAULT_CYPHER_SETTINGS.captionKeys,
    ...session
  },
  ref,
) {
  const store = useTracySession(session);
  const input = useRef<HTMLTextAreaElement | null>(null);
  const cypher = useMemo(
    () => ({ tenantProperty, tenantParameter, captionKeys: graphCaptionKeys }),
    [tenantProperty, tenantParameter, graphCaptionKeys],
  );
  const viewConfig = useMemo(() => ({ toolRenderers, isCypherTool, cypher }), [toolRenderers, isCypherTool, cypher]);
  const labels = useMemo(() => mergeLabels(overrides), [overrides]);
  const format = useMemo(() => createFormat(locale), [locale]);
  const words = useMemo(() => ({ labels, format }), [labels, format]);
  useErrorReports(store, words, onError);

  useImperativeHandle(ref, () => {
    const actions = () => store.getState().actions;
    return {
      send: (text) => actions().send(text),
      setDraft: (text) => actions().setDraft(text),
      focus: () => input.current?.focus(),
      startOver: () => actions().startOver(),
      openSession: (id) => actions().openSession(id),
    };
  }, [store]);

  return (
    <TracyStoreContext.Provider value={store}>
      <TracyLabelsContext.Provider value={words}>
        <TracyViewConfigContext.Provider value={viewConfig}>
          <ComposerInputContext.Provider value={input}>{children}</ComposerInputContext.Provider>
        </TracyViewConfigContext.Provider>
      </TracyLabelsContext.Provider>
    </TracyStoreContext.Provider>
  );
});
