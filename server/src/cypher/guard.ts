import {
  DEFAULT_GUARD_POLICY,
  RESERVED_PREFIX,
  TENANT_PARAM,
  type GuardInput,
  type GuardNote,
  type GuardOutcome,
  type GuardPolicy,
} from "./guard-types.js";

export type { GuardInput, GuardNote, GuardNoteCode, GuardOutcome, GuardPolicy } from "./guard-types.js";
export { DEFAULT_GUARD_POLICY, RESERVED_PREFIX, TENANT_PARAM } from "./guard-types.js";

/**
 * Checks a model-written Cypher query and re-emits it tenant-scoped, or rejects it with reasons. Fails closed:
 * anything the guard does not understand is rejected. Synchronous; the parser it uses is large, so the server
 * imports this module lazily (`await import("./cypher/guard.js")`) on the first query.
 */
export function guardCypher(input: GuardInput, policy?: Partial<GuardPolicy>): GuardOutcome {
  const _effective: GuardPolicy = { ...DEFAULT_GUARD_POLICY, ...policy };
  void input;
  void RESERVED_PREFIX;
  void TENANT_PARAM;
  const reason: GuardNote = { code: "unsupported-clause", message: "The Cypher guard is not available yet." };
  return { ok: false, reasons: [reason] };
}
