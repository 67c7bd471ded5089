import type { SimAgent, SimSession } from "../../server/simulator/index";
import { emptyUsage, type UsageTotals } from "../engine/usage";
import type { Scenario } from "../engine/types";
import { pickScenario as pickDemoScenario } from "../scenarios";
import { SimulatedTurn } from "./simulated-turn";

export interface DemoAgentOptions {
  /** 1 (the default): the demo's pace; higher is faster; 0: no waits. */
  speed?: number;
  pickScenario?: (userText: string) => Scenario;
}

/** tracy-server's context message: `… tenant_id: acme. trace_id: 4bf9…. Scope …` (see server/src/http/context-message.ts). */
const TENANT = /tenant_id: (\S+?)\.\s/;
const TRACE = /trace_id: ([\w-]+)\.(?:\s|$)/;

/**
 * The simulator's agent for the demo: each turn plays the demo scenario its message asks for (same keywords as the
 * scripted backend), scoped to the tenant and trace of the context tracy-server sent with the message.
 */
export function createDemoAgent(options: DemoAgentOptions = {}): SimAgent {
  const speed = options.speed ?? 1;
  const pick = options.pickScenario ?? pickDemoScenario;
  const state = new WeakMap<SimSession, { usage: UsageTotals; tenantId: string; traceId: string | null }>();
  return async ({ session, userText, context, signal }) => {
    let known = state.get(session);
    if (!known) {
      known = {
        usage: emptyUsage(),
        tenantId: session.metadata["tenant_id"] ?? "unknown",
        traceId: session.metadata["trace_id"] ?? null,
      };
      state.set(session, known);
    }
    // No trace open now (`trace_id: none (…)`): keep the one the session last talked about.
    const tenant = context === null ? undefined : TENANT.exec(context)?.[1];
    const trace = context === null ? undefined : TRACE.exec(context)?.[1];
    if (tenant) known.tenantId = tenant;
    if (trace) known.traceId = trace;
    const turn = new SimulatedTurn({
      session,
      tenantId: known.tenantId,
      traceId: known.traceId ?? "latest",
      userText,
      speed,
      signal,
      usage: known.usage,
    });
    await turn.run(pick(userText));
  };
}
