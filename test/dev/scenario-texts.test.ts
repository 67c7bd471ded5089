// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  CHECKOUT_TRACE,
  currentTraceText,
  formatDuration,
  selfTimeMs,
  traceTitle,
  TRACES,
  type DemoTrace,
} from "../../demo/traces";
import type { EventDraft, Scenario, TurnContext } from "../../dev/engine/types";
import { pickScenario } from "../../dev/scenarios";
import { SUGGESTIONS } from "../../demo/suggestions";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import { escapeMarkdown } from "../../dev/scenarios/escape-markdown";
import { guardSummaryMarkdown } from "../../dev/scenarios/run-cypher";
import { mulberry32 } from "../helpers/rng";

/** Plays a scenario without an engine: what it says and emits, the custom tool answered with `toolAnswer`. */
async function play(
  scenario: Scenario,
  traceId: string,
  toolAnswer = "",
): Promise<{ said: string; events: EventDraft[]; serverAnswers: string[] }> {
  const said: string[] = [];
  const events: EventDraft[] = [];
  const serverAnswers: string[] = [];
  let n = 0;
  const ctx: TurnContext = {
    tenantId: "acme-prod",
    traceId,
    userText: "",
    pause: async () => {},
    emit: <E extends EventDraft>(draft: E) => {
      events.push(draft);
      const content = (draft as { content?: unknown }).content;
      if (Array.isArray(content) && draft.type !== "agent.mcp_tool_result") {
        for (const block of content as { text?: unknown }[]) if (typeof block.text === "string") said.push(block.text);
      }
      return { ...draft, id: `sevt_${++n}`, processed_at: null };
    },
    emitUnknown: () => {},
    modelRequest: async (body) => body(),
    think: () => {},
    say: async (text) => void said.push(text),
    awaitConfirmation: async (id) =>
      ({ type: "user.tool_confirmation", id: "u", tool_use_id: id, result: "allow", deny_message: null }) as never,
    awaitCustomToolResult: async (id) =>
      ({
        type: "user.custom_tool_result",
        id: "u",
        custom_tool_use_id: id,
        content: [{ type: "text", text: toolAnswer }],
        is_error: false,
      }) as never,
    // A tool the real stack's server runs: answered as the scripted backend does, with the scenario's canned answer.
    awaitServerToolResult: async (id, canned) => {
      serverAnswers.push(canned.text);
      return {
        type: "user.custom_tool_result",
        id: "u",
        custom_tool_use_id: id,
        content: [{ type: "text", text: canned.text }],
        is_error: canned.isError,
      } as never;
    },
    finish: () => {},
    terminate: () => {},
  };
  await scenario.run(ctx);
  return { said: said.join("\n"), events, serverAnswers };
}

/** Every way the demo writes the trace's durations and self times: `2.93 s`, `1,690 ms`. */
function durationsOf(trace: DemoTrace): Set<string> {
  const ms = trace.spans.flatMap((s, i) => [s.durationMs, selfTimeMs(trace, i)]);
  return new Set(ms.flatMap((m) => [formatDuration(m), `${m.toLocaleString("en-US")} ms`]));
}

/** Durations an answer states as facts; bounds ("under 1 s", "less than 550 ms") are advice, not readings. */
function statedDurations(text: string): string[] {
  const facts = text.replace(/\b(under|less than|over|above|after|within|below)\s+[\d.,]+\s*(ms|s)\b/g, "");
  return [...facts.matchAll(/\b\d[\d,]*(?:\.\d+)?\s(?:ms|s)\b/g)].map((m) => m[0]);
}

