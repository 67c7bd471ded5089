import { createOpaqueIds } from "../../helpers/opaque-ids";
import { ATTACKER, PAYLOADS, type Payload } from "./corpus";

/**
 * Scripted conversations in the Managed Agents event schema. A script is a list of batches: the
 * fixture's transport emits one batch, then waits for the panel to paint, so streaming previews
 * of each payload are rendered too, not only the final messages.
 */
export interface Batch {
  /** Which payload and step, for timing and for failures. */
  label: string;
  events: unknown[];
}

export const HOSTILE_END = "End of the hostile corpus.";
export const BENIGN_END = "End of the benign answer.";

/** The places each payload is put, for the report; `Placement` is an index into this list. */
export const PLACEMENTS = [
  "agent message (streamed previews + final markdown)",
  "sub-agent thread message (markdown) and its agent name",
  "tool input value and key",
  "tool result text, search_result title/source, document text, image/document URL",
  "is_error tool result",
  "run_cypher query",
  "run_cypher result row value, graph node label and property",
  "run_cypher is_error result",
  "session.error message",
] as const;
export type Placement = number;

/**
 * Which placements each payload is put in. `"all"`: the full matrix. `{ perPayload: k }`: every payload
 * still goes through the agent message (the markdown renderer, previews included) and k − 1 of the other
 * placements in rotation, so each of those gets about (k − 1)/8 of the payloads; a payload that carries
 * data for one placement only (`blocks`, `url`, `value`, `cypherResult`) is always put there too.
 */
export type PlacementPlan = "all" | { perPayload: number };

const AGENT_MESSAGE = 0;
const THREAD_MESSAGE = 1;
const TOOL_INPUT = 2;
const TOOL_RESULT = 3;
const TOOL_ERROR = 4;
const CYPHER_QUERY = 5;
const CYPHER_RESULT = 6;
const CYPHER_ERROR = 7;
const SESSION_ERROR = 8;

/** The placements of the `index`-th payload under `plan`. */
export function placementsOf(payload: Payload, index: number, plan: PlacementPlan): ReadonlySet<Placement> {
  if (plan === "all") return new Set(PLACEMENTS.keys());
  const others = PLACEMENTS.length - 1;
  const rotating = Math.min(Math.max(plan.perPayload - 1, 0), others);
  const set = new Set<Placement>([AGENT_MESSAGE]);
  for (let j = 0; j < rotating; j++) set.add(1 + ((index * rotating + j) % others));
  if (payload.blocks !== undefined || payload.url !== undefined) set.add(TOOL_RESULT);
  if (payload.value !== undefined) set.add(TOOL_INPUT).add(CYPHER_RESULT);
  if (payload.cypherResult !== undefined) set.add(CYPHER_RESULT);
  return set;
}

/** What the payloads become in the transcript under `plan`. */
export function expectedItems(payloads: readonly Payload[], plan: PlacementPlan) {
  const counts = { agentMessages: 0, threadMessages: 0, toolCards: 0, sessionErrors: 0 };
  payloads.forEach((p, i) => {
    const at = placementsOf(p, i, plan);
    counts.agentMessages += at.has(AGENT_MESSAGE) ? 1 : 0;
    counts.threadMessages += at.has(THREAD_MESSAGE) ? 1 : 0;
    counts.toolCards +=
      Number(at.has(TOOL_INPUT) || at.has(TOOL_RESULT)) +
      Number(at.has(TOOL_ERROR)) +
      Number(at.has(CYPHER_QUERY) || at.has(CYPHER_RESULT)) +
      Number(at.has(CYPHER_ERROR));
    counts.sessionErrors += at.has(SESSION_ERROR) ? 1 : 0;
  });
  return counts;
}

/** How many payloads each placement gets under `plan` (for the report). */
export function placementCoverage(payloads: readonly Payload[], plan: PlacementPlan): number[] {
  const per = PLACEMENTS.map(() => 0);
  payloads.forEach((p, i) => placementsOf(p, i, plan).forEach((at) => per[at]!++));
  return per;
}

