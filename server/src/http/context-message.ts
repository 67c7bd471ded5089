import type { BetaManagedAgentsSystemMessageEventParams } from "@anthropic-ai/sdk/resources/beta/sessions/events";

/**
 * The host's context for a turn, as a `system.message` right after the user's message: the model
 * learns the tenant and trace from the server, never from (or mixed into) what the user typed.
 */
export function contextMessage(tenantId: string, traceId: string | null): BetaManagedAgentsSystemMessageEventParams {
  const trace = traceId === null ? "none (the user is not looking at a particular trace)" : traceId;
  return {
    type: "system.message",
    content: [
      {
        type: "text",
        text: `Context from the ClawTrace host for this turn. tenant_id: ${tenantId}. trace_id: ${trace}. Scope every query to this tenant.`,
      },
    ],
  };
}
