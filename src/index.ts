"use client";

// `@clawtrace/tracy-panel`: what a React host uses. The panel and its cards, the hooks for a headless UI, and the
// types of the props and of the transcript items they render. The framework-free layers (fold, store, HTTP
// transport) are `@clawtrace/tracy-panel/core`.

// Components.
export { TracyPanel, type TracyPanelProps } from "./components/tracy-panel";
export { TracyProvider, type TracyPanelHandle, type TracyProviderProps } from "./components/tracy-provider";
export {
  TracyComposer,
  TracyConversationMenu,
  TracyErrorBanner,
  TracyFrame,
  TracyStatusBar,
  TracyTranscript,
  TracyUsageBar,
  type TracyComposerProps,
  type TracyFrameProps,
  type TracyTranscriptProps,
} from "./components/tracy-parts";
export type { TracyShownError } from "./components/use-error-reports";
export { ToolCard, type ToolCardProps } from "./components/tool-card";
export { CypherCard, type CypherCardProps } from "./components/cypher/cypher-card";
export { isCypherTool } from "./components/cypher/is-cypher-tool";
export { ar, de, en, type Count, type ShownOf, type TracyLabels } from "./labels";
export type { ToolRendererProps, ToolRenderers } from "./components/view-config";

// Hooks, for a headless UI or for parts rendered inside the panel.
export { TracyStoreContext } from "./react/tracy-context";
export { useTracy, useTracyActions, useTracyStoreApi } from "./react/use-tracy";
export { useTracySession, type TracySessionOptions } from "./react/use-tracy-session";
export { sessionStoragePersistence, type SessionPersistence } from "./react/session-persistence";

// Selectors to pass to `useTracy`, and the types of what the hooks and props carry. From the core entry, so both
// entries share one copy of the code.
export {
  selectPhase,
  selectReplyFeedback,
  selectRequiredActions,
  selectUsage,
  type ClientToolAnswer,
  type ClientToolContext,
  type ClientToolHandler,
  type ClientTools,
  type ConnectionState,
  type ContentBlock,
  type ConversationList,
  type CreatedSession,
  type DocumentBlock,
  type ErrorItem,
  type EvaluatedPermission,
  type EventPage,
  type HeaderMap,
  type ImageBlock,
  type MediaSource,
  type MessageItem,
  type ModelUsage,
  type MonetaryAmount,
  type NoticeItem,
  type NoticeKind,
  type OutgoingEvent,
  type PanelAction,
  type PanelError,
  type PanelErrorKind,
  type PanelProblem,
  type PanelWarning,
  type DecodeFailure,
  type PendingSend,
  type Phase,
  type PhaseKind,
  type PhaseStep,
  type RedactedBlock,
  type ReplyFeedback,
  type RequiredAction,
  type SearchResultBlock,
  type SessionPage,
  type SessionState,
  type SessionSummary,
  type SessionUsage,
  type StopReason,
  type StreamHandlers,
  type StreamOptions,
  type TextBlock,
  type ThinkingItem,
  type ThreadMessageItem,
  type ToolClaims,
  type ToolConfirmation,
  type ToolItem,
  type ToolResult,
  type TracyActions,
  type TracyEventInfo,
  type TracyFeedback,
  type TracyHostCallbacks,
  type TracyHostEvent,
  type TracySentMessage,
  type TracyBackendConfig,
  type TracyRequestContext,
  type TracyState,
  type TracyStore,
  type TracyTransport,
  type Transcript,
  type TransportProblem,
  type TranscriptItem,
  type TurnUsage,
  type UnknownItem,
  type UsageSummary,
  type UsageTotals,
} from "./core";