/** `?placements=3` in the fixture's URL: three placements per payload; absent or `all`: every placement. */
export function parsePlacementPlan(value: string | null): PlacementPlan {
  const k = Number(value);
  return value && value !== "all" && Number.isInteger(k) && k > 0 ? { perPayload: k } : "all";
}

/** A placement's query string for the fixture. */
export const placementQuery = (plan: PlacementPlan): string => (plan === "all" ? "" : `&placements=${plan.perPayload}`);

const text = (t: string) => [{ type: "text", text: t }];

/** Fresh opaque event ids, as the upstream hands out: they identify, never order. */
function idCounter(seed: number): () => string {
  return createOpaqueIds(seed).next;
}

/** Three roughly equal pieces, so previews show the payload cut mid-way. */
function thirds(s: string): string[] {
  const a = Math.floor(s.length / 3);
  return [s.slice(0, a), s.slice(a, 2 * a), s.slice(2 * a)];
}

function cypherResult(p: Payload): string {
  if (p.cypherResult !== undefined) return p.cypherResult;
  const node = { elementId: `4:${p.id}:0`, labels: [p.text.slice(0, 200)], properties: { name: p.text } };
  const row: unknown[] = [p.id, p.text, node];
  if (p.value !== undefined) row.push(p.value);
  const columns = ["name", "value", "node", ...(p.value !== undefined ? ["json"] : [])];
  return JSON.stringify({ columns, rows: [row] });
}

/** A stand-in where a placement is left out but the item needs the field (a tool result needs its call). */
const BENIGN = "benign";

function payloadBatches(p: Payload, at: ReadonlySet<Placement>, nextId: () => string): Batch[] {
  const [a = "", b = "", c = ""] = thirds(p.text);
  const msg = nextId();
  const [tool, toolResult, failing, failingResult, cypher, cypherRes, cypherFail, cypherFailRes] = Array.from(
    { length: 8 },
    nextId,
  );
  const url = p.url ?? `${ATTACKER}/tool-url/${p.id}`;
  const input: Record<string, unknown> = { text: p.text, [p.text.slice(0, 100)]: "payload as a key" };
  if (p.value !== undefined) input.value = p.value;
  const payloadQuery = `MATCH (s:Span) WHERE s.note = $note RETURN s.name AS name, s.note AS value // ${p.text}`;
  const query = at.has(CYPHER_QUERY) ? payloadQuery : "MATCH (s:Span) RETURN s.name AS name LIMIT 1";
  const delta = (t: string) => ({
    type: "event_delta",
    event_id: msg,
    delta: { type: "content_delta", content: { type: "text", text: t } },
  });
  const events: unknown[] = [];
  if (at.has(AGENT_MESSAGE)) events.push(delta(c), { type: "agent.message", id: msg, content: text(p.text) });
  if (at.has(THREAD_MESSAGE))
    events.push({
      type: "agent.thread_message_received",
      id: nextId(),
      from_session_thread_id: "sthr_probe",
      from_agent_name: p.text.slice(0, 200),
      content: text(p.text),
    });
  if (at.has(TOOL_INPUT) || at.has(TOOL_RESULT))
    events.push(
      {
        type: "agent.tool_use",
        id: tool,
        name: "inspect_payload",
        input: at.has(TOOL_INPUT) ? input : { text: BENIGN },
      },
      {
        type: "agent.tool_result",
        id: toolResult,
        tool_use_id: tool,
        content: at.has(TOOL_RESULT)
          ? [
              ...text(p.text),
              { type: "search_result", title: p.text.slice(0, 500), source: url, content: text(p.text) },
              {
                type: "document",
                title: p.text.slice(0, 500),
                source: { type: "text", media_type: "text/plain", data: p.text },
              },
              { type: "image", source: { type: "url", url } },
              { type: "document", source: { type: "url", url }, title: "linked" },
              ...(p.blocks ?? []),
            ]
          : text(BENIGN),
      },
    );
  if (at.has(TOOL_ERROR))
    events.push(
      { type: "agent.tool_use", id: failing, name: "inspect_payload_failing", input: { text: p.text } },
      { type: "agent.tool_result", id: failingResult, tool_use_id: failing, is_error: true, content: text(p.text) },
    );
  if (at.has(CYPHER_QUERY) || at.has(CYPHER_RESULT))
    events.push(
      {
        type: "agent.mcp_tool_use",
        id: cypher,
        name: "run_cypher",
        mcp_server_name: "clawtrace-graph",
        input: { query },
      },
      {
        type: "agent.mcp_tool_result",
        id: cypherRes,
        mcp_tool_use_id: cypher,
        content: text(at.has(CYPHER_RESULT) ? cypherResult(p) : '{"columns":["name"],"rows":[["benign"]]}'),
      },
    );
  if (at.has(CYPHER_ERROR))
    events.push(
      {
        type: "agent.mcp_tool_use",
        id: cypherFail,
        name: "run_cypher",
        mcp_server_name: "clawtrace-graph",
        input: { query: payloadQuery },
      },
      {
        type: "agent.mcp_tool_result",
        id: cypherFailRes,
        mcp_tool_use_id: cypherFail,
        is_error: true,
        content: text(p.text),
      },
    );
  if (at.has(SESSION_ERROR))
    events.push({
      type: "session.error",
      id: nextId(),
      error: { type: "probe_error", message: p.text, retry_status: { type: "retrying" } },
    });
  const previews: Batch[] = at.has(AGENT_MESSAGE)
    ? [
        {
          label: `${p.id} (preview 1/3)`,
          events: [{ type: "event_start", event: { id: msg, type: "agent.message" } }, delta(a)],
        },
        { label: `${p.id} (preview 2/3)`, events: [delta(b)] },
      ]
    : [];
  return [...previews, { label: p.id, events }];
}

