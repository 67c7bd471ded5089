import type { Scenario } from "../engine/types";
import { CHECKOUT, formatDuration, traceFacts } from "./fixtures";

// What the analyst finds is the demo's checkout trace (demo/traces.ts): the span under payments-svc with the most self time.
const { slowestSelf } = traceFacts(CHECKOUT);

/** The primary agent delegates to a sub-agent thread, then compacts its context. */
export const subAgentScenario: Scenario = {
  name: "sub-agents",
  async run(ctx) {
    const threadId = "sthr_span_analyst";
    const agent = "span-analyst";
    await ctx.modelRequest(async () => {
      await ctx.say("I'll ask the span analyst to check the payment path while I look at the gateway.");
      ctx.emit({
        type: "session.thread_created",
        session_thread_id: threadId,
        agent_name: agent,
        workflow_run_id: null,
      });
      ctx.emit({
        type: "agent.thread_message_sent",
        to_session_thread_id: threadId,
        to_agent_name: agent,
        content: [
          {
            type: "text",
            text: `Find the slowest span under payments-svc in trace ${ctx.traceId}, tenant ${ctx.tenantId}.`,
          },
        ],
      });
    });
    ctx.emit({ type: "session.thread_status_running", session_thread_id: threadId, agent_name: agent });
    await ctx.pause(900);
    ctx.emit({
      type: "agent.thread_message_received",
      from_session_thread_id: threadId,
      from_agent_name: agent,
      content: [
        {
          type: "text",
          text: `The slowest span is **${slowestSelf.service} · ${slowestSelf.name}** at ${formatDuration(slowestSelf.durationMs)} (self time ${slowestSelf.self}). It has no index on \`customer_id\`.`,
        },
      ],
    });
    ctx.emit({
      type: "session.thread_status_idle",
      session_thread_id: threadId,
      agent_name: agent,
      stop_reason: { type: "end_turn" },
      stop_details: null,
    });
    ctx.emit({ type: "agent.thread_context_compacted" });
    await ctx.modelRequest(() =>
      ctx.say(
        `The span analyst found it: **${slowestSelf.service}** spends ${slowestSelf.self} in \`${slowestSelf.name}\` because \`customer_id\` is not indexed. I summarised our earlier exchange to keep the context small.`,
      ),
    );
  },
};

/** The session's budget runs out mid-answer. */
export const budgetScenario: Scenario = {
  name: "budget",
  async run(ctx) {
    await ctx.modelRequest(() => ctx.say("Scanning all traces of the last 30 days for checkout regressions…"));
    ctx.emit({
      type: "session.usage",
      usage: {
        input_tokens: 412_000,
        output_tokens: 9_800,
        cache_read_input_tokens: 1_830_000,
        cache_creation: { ephemeral_5m_input_tokens: 96_000 },
        list_cost: { amount: "5.00", currency: "USD" },
      },
      budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
    });
    ctx.finish({ type: "budget_reached" });
  },
};
