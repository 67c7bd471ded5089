"use client";

export { TracyPanel, type TracyPanelProps } from "./components/tracy-panel";
export { ToolCard, type ToolCardProps } from "./components/tool-card";
export { CypherCard, type CypherCardProps } from "./components/cypher/cypher-card";
export { isCypherTool } from "./components/cypher/is-cypher-tool";
export { en, type Count, type ShownOf, type TracyLabels } from "./labels";
export type { ToolRendererProps, ToolRenderers } from "./components/view-config";
export { TracyStoreContext } from "./react/tracy-context";
export { useTracy, useTracyActions, useTracyStoreApi } from "./react/use-tracy";
export { useTracySession, type TracySessionOptions } from "./react/use-tracy-session";
export { sessionStoragePersistence, type SessionPersistence } from "./react/session-persistence";
export {
  createTracyStore,
  selectPhase,
  selectRequiredActions,
  selectUsage,
  type ClientToolContext,
  type ClientToolHandler,
  type ClientTools,
  type ConnectionState,
  type RequiredAction,
  type TurnUsage,
  type UsageSummary,
  type PanelAction,
  type PanelError,
  type PanelErrorKind,
  type PanelWarning,
  type PendingSend,
  type Phase,
  type PhaseKind,
  type PhaseStep,
  type TracyActions,
  type TracyState,
  type TracyStore,
  type TracyStoreOptions,
} from "./store";
export {
  createHttpTransport,
  TracyHeadersError,
  TracyHttpError,
  type CreatedSession,
  type EventPage,
  type HeaderMap,
  type StreamHandlers,
  type StreamOptions,
  type TracyBackendConfig,
  type TracyRequestContext,
  type TracyTransport,
} from "./transport";
export * from "./protocol";