/** Every payload in the placements `plan` gives it, then a closing message and an idle status. */
export function hostileScript(
  payloads: readonly Payload[] = PAYLOADS,
  plan: PlacementPlan = "all",
  seed = 21,
): Batch[] {
  const nextId = idCounter(seed);
  const batches: Batch[] = [{ label: "start", events: [{ type: "session.status_running", id: nextId() }] }];
  payloads.forEach((p, i) => batches.push(...payloadBatches(p, placementsOf(p, i, plan), nextId)));
  batches.push({
    label: "end",
    events: [
      { type: "agent.message", id: nextId(), content: text(HOSTILE_END) },
      { type: "session.status_idle", id: nextId(), stop_reason: { type: "end_turn" } },
    ],
  });
  return batches;
}

/** An ordinary answer: proves the panel works at all under the strict CSP. */
export function benignScript(seed = 22): Batch[] {
  const nextId = idCounter(seed);
  const answer = [
    "## Checkout latency",
    "The slow span is **payments-db** (see [the runbook](https://example.com/runbook)).",
    "| service | p95 ms |\n|---|---|\n| checkout | 1840 |\n| payments-db | 1720 |",
    "```cypher\nMATCH (s:Span) RETURN s LIMIT 5\n```",
    "![latency chart](https://example.com/chart.png)",
    BENIGN_END,
  ].join("\n\n");
  const [running, msg, cypher, cypherRes] = Array.from({ length: 4 }, nextId);
  return [
    { label: "start", events: [{ type: "session.status_running", id: running }] },
    { label: "preview", events: [{ type: "event_start", event: { id: msg, type: "agent.message" } }] },
    {
      label: "answer",
      events: [
        {
          type: "agent.mcp_tool_use",
          id: cypher,
          name: "run_cypher",
          mcp_server_name: "clawtrace-graph",
          input: { query: "MATCH (s:Span) RETURN s.name AS name LIMIT 2" },
        },
        {
          type: "agent.mcp_tool_result",
          id: cypherRes,
          mcp_tool_use_id: cypher,
          content: text('{"columns":["name"],"rows":[["checkout"],["payments-db"]]}'),
        },
        { type: "agent.message", id: msg, content: text(answer) },
        { type: "session.status_idle", id: nextId(), stop_reason: { type: "end_turn" } },
      ],
    },
  ];
}

