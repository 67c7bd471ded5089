"use client";
import "./styles/tracy-panel.css";

export { TracyPanel, type TracyPanelProps } from "./components/tracy-panel";
export { ToolCard, type ToolCardProps } from "./components/tool-card";
export { TracyStoreContext } from "./react/tracy-context";
export { useTracy, useTracyActions, useTracyStoreApi } from "./react/use-tracy";
export { useTracySession, type TracySessionOptions } from "./react/use-tracy-session";
export {
  createTracyStore,
  selectPhase,
  type ConnectionState,
  type PanelError,
  type PendingSend,
  type Phase,
  type PhaseKind,
  type TracyActions,
  type TracyState,
  type TracyStore,
  type TracyStoreOptions,
} from "./store";
export {
  createHttpTransport,
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
