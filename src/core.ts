// `@clawtrace/tracy-panel/core`: the framework-free layers (protocol, fold, store, transport), for hosts that
// drive Tracy without React or build their own UI. Nothing here imports React.

// Protocol: the wire events, decoding, and the pure fold into a transcript.
export type * from "./protocol/events";
export { isKnownEventType } from "./protocol/events";
export type {
  ErrorItem,
  MessageItem,
  NoticeItem,
  NoticeKind,
  SessionState,
  SessionUsage,
  ThinkingItem,
  ThreadMessageItem,
  ToolConfirmation,
  ToolItem,
  ToolResult,
  Transcript,
  TranscriptItem,
  UnknownItem,
  UsageTotals,
} from "./protocol/transcript";
export { EMPTY_TRANSCRIPT } from "./protocol/transcript";
export { foldEvent, foldEvents, textOf } from "./protocol/fold";
export { decodeEvent, type DecodedEvent, type DecodeFailure } from "./protocol/decode";
export { ExactInteger, parseJson, stringifyJson } from "./protocol/exact-json";

// Transport: the four endpoints of protocol v1 over HTTP and SSE.
export { createHttpTransport } from "./transport/http-transport";
export { TracyHeadersError, TracyHttpError, type TransportProblem } from "./transport/errors";
export type { HeaderMap, TracyBackendConfig } from "./transport/backend-config";
export type {
  CreatedSession,
  EventPage,
  SessionPage,
  SessionSummary,
  StreamHandlers,
  StreamOptions,
  TracyRequestContext,
  TracyTransport,
} from "./transport/types";

// Store: one zustand store per panel, and the selectors to read it.
export { createTracyStore } from "./store/create-tracy-store";
export type {
  ConnectionState,
  PendingSend,
  TracyActions,
  TracyState,
  TracyStore,
  TracyStoreOptions,
} from "./store/tracy-state";
export type { PanelAction, PanelError, PanelErrorKind, PanelProblem } from "./store/describe-error";
export type { PanelWarning } from "./store/panel-warning";
export type { ConversationList } from "./store/conversations";
export type { TracyEventInfo, TracyHostCallbacks, TracyHostEvent, TracySentMessage } from "./store/host-callbacks";
export { selectReplyFeedback, type ReplyFeedback, type TracyFeedback } from "./store/reply-feedback";
export type {
  ClientToolAnswer,
  ClientToolContext,
  ClientToolHandler,
  ClientTools,
  ToolClaims,
} from "./store/client-tools";
export { selectPhase, type Phase, type PhaseKind, type PhaseStep } from "./store/selectors";
export { selectRequiredActions, type RequiredAction } from "./store/select-required-actions";
export { selectUsage, type TurnUsage, type UsageSummary } from "./store/select-usage";
