import "../styles/tracy-panel.css";
import { forwardRef, type CSSProperties, type ReactNode } from "react";
import { useLabels } from "../labels/labels-context";
import { Composer } from "./composer";
import { ErrorBanner } from "./error-banner";
import { StatusBar } from "./status-bar";
import { TranscriptView } from "./transcript-view";
import { TracyProvider, type TracyPanelHandle, type TracyProviderProps } from "./tracy-provider";
import { DEFAULT_EMPTY, TracyFrame } from "./tracy-parts";
import { UsageBar } from "./usage-bar";

/** Props of {@link TracyPanel}: the session options (tenant, trace, backend, callbacks, …) and how the panel looks. */
export interface TracyPanelProps extends Omit<TracyProviderProps, "children"> {
  /**
   * Heading shown at the top of the panel. The names on messages are the labels `agent` ("Tracy") and `you` ("You").
   * @default labels.title ("Tracy")
   */
  title?: ReactNode;
  /**
   * Level of the title's heading element (`<h2>` by default), to fit the host page's outline.
   * @default 2
   */
  titleLevel?: 1 | 2 | 3 | 4 | 5 | 6;
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
  /** Extra class names for the panel's root element (it always has `tracy-panel`). */
  className?: string;
  /** Inline styles for the panel's root element, e.g. the `--tracy-*` custom properties. */
  style?: CSSProperties;
}

function Title({ level, children }: { level: NonNullable<TracyPanelProps["titleLevel"]>; children: ReactNode }) {
  const labels = useLabels();
  const Heading = `h${level}` as const;
  return <Heading className="tracy-title">{children ?? labels.title}</Heading>;
}

/**
 * Tracy, the ClawTrace observability agent, as a drop-in chat panel: `<TracyProvider>` with the default
 * layout. It owns its session's store: one per panel, never shared. Hosts import
 * `@clawtrace/tracy-panel/styles.css` once. A `ref` gets a {@link TracyPanelHandle}.
 */
export const TracyPanel = forwardRef<TracyPanelHandle, TracyPanelProps>(function TracyPanel(
  { title, titleLevel = 2, placeholder, emptyState = DEFAULT_EMPTY, theme = "auto", className, style, ...provider },
  ref,
) {
  return (
    <TracyProvider ref={ref} {...provider}>
      <TracyFrame theme={theme} {...(className !== undefined ? { className } : {})} {...(style ? { style } : {})}>
        <header className="tracy-header">
          <Title level={titleLevel}>{title}</Title>
          <StatusBar />
        </header>
        <TranscriptView empty={emptyState} />
        <ErrorBanner />
        <UsageBar />
        <Composer {...(placeholder !== undefined ? { placeholder } : {})} />
      </TracyFrame>
    </TracyProvider>
  );
});
