import "../styles/tracy-panel.css";
import type { CSSProperties, ReactNode } from "react";
import { useFormat, useLabels } from "../labels/labels-context";
import { textDirection } from "../labels/text-direction";
import { Composer } from "./composer";
import { ConversationMenu } from "./conversations/conversation-menu";
import { ErrorBanner } from "./error-banner";
import { PanelFallback } from "./panel-fallback";
import { RenderBoundary } from "./render-boundary";
import { StatusBar } from "./status-bar";
import { TranscriptView } from "./transcript-view";
import { UsageBar } from "./usage-bar";

// The panel's parts, for a host's own layout inside `<TracyProvider>`. Each keeps whatever its views
// throw to itself: without a boundary React unmounts the host's whole root.

function Guarded({ children }: { children: ReactNode }) {
  return <RenderBoundary fallback={(reset) => <PanelFallback onRetry={reset} />}>{children}</RenderBoundary>;
}

/** Props of {@link TracyFrame}. */
export interface TracyFrameProps {
  children?: ReactNode;
  /**
   * Colour theme. `auto` follows the user's `prefers-color-scheme`.
   * @default "auto"
   */
  theme?: "light" | "dark" | "auto";
  /** Extra class names (the element always has `tracy-panel`, which the styles hang on). */
  className?: string;
  /** Inline styles, e.g. the `--tracy-*` custom properties. */
  style?: CSSProperties;
  /**
   * Writing direction. Right to left lays the whole panel out mirrored; code, queries and ids inside stay left to right.
   * @default "rtl" when the provider's `locale` is a right-to-left language (Arabic, Hebrew, Persian, Urdu, …), else "ltr"
   */
  dir?: "ltr" | "rtl" | "auto";
}

/** The panel's root element: its styles, theme and landmark. Put the parts inside it, in any layout. */
export function TracyFrame({ children, theme = "auto", className, style, dir }: TracyFrameProps) {
  const labels = useLabels();
  const { locale } = useFormat();
  return (
    <section
      className={className ? `tracy-panel ${className}` : "tracy-panel"}
      style={style}
      data-theme={theme}
      dir={textDirection(locale, dir)}
      aria-label={labels.panel}
    >
      <Guarded>{children}</Guarded>
    </section>
  );
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

export const DEFAULT_EMPTY = <DefaultEmpty />;

/** Props of {@link TracyTranscript}. */
export interface TracyTranscriptProps {
  /**
   * Shown while the conversation is empty; it may call `useTracyActions().send(text)` for suggestions.
   * @default a short intro to what Tracy does
   */
  empty?: ReactNode;
}

/** The conversation, scrolled to its end as it grows. */
export function TracyTranscript({ empty = DEFAULT_EMPTY }: TracyTranscriptProps) {
  return (
    <Guarded>
      <TranscriptView empty={empty} />
    </Guarded>
  );
}

/** Props of {@link TracyComposer}. */
export interface TracyComposerProps {
  /**
   * Placeholder of the message box.
   * @default labels.placeholder ("Ask Tracy about this trace…")
   */
  placeholder?: string;
}

/** The message box with Send and Stop. The handle's `focus()` focuses it. */
export function TracyComposer({ placeholder }: TracyComposerProps) {
  return (
    <Guarded>
      <Composer {...(placeholder !== undefined ? { placeholder } : {})} />
    </Guarded>
  );
}

/** Token usage and cost of the conversation. */
export function TracyUsageBar() {
  return (
    <Guarded>
      <UsageBar />
    </Guarded>
  );
}

/** What Tracy is doing now (connecting, thinking, running a tool, …). */
export function TracyStatusBar() {
  return (
    <Guarded>
      <StatusBar />
    </Guarded>
  );
}

/**
 * New conversation, and a menu of the user's earlier conversations in this tenant (when the backend
 * lists them with `GET /sessions`) and of the exports (Markdown transcript, JSON event log).
 */
export function TracyConversationMenu() {
  return (
    <Guarded>
      <ConversationMenu />
    </Guarded>
  );
}

/** Panel-level problems (stream, history, stop) with the action that can fix them. */
export function TracyErrorBanner() {
  return (
    <Guarded>
      <ErrorBanner />
    </Guarded>
  );
}