export const LONG_END = "End of the long conversation.";

/** Many short answers, ten per batch: a conversation long enough to be windowed. */
export function longScript(messages = 150, seed = 23): Batch[] {
  const nextId = idCounter(seed);
  const batches: Batch[] = [];
  for (let first = 1; first <= messages; first += 10) {
    const events = [];
    for (let n = first; n < first + 10 && n <= messages; n++) {
      const text = n === messages ? LONG_END : `Finding ${n}: span **s${n}** took ${n * 7} ms.\n\n- checked\n- noted`;
      events.push({ type: "agent.message", id: nextId(), content: [{ type: "text", text }] });
    }
    batches.push({ label: `long ${first}`, events });
  }
  batches.push({
    label: "idle",
    events: [{ type: "session.status_idle", id: nextId(), stop_reason: { type: "end_turn" } }],
  });
  return batches;
}

export const LONG_REPLY_END = "End of the long reply.";

/**
 * One long answer (about `chars` characters of headings, paragraphs, lists, tables and code), streamed in deltas of
 * about 2,000 characters, then final: a reply long enough that most of it is far above the view as it ends.
 */
export function longReplyScript(chars = 120_000, seed = 24): Batch[] {
  const nextId = idCounter(seed);
  const sections: string[] = [];
  let size = 0;
  for (let n = 1; size < chars; n++) {
    const parts = [
      `## ${n}. Span s${n}`,
      `Span **s${n}** waited ${n * 7} ms on \`payments-db\` while the pool was saturated; retries amplified the load ` +
        `across every replica, and the same lookup repeated in each child span of the request.`,
      Array.from({ length: 4 }, (_, i) => `- child ${i + 1} of s${n}: ${n * 3 + i} ms in the pool`).join("\n"),
    ];
    if (n % 5 === 0) {
      const rows = Array.from({ length: 8 }, (_, i) => `| s${n}.${i} | ${n + i} | ${n * i} |`);
      parts.push(["| span | p50 ms | p95 ms |", "| --- | ---: | ---: |", ...rows].join("\n"));
    }
    if (n % 7 === 0) {
      const lines = Array.from({ length: 6 }, (_, i) => `MATCH (s:Span {name: 's${n}.${i}'}) RETURN elementId(s)`);
      parts.push(["```cypher", ...lines, "```"].join("\n"));
    }
    const section = parts.join("\n\n");
    sections.push(section);
    size += section.length + 2;
  }
  const answer = [...sections, LONG_REPLY_END].join("\n\n");
  const msg = nextId();
  const deltas: Batch[] = [];
  for (let at = 0; at < answer.length; at += 2_000) {
    const piece = answer.slice(at, at + 2_000);
    const delta = {
      type: "event_delta",
      event_id: msg,
      delta: { type: "content_delta", content: { type: "text", text: piece } },
    };
    deltas.push({
      label: `long reply ${at}`,
      events: at === 0 ? [{ type: "event_start", event: { id: msg, type: "agent.message" } }, delta] : [delta],
    });
  }
  return [
    { label: "start", events: [{ type: "session.status_running", id: nextId() }] },
    ...deltas,
    {
      label: "final",
      events: [
        { type: "agent.message", id: msg, content: text(answer) },
        { type: "session.status_idle", id: nextId(), stop_reason: { type: "end_turn" } },
      ],
    },
  ];
}