describe("the scripted answers agree with the traces the demo page shows", () => {
  it.each(["cypher", "error", "sub-agents"])("%s quotes only the checkout trace's durations", async (name) => {
    const scenario = [...new Set(SUGGESTIONS.map(pickScenario))].find((s) => s.name === name)!;
    const { said } = await play(scenario, CHECKOUT_TRACE.id);
    const stated = statedDurations(said);
    expect(stated.length).toBeGreaterThan(0);
    const known = durationsOf(CHECKOUT_TRACE);
    for (const d of stated) expect(known, `${name} says ${d}`).toContain(d);
  });

  it("the Cypher scenario's rows are the checkout trace's spans", async () => {
    // The scripted backend's answer in tracy-server's place (on the real stack, the graph holds the same spans).
    const { serverAnswers, said } = await play(pickScenario("Why is checkout slow?"), CHECKOUT_TRACE.id);
    const { columns, rows } = JSON.parse(serverAnswers[0]!) as { columns: string[]; rows: unknown[][] };
    const at = (row: unknown[], column: string) => row[columns.indexOf(column)];
    expect(rows.map((r) => `${at(r, "service")} ${at(r, "operation")} ${at(r, "duration_ms")}`).sort()).toEqual(
      CHECKOUT_TRACE.spans.map((s) => `${s.service} ${s.name} ${s.durationMs}`).sort(),
    );
    // The page's title and the answer give the request the same duration.
    const total = traceTitle(CHECKOUT_TRACE).split(" — ")[1]!;
    expect(said).toContain(`took **${total}**`);
  });

  it.each(TRACES.map((t) => [traceTitle(t), t] as const))(
    "the current-trace answer for %s names that trace's slowest span, with its own time",
    async (_, trace) => {
      const { said } = await play(pickScenario("current trace"), trace.id, currentTraceText(trace));
      const self = trace.spans.map((s, i) => ({ s, ms: selfTimeMs(trace, i) })).sort((a, b) => b.ms - a.ms)[0]!;
      expect(said).toContain(`\`${self.s.name}\` in \`${self.s.service}\` (${formatDuration(self.ms)})`);
      for (const d of statedDurations(said)) expect(durationsOf(trace), d).toContain(d);
    },
  );

  it("the approval question asks to delete what the scenario deletes", async () => {
    const question = SUGGESTIONS.find((q) => pickScenario(q).name === "approval")!;
    const { events } = await play(pickScenario(question), CHECKOUT_TRACE.id);
    const use = events.find((e) => e.type === "agent.mcp_tool_use") as unknown as {
      name: string;
      input: { name: string };
    };
    expect(use.name).toBe("delete_saved_query");
    expect(question).toContain(use.input.name);
    expect(question.toLowerCase()).toContain("saved query");
  });

  it("self time subtracts the union of concurrent children, never more than the span", () => {
    expect(selfTimeMs(CHECKOUT_TRACE, 0)).toBe(2930 - (2510 - 60) - 12);
    for (const trace of TRACES)
      trace.spans.forEach((s, i) => {
        expect(selfTimeMs(trace, i)).toBeGreaterThanOrEqual(0);
        expect(selfTimeMs(trace, i)).toBeLessThanOrEqual(s.durationMs);
      });
  });
});

const markdownHtml = (markdown: string) => renderToStaticMarkup(createElement(ReactMarkdown, null, markdown)).trim();
const htmlText = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

describe("escapeMarkdown", () => {
  it("markdown shows escaped text as written, whatever punctuation it holds (300 generated texts)", () => {
    const random = mulberry32(17);
    const alphabet = "ab1 _*`[]()<>#+-.!|~\\{}$:=/&\"'";
    for (let n = 0; n < 300; n++) {
      let text = "";
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      text = `x${text}x`; // emphasis needs no space inside its delimiters
      expect(markdownHtml(escapeMarkdown(text)), JSON.stringify(text)).toBe(`<p>${htmlText(text)}</p>`);
      expect(markdownHtml(`_${escapeMarkdown(text)}_`), JSON.stringify(text)).toBe(`<p><em>${htmlText(text)}</em></p>`);
    }
  });

  it("the guard's notes, Cypher included, stay inside the emphasis", () => {
    const notes = [
      { code: "tenant-scoped", message: "Limited to your tenant (tenant_id = $_tracy_tenant on t, s)." },
      { code: "path-bounded", message: "Variable-length paths are bounded: [*..5] instead of [*]." },
    ];
    const html = markdownHtml(guardSummaryMarkdown(notes));
    expect(html).toBe(
      `<p><em>${htmlText(`The server's guard rewrote the query before it ran: ${notes.map((n) => n.message).join(" ")}`)}</em></p>`,
    );
    expect(guardSummaryMarkdown([])).toBe("");
  });
});
