import type { OpaqueIds } from "./opaque-ids";

/**
 * A Managed Agents session as a script of what the upstream does, generated at random: what it
 * logs, what it only previews on the stream, and where it waits for the client (an approval, a
 * client tool's result, an interrupt). Shapes follow the SDK's session event types.
 */
export type UpstreamStep =
  /** Appended to the log and delivered on the stream. */
  | { kind: "log"; event: Record<string, unknown> & { id: string; type: string } }
  /** Delivered on the stream only, never listed (`event_start`, `event_delta`). */
  | { kind: "preview"; event: Record<string, unknown> & { type: string } }
  /** Waits for the client to POST this event, then logs it (echoed queued, then processed). */
  | {
      kind: "await";
      type: "user.tool_confirmation" | "user.custom_tool_result" | "user.interrupt";
      toolUseId: string | null;
    };

export interface GeneratedSession {
  steps: UpstreamStep[];
  /** Tool use ids the agent waits on, by what it waits for. */
  approvals: string[];
  clientTools: string[];
  interrupts: number;
}

const at = "2026-11-30T09:00:00Z";
const text = (t: string) => [{ type: "text", text: t }];

export function generateSession(random: () => number, ids: OpaqueIds, turns: number): GeneratedSession {
  const steps: UpstreamStep[] = [];
  const approvals: string[] = [];
  const clientTools: string[] = [];
  let interrupts = 0;
  const pick = (n: number) => Math.floor(random() * n);
  const log = (event: Record<string, unknown> & { type: string }) => {
    const id = ids.next();
    steps.push({ kind: "log", event: { ...event, id, processed_at: at } });
    return id;
  };
  const preview = (event: Record<string, unknown> & { type: string }) => steps.push({ kind: "preview", event });
  const previewText = (id: string, whole: string, upTo = whole.length) => {
    preview({ type: "event_start", event: { id, type: "agent.message" } });
    const pieces = 1 + pick(4);
    const size = Math.ceil(upTo / pieces);
    for (let i = 0; i < upTo; i += size) {
      preview({
        type: "event_delta",
        event_id: id,
        delta: {
          type: "content_delta",
          content: { type: "text", text: whole.slice(i, Math.min(upTo, i + size)) },
          index: 0,
        },
      });
    }
  };
  const usage = () => ({
    input_tokens: 10 + pick(500),
    output_tokens: 5 + pick(300),
    cache_read_input_tokens: pick(5000),
    cache_creation_input_tokens: pick(200),
  });
  const idle = (stop_reason: Record<string, unknown>) =>
    log({ type: "session.status_idle", stop_reason, stop_details: null });

  for (let turn = 0; turn < turns; turn++) {
    log({ type: "system.message", content: text(`tenant_id: acme\ntrace_id: trace-${turn}`) });
    // The user's question is logged like any user event (queued, then processed echo): here as
    // the upstream sees it arrive, so it is part of the script.
    const question = ids.next();
    steps.push({
      kind: "log",
      event: { type: "user.message", id: question, content: text(`Question ${turn}`), processed_at: null },
    });
    steps.push({
      kind: "log",
      event: { type: "user.message", id: question, content: text(`Question ${turn}`), processed_at: at },
    });
    log({ type: "session.status_running" });
    const requests = 1 + pick(3);
    let interrupted = false;
    for (let r = 0; r < requests && !interrupted; r++) {
      const start = log({ type: "span.model_request_start" });
      if (random() < 0.3) {
        const thinking = ids.next();
        preview({ type: "event_start", event: { id: thinking, type: "agent.thinking" } });
        steps.push({ kind: "log", event: { type: "agent.thinking", id: thinking, processed_at: at } });
      }
      const message = ids.next();
      const words =
        `Turn ${turn} request ${r}: ${"the checkout span waits on the database ".repeat(1 + pick(3))}`.trim();
      if (random() < 0.12) {
        // Stopped mid-message: no final event; the request's end closes the preview.
        previewText(message, words, Math.max(1, Math.floor(words.length / 2)));
        steps.push({ kind: "await", type: "user.interrupt", toolUseId: null });
        interrupts += 1;
        log({ type: "span.model_request_end", model_request_start_id: start, is_error: true, model_usage: usage() });
        interrupted = true;
        break;
      }
      previewText(message, words);
      steps.push({
        kind: "log",
        event: { type: "agent.message", id: message, content: text(words), processed_at: at },
      });
      const tool = random();
      if (tool < 0.25) {
        const use = log({
          type: "agent.mcp_tool_use",
          name: "run_cypher",
          mcp_server_name: "puppygraph",
          input: { query: "MATCH (s:Span) RETURN elementId(s)" },
          evaluated_permission: "allow",
        });
        log({ type: "agent.mcp_tool_result", mcp_tool_use_id: use, content: text('{"rows":[]}'), is_error: false });
      } else if (tool < 0.5) {
        const uses = Array.from({ length: 1 + pick(3) }, () =>
          log({
            type: "agent.tool_use",
            name: "bash",
            input: { command: "rm stale.json" },
            evaluated_permission: "ask",
          }),
        );
        log({ type: "span.model_request_end", model_request_start_id: start, is_error: false, model_usage: usage() });
        // Resolving some of them re-emits idle with the rest.
        for (let i = 0; i < uses.length; i++) {
          idle({ type: "requires_action", event_ids: uses.slice(i) });
          steps.push({ kind: "await", type: "user.tool_confirmation", toolUseId: uses[i] as string });
          approvals.push(uses[i] as string);
        }
        log({ type: "session.status_running" });
        for (const use of uses)
          log({ type: "agent.tool_result", tool_use_id: use, content: text("done"), is_error: false });
        continue;
      } else if (tool < 0.7) {
        const use = log({ type: "agent.custom_tool_use", name: "lookup", input: { span: "db" } });
        log({ type: "span.model_request_end", model_request_start_id: start, is_error: false, model_usage: usage() });
        idle({ type: "requires_action", event_ids: [use] });
        steps.push({ kind: "await", type: "user.custom_tool_result", toolUseId: use });
        clientTools.push(use);
        log({ type: "session.status_running" });
        continue;
      }
      log({ type: "span.model_request_end", model_request_start_id: start, is_error: false, model_usage: usage() });
    }
    log({
      type: "session.usage",
      usage: {
        input_tokens: 100 * (turn + 1),
        output_tokens: 40 * (turn + 1),
        list_cost: { amount: `0.0${turn + 1}`, currency: "USD" },
      },
    });
    const ending = random();
    idle({ type: ending < 0.85 || interrupted ? "end_turn" : ending < 0.93 ? "retries_exhausted" : "budget_reached" });
  }
  return { steps, approvals, clientTools, interrupts };
}
