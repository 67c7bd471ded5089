import type { Scenario } from "./scripted-agent.js";

const plain: Scenario = async (ctx) => {
  await ctx.say(
    `You asked: “${ctx.userText.slice(0, 60)}”. The checkout service spent most of its time in **payment-gateway** (p95 1.8 s).`,
  );
  return "end_turn";
};

/** A tool held for approval (`evaluated_permission: "ask"`). */
const approval: Scenario = async (ctx) => {
  const [use] = await ctx.useTools([
    { name: "delete_spans", input: { trace_id: "t-1", older_than: "30d" }, ask: true },
  ]);
  const answers = await ctx.awaitActions([use!]);
  const answer = answers.get(use!.id);
  if (answer?.["result"] === "allow") {
    ctx.emit({
      type: "agent.tool_result",
      tool_use_id: use!.id,
      content: [{ type: "text", text: "Deleted 42 spans." }],
      is_error: false,
    });
    await ctx.say("Done: 42 old spans were deleted.");
  } else {
    await ctx.say("Understood, I left the spans alone.");
  }
  return "end_turn";
};

/** Two tools held at once: answering one re-emits idle with the other. */
const twoApprovals: Scenario = async (ctx) => {
  const uses = await ctx.useTools([
    { name: "delete_spans", input: { trace_id: "t-1" }, ask: true },
    { name: "delete_spans", input: { trace_id: "t-2" }, ask: true },
  ]);
  await ctx.awaitActions(uses);
  await ctx.say("Both requests were answered.");
  return "end_turn";
};

/** A custom tool the host page answers (`get_current_trace`), with `user.custom_tool_result`. */
const currentTrace: Scenario = async (ctx) => {
  const [use] = await ctx.useTools([{ name: "get_current_trace", input: {}, custom: true }]);
  const answers = await ctx.awaitActions([use!]);
  const text = (answers.get(use!.id)?.["content"] as { text?: string }[] | undefined)?.[0]?.text ?? "";
  await ctx.say(`You are looking at ${text.slice(0, 200)}.`);
  return "end_turn";
};

/** `run_cypher`, a custom tool the Tracy server answers with `user.custom_tool_result`. */
const cypher: Scenario = async (ctx) => {
  const [use] = await ctx.useTools([
    {
      name: "run_cypher",
      // No tenant filter, as a forgetful model writes it: the server's guard scopes it to the session's tenant.
      input: {
        query: "MATCH (s:Span) RETURN s.name AS name, s.duration_ms AS duration_ms ORDER BY duration_ms DESC LIMIT 5",
      },
      custom: true,
    },
  ]);
  const answers = await ctx.awaitActions([use!]);
  const result = answers.get(use!.id);
  const text = (result?.["content"] as { text?: string }[] | undefined)?.[0]?.text ?? "";
  await ctx.say(result?.["is_error"] ? `The query failed: ${text}` : `The query returned: ${text.slice(0, 200)}`);
  return "end_turn";
};

/** Retries (rescheduled), then gives up: `retries_exhausted`. */
const failure: Scenario = async (ctx) => {
  ctx.emit({ type: "span.model_request_start" });
  ctx.emit({
    type: "session.error",
    error: { type: "model_overloaded_error", message: "The model is overloaded.", retry_status: { type: "retrying" } },
  });
  ctx.session.status = "rescheduling";
  ctx.emit({ type: "session.status_rescheduled" });
  ctx.session.status = "running";
  ctx.emit({ type: "session.status_running" });
  ctx.emit({
    type: "session.error",
    error: { type: "model_overloaded_error", message: "The model is overloaded.", retry_status: { type: "exhausted" } },
  });
  return "retries_exhausted";
};

/** Ends the session for good. */
const terminate: Scenario = async (ctx) => {
  await ctx.say("This session ends here.");
  return "terminated";
};

/** Stops twice until the test releases it: between messages, then mid-message (for drops and restarts mid-turn). */
const checkpoint: Scenario = async (ctx) => {
  await ctx.say("First part of the answer, before the pause.");
  await ctx.checkpoint();
  await ctx.say("Second part of the answer, which pauses again halfway through its text.", {
    checkpointAfterChars: 30,
  });
  return "end_turn";
};

/** A long markdown reply (about 20 kB), for benchmarks. */
const longAnswer: Scenario = async (ctx) => {
  const row = (i: number) => `| span-${i} | checkout | ${(i * 37) % 900} ms | ${i % 7 === 0 ? "error" : "ok"} |\n`;
  let text = "## Slowest spans\n\n| span | service | duration | status |\n| --- | --- | --- | --- |\n";
  for (let i = 0; text.length < 20_000; i++) text += row(i);
  await ctx.say(text);
  return "end_turn";
};

/** Picks a scenario from words in the user's message. */
export function pickScenario(text: string): Scenario {
  const t = text.toLowerCase();
  if (t.includes("checkpoint")) return checkpoint;
  if (t.includes("long answer")) return longAnswer;
  if (t.includes("terminate")) return terminate;
  if (t.includes("two approvals")) return twoApprovals;
  if (t.includes("approve") || t.includes("delete")) return approval;
  if (t.includes("current trace")) return currentTrace;
  if (t.includes("cypher") || t.includes("query")) return cypher;
  if (t.includes("error") || t.includes("fail")) return failure;
  return plain;
}
