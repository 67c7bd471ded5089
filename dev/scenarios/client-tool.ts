import { textOfBlocks } from "../engine/parse-events";
import type { Scenario } from "../engine/types";
import { findTrace } from "../../demo/traces";
import { traceFacts, traceUrl } from "./fixtures";

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
          : currentTraceAnswer(text),
      ),
    );
  },
};

/** What the page said, and the trace's slowest span when it is one the demo page shows (demo/traces.ts). */
export function currentTraceAnswer(text: string): string {
  const trace = findTrace(text);
  if (!trace)
    return `You're looking at **${text}**. I don't have its spans yet: ask me why it is slow and I'll query them.`;
  const { slowestSelf } = traceFacts(trace);
  return `You're looking at **${text}**. The span with the most time of its own is \`${slowestSelf.name}\` in \`${slowestSelf.service}\` (${slowestSelf.self}). [Open it in ClawTrace](${traceUrl(trace.id)})`;
}
