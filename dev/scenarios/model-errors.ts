import type { Scenario } from "../engine/types";
import { investigateSlowSpans } from "./cypher";

/** A retried model overload: the turn is rescheduled, then succeeds. */
export const overloadedScenario: Scenario = {
  name: "error",
  async run(ctx) {
    await ctx.modelRequest(async () => {}, { fails: true });
    ctx.emit({
      type: "session.error",
      error: { type: "model_overloaded_error", message: "Overloaded", retry_status: { type: "retrying" } },
    });
    ctx.emit({ type: "session.status_rescheduled" });
    await ctx.pause(1_500);
    ctx.emit({ type: "session.status_running" });
    await investigateSlowSpans(ctx);
  },
};

const BAD_QUERY = `MATCH (v:Span {tenant_id: $tenant})
WHERE v.id = $span_id
RETURN v.service AS service, v.name AS operation, v.duration_ms AS duration_ms`;

/** A tool failure the agent cannot recover from: the turn ends with `retries_exhausted`. */
export const fatalScenario: Scenario = {
  name: "fatal",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      await ctx.say("I'll look the span up directly by its id.");
      toolUseId = ctx.emit({
        type: "agent.mcp_tool_use",
        name: "run_cypher",
        mcp_server_name: "puppygraph",
        input: { query: BAD_QUERY, params: { tenant: ctx.tenantId, span_id: "a3f9c2e17b04d5e8" } },
        evaluated_permission: "allow",
      }).id;
    });
    await ctx.pause(700);
    ctx.emit({
      type: "agent.mcp_tool_result",
      mcp_tool_use_id: toolUseId,
      is_error: true,
      content: [
        {
          type: "text",
          text: "Unknown property 'id' on vertex label 'Span' (line 2, column 7). Vertices have no 'id' property: use elementId(v) to identify a vertex.",
        },
      ],
    });
    await ctx.pause(600);
    const error = {
      type: "mcp_connection_failed_error",
      mcp_server_name: "puppygraph",
      message:
        "The MCP server puppygraph failed 3 times in a row (last error: Unknown property 'id' on vertex label 'Span').",
      retry_status: { type: "terminal" as const },
    };
    ctx.emit({ type: "session.error", error });
    ctx.finish({ type: "retries_exhausted" });
  },
};

const OVERLOADED = { type: "model_overloaded_error", message: "Overloaded" } as const;

/** The model stays overloaded through every retry: the turn ends with `retries_exhausted`. */
export const exhaustedScenario: Scenario = {
  name: "exhausted",
  async run(ctx) {
    await ctx.modelRequest(async () => {}, { fails: true });
    ctx.emit({ type: "session.error", error: { ...OVERLOADED, retry_status: { type: "retrying" } } });
    ctx.emit({ type: "session.status_rescheduled" });
    await ctx.pause(1_500);
    ctx.emit({ type: "session.status_running" });
    await ctx.modelRequest(async () => {}, { fails: true });
    ctx.emit({ type: "session.error", error: { ...OVERLOADED, retry_status: { type: "exhausted" } } });
    ctx.finish({ type: "retries_exhausted" });
  },
};
