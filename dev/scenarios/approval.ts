import type { Scenario } from "../engine/types";
import { escapeMarkdown } from "./escape-markdown";

/** A destructive tool that needs the user's confirmation before it runs. */
export const approvalScenario: Scenario = {
  name: "approval",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      await ctx.say("Deleting a saved query can't be undone, so I'll ask for your approval first.");
      toolUseId = ctx.emit({
        type: "agent.mcp_tool_use",
        name: "delete_saved_query",
        mcp_server_name: "clawtrace",
        input: { tenant_id: ctx.tenantId, name: "checkout-latency-debug" },
        evaluated_permission: "ask",
      }).id;
    });
    const answer = await ctx.awaitConfirmation(toolUseId);
    if (answer.result === "deny") {
      const reason = answer.deny_message ? ` You said: *${escapeMarkdown(answer.deny_message)}*` : "";
      await ctx.modelRequest(() =>
        ctx.say(`Understood, I won't delete **checkout-latency-debug**; it stays in your saved queries.${reason}`),
      );
      return;
    }
    await ctx.pause(600);
    ctx.emit({
      type: "agent.mcp_tool_result",
      mcp_tool_use_id: toolUseId,
      is_error: false,
      content: [{ type: "text", text: JSON.stringify({ deleted: true, name: "checkout-latency-debug" }) }],
    });
    await ctx.modelRequest(() =>
      ctx.say(
        "Done: the saved query **checkout-latency-debug** is deleted. Dashboards that used it will show *query not found* until you point them elsewhere.",
      ),
    );
  },
};
