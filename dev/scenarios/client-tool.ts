import { textOfBlocks } from "../engine/parse-events";
import type { Scenario } from "../engine/types";
import { traceUrl } from "./fixtures";

/** A custom tool the host page answers (`get_current_trace`). */
export const clientToolScenario: Scenario = {
  name: "client-tool",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      await ctx.say("Let me check which trace you have open.");
      toolUseId = ctx.emit({
        type: "agent.custom_tool_use",
        name: "get_current_trace",
        input: {},
        evaluated_permission: "allow",
      }).id;
    });
    const result = await ctx.awaitCustomToolResult(toolUseId);
    const text = textOfBlocks(result.content).trim();
    await ctx.modelRequest(() =>
      ctx.say(
        result.is_error || text === ""
          ? `I couldn't read the current trace${text ? `: ${text}` : ""}. Could you paste its trace id?`
          : `You're looking at **${text}**. Its slowest span is \`SELECT payment_methods\` in \`payments-db\` (1,690 ms). [Open it in ClawTrace](${traceUrl(text)})`,
      ),
    );
  },
};
