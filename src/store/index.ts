export { createTracyStore } from "./create-tracy-store";
export type {
  ConnectionState,
  PendingSend,
  TracyActions,
  TracyState,
  TracyStore,
  TracyStoreOptions,
} from "./tracy-state";
export type { PanelAction, PanelError, PanelErrorKind } from "./describe-error";
export type { PanelWarning } from "./panel-warning";
export { selectPhase, type Phase, type PhaseKind, type PhaseStep } from "./selectors";
export { selectRequiredActions, type RequiredAction } from "./select-required-actions";
export { selectUsage, type TurnUsage, type UsageSummary } from "./select-usage";
export type { ClientToolContext, ClientToolHandler, ClientTools } from "./client-tools";
