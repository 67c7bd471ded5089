import { isServerRunTool } from "../protocol/server-tools";
import type { ToolItem, Transcript } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";

export interface RequiredAction {
  tool: ToolItem;
  /**
   * `approval`: the user must allow or deny; `client_tool`: this app must run the tool and answer; `server_tool`: the
   * backend runs it and answers (`run_cypher` on tracy-server), the panel only waits.
   */
  kind: "approval" | "client_tool" | "server_tool";
}

const cache = new WeakMap<Transcript, readonly RequiredAction[]>();
/** Shared by every transcript that waits on nothing, so a reader re-renders only when that changes. */
const NONE: readonly RequiredAction[] = Object.freeze([]);

/**
 * What the agent is blocked on, derived from the event log alone (the last idle status's
 * `requires_action` ids minus those already answered), so it survives a reload. The same array for
 * the same transcript, so `useTracy(selectRequiredActions)` re-renders only when it changes.
 */
export function selectRequiredActions(state: Pick<TracyState, "transcript">): readonly RequiredAction[] {
  return requiredActionsOf(state.transcript);
}

/** {@link selectRequiredActions} of a transcript. Memoised per transcript. */
export function requiredActionsOf(t: Transcript): readonly RequiredAction[] {
  const hit = cache.get(t);
  if (hit) return hit;
  const actions: RequiredAction[] = [];
  const reason = t.status.state === "idle" ? t.status.stopReason : null;
  if (reason?.type === "requires_action") {
    for (const id of reason.event_ids) {
      const item = t.items.get(id);
      if (item?.kind !== "tool" || item.result || item.confirmation) continue;
      const kind = item.source !== "custom" ? "approval" : isServerRunTool(item.name) ? "server_tool" : "client_tool";
      actions.push({ tool: item, kind });
    }
  }
  const result = actions.length === 0 ? NONE : Object.freeze(actions);
  cache.set(t, result);
  return result;
}

/** The agent waits for the user to allow or deny a call: a new message can't be sent until then. */
export function awaitsApproval(t: Transcript): boolean {
  return requiredActionsOf(t).some((a) => a.kind === "approval");
}
