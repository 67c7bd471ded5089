import "../styles/tracy-panel.css";
import { forwardRef, type CSSProperties, type ReactNode } from "react";
import { useLabels } from "../labels/labels-context";
import { Composer } from "./composer";
import { ConversationMenu } from "./conversations/conversation-menu";
import { ErrorBanner } from "./error-banner";
import { StatusBar } from "./status-bar";
import { ShadowRootHost } from "./shadow-root-host";
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
  /** Extra class names for the panel's root element (it always has `tracy-panel`); with `isolation="shadow"`, for the host element. */
  className?: string;
  /**
   * Inline styles for the panel's root element, e.g. the `--tracy-*` custom properties; with `isolation="shadow"`,
   * for the host element (custom properties set there still reach the panel).
   */
  style?: CSSProperties;
  /**
   * How the panel is kept apart from the page's CSS. `"none"`: the panel renders in the page and `styles.css`
   * resets what page styles could change (see "Styling and isolation" in the README). `"shadow"`: the panel
   * renders in an open shadow root of a `<div>` it renders, with its stylesheet adopted there; no page rule
   * reaches in (not even `#root code` or `!important`) and the host need not import `styles.css`.
   * @default "none"
   */
  isolation?: "none" | "shadow";
  /**
   * Writing direction of the panel. Right to left lays the whole panel out mirrored; code, queries and
   * ids inside stay left to right.
   * @default "rtl" when `locale` is a right-to-left language (Arabic, Hebrew, Persian, Urdu, …), else "ltr"
   */
  dir?: "ltr" | "rtl" | "auto";
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
  {
    title,
    titleLevel = 2,
    placeholder,
    emptyState = DEFAULT_EMPTY,
    theme = "auto",
    isolation = "none",
    dir,
    className,
    style,
    ...provider
  },
  ref,
) {
  const shadow = isolation === "shadow";
  const frame = (
    <TracyFrame
      theme={theme}
      {...(dir !== undefined ? { dir } : {})}
      {...(className !== undefined && !shadow ? { className } : {})}
      {...(style && !shadow ? { style } : {})}
    >
      <header className="tracy-header">
        <Title level={titleLevel}>{title}</Title>
        <StatusBar />
        <ConversationMenu />
      </header>
      <TranscriptView
        empty={
          // A host's own empty state keeps the host's styles (in the page): the panel's reset stops at the wrapper.
          emptyState === DEFAULT_EMPTY ? emptyState : <div className="tracy-host-content">{emptyState}</div>
        }
      />
      <ErrorBanner />
      <UsageBar />
      <Composer {...(placeholder !== undefined ? { placeholder } : {})} />
    </TracyFrame>
  );
  return (
    <TracyProvider ref={ref} {...provider}>
      {shadow ? (
        <ShadowRootHost className={className} style={style}>
          {frame}
        </ShadowRootHost>
      ) : (
        frame
      )}
    </TracyProvider>
  );
});
