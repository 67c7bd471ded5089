import type { ToolItem, Transcript } from "../protocol/transcript";

export interface RequiredAction {
  tool: ToolItem;
  /** `approval`: the user must allow or deny; `client_tool`: this app must run the tool and answer. */
  kind: "approval" | "client_tool";
}

const cache = new WeakMap<Transcript, RequiredAction[]>();

/**
 * What the agent is blocked on, derived from the event log alone (the last idle status's
 * `requires_action` ids minus those already answered), so it survives a reload.
 */
export function selectRequiredActions(t: Transcript): RequiredAction[] {
  const hit = cache.get(t);
  if (hit) return hit;
  const actions: RequiredAction[] = [];
  const reason = t.status.state === "idle" ? t.status.stopReason : null;
  if (reason?.type === "requires_action") {
    for (const id of reason.event_ids) {
      const item = t.items.get(id);
      if (item?.kind !== "tool" || item.result || item.confirmation) continue;
      actions.push({ tool: item, kind: item.source === "custom" ? "client_tool" : "approval" });
    }
  }
  cache.set(t, actions);
  return actions;
}

/** The agent waits for the user to allow or deny a call: a new message can't be sent until then. */
export function awaitsApproval(t: Transcript): boolean {
  return selectRequiredActions(t).some((a) => a.kind === "approval");
}
