import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TracyPanel, type TracyLabels } from "../../src";
import { TracyHttpError } from "../../src/core";
import { createFormat } from "../../src/labels/format";
import { mergeLabels } from "../../src/labels/labels-context";
import { en } from "../helpers/labels";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";

/** Every label replaced by `⟦key⟧`: whatever else reaches the DOM did not come from the labels. */
const MARKED = Object.fromEntries(
  Object.entries(en).map(([key, value]) => [key, typeof value === "function" ? () => `⟦${key}⟧` : `⟦${key}⟧`]),
) as unknown as TracyLabels;

const MARKER = /⟦[A-Za-z]+⟧/g;

/**
 * Words the panel may show besides labels: the conversation's data. Every data word in this test
 * contains `zq`, so no English word passes for data. Code (`<code>`, `<pre>`) and the one-line input
 * summary in a tool card's header (the query, say) are data too.
 */
function strayWords(root: HTMLElement): string[] {
  const found: string[] = [];
  const check = (where: string, value: string) => {
    for (const word of value.replace(MARKER, " ").match(/[A-Za-z_]+/g) ?? []) {
      if (!/zq/i.test(word)) found.push(`${where}: ${JSON.stringify(value)}`);
    }
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest("code, pre, .tracy-tool-summary")) continue;
    check(`text in <${node.parentElement?.tagName.toLowerCase()}>`, node.textContent ?? "");
  }
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
      const value = el.getAttribute(attr);
      if (value !== null) check(`${attr} of <${el.tagName.toLowerCase()}>`, value);
    }
  }
  return [...new Set(found)];
}

const CYPHER_RESULT = JSON.stringify({
  rows: [
    { zqid: "zqs1", zqms: 1840 },
    { zqid: "zqs2", zqms: null },
  ],
  elapsed_ms: 1840,
});

describe("labels", () => {
  it("are the only words in the panel: every state, with every label replaced by a marker", async () => {
    const transport = new FakeTransport();
    const user = userEvent.setup();
    render(
      <TracyPanel
        tenantId="acme"
        traceId="zqtrace"
        transport={transport}
        labels={MARKED}
        isCypherTool={(tool) => tool.name === "zqcypher"}
      />,
    );
    const panel = screen.getByRole("region", { name: "⟦panel⟧" });
    const seen = new Set<string>();
    const expectOnlyLabels = (state: string) => {
      expect(strayWords(panel), state).toEqual([]);
      for (const m of panel.outerHTML.match(MARKER) ?? []) seen.add(m);
    };

    // Empty
    expect(panel).toHaveTextContent("⟦emptyIntro⟧");
    expectOnlyLabels("empty");

    // Sending, then streaming
    await user.type(screen.getByRole("textbox", { name: "⟦composerLabel⟧" }), "zqquestion");
    await user.keyboard("{Enter}");
    expectOnlyLabels("sending");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const stream = transport.lastStream();
    act(() => {
      stream.open();
      stream.emit({
        type: "user.message",
        id: eventId("1:1"),
        processed_at: PROCESSED_AT,
        content: text("zqquestion"),
      });
      stream.emit({ type: "session.status_running", id: eventId("1:2") });
      stream.emit({ type: "event_start", event: { id: eventId("1:3"), type: "agent.message" } });
      stream.emit({
        type: "event_delta",
        event_id: eventId("1:3"),
        delta: { type: "content_delta", content: { type: "text", text: "zqpartial **zqbo" } },
      });
    });
    await screen.findByText("⟦phaseWriting⟧");
    expectOnlyLabels("streaming");

    // A tool card and a Cypher card, running, then done and opened
    act(() => {
      stream.emit({ type: "agent.message", id: eventId("1:3"), content: text("zqanswer **zqbold**\n\n- [x] zqtask") });
      stream.emit({ type: "agent.tool_use", id: eventId("1:4"), name: "zqtool", input: { zqkey: "zqvalue" } });
      stream.emit({
        type: "agent.mcp_tool_use",
        id: eventId("1:5"),
        name: "zqcypher",
        mcp_server_name: "zqserver",
        input: { query: "MATCH (zqs:ZqSpan) RETURN zqs" },
      });
    });
    await screen.findByText("⟦phaseRunningTool⟧");
    expectOnlyLabels("tools running");
    act(() => {
      stream.emit({
        type: "agent.tool_result",
        id: eventId("1:6"),
        tool_use_id: eventId("1:4"),
        content: text("zqresult"),
      });
      stream.emit({
        type: "agent.mcp_tool_result",
        id: eventId("1:7"),
        mcp_tool_use_id: eventId("1:5"),
        content: text(CYPHER_RESULT),
      });
      stream.emit({
        type: "span.model_request_end",
        id: eventId("1:8"),
        model_request_start_id: eventId("1:0"),
        is_error: false,
        model_usage: {
          input_tokens: 1200,
          output_tokens: 300,
          cache_read_input_tokens: 5000,
          cache_creation_input_tokens: 10,
        },
      });
    });
    const [toolTrigger, cypherTrigger] = await screen.findAllByRole("button", { name: /zqtool|zqcypher/ });
    await user.click(toolTrigger!);
    await user.click(cypherTrigger!);
    await screen.findByRole("region", { name: "⟦queryResult⟧" });
    expectOnlyLabels("tool cards");

    // Usage, with details
    await user.click(screen.getByRole("button", { name: /⟦usageShowDetails⟧/ }));
    expectOnlyLabels("usage");

    // An approval, then a session error and a notice
    act(() => {
      stream.emit({
        type: "agent.mcp_tool_use",
        id: eventId("1:9"),
        name: "zqdelete",
        mcp_server_name: "zqserver",
        input: { zqname: "zqsaved" },
        evaluated_permission: "ask",
      });
      stream.emit({
        type: "session.status_idle",
        id: eventId("1:10"),
        stop_reason: { type: "requires_action", event_ids: [eventId("1:9")] },
        stop_details: null,
      });
    });
    await screen.findByText("⟦approvalExplain⟧");
    await user.click(screen.getByRole("button", { name: "⟦denyStart⟧" }));
    expectOnlyLabels("approval");
    act(() => {
      stream.emit({
        type: "session.error",
        id: eventId("1:11"),
        error: { type: "zqupstream_error", message: "zqproblem", retry_status: { type: "terminal" } },
      });
      stream.emit({ type: "user.interrupt", id: eventId("1:12") });
    });
    await screen.findByText("⟦noticeInterrupted⟧");
    expectOnlyLabels("session error");

    // The error banner
    act(() => stream.fail(new TracyHttpError(503, "zqdown")));
    await screen.findByRole("button", { name: "⟦reconnect⟧" });
    expectOnlyLabels("error banner");

    // The states above show a good share of the labels, so the check is not vacuous.
    expect(seen.size).toBeGreaterThan(60);
  });

  it("merge a partial override over English, and the panel's locale formats numbers and picks plurals", async () => {
    expect(mergeLabels(undefined)).toBe(en);
    const merged = mergeLabels({ send: "Senden" });
    expect(merged.send).toBe("Senden");
    expect(merged.stop).toBe(en.stop);
    expect(Object.isFrozen(en) && Object.isFrozen(merged)).toBe(true);

    const de = createFormat("de-DE");
    expect(de.number(1234567)).toBe("1.234.567");
    expect(de.decimal(1.84)).toBe("1,8");
    expect(createFormat("en-US").count(1)).toEqual({ count: 1, n: "1", plural: "one" });
    expect(createFormat("pl").count(3).plural).toBe("few");
    expect(createFormat("not a locale!").number(1)).toBe("1");

    const transport = new FakeTransport();
    transport.history["sesn_1"] = [
      { type: "agent.tool_use", id: eventId("1:1"), name: "zqtool", input: {} },
      { type: "agent.tool_result", id: eventId("1:2"), tool_use_id: eventId("1:1"), content: text("x".repeat(25_000)) },
      {
        type: "span.model_request_end",
        id: eventId("1:3"),
        model_request_start_id: eventId("1:0"),
        is_error: false,
        model_usage: {
          input_tokens: 1234,
          output_tokens: 1,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        },
      },
    ];
    const user = userEvent.setup();
    render(
      <TracyPanel
        tenantId="acme"
        sessionId="sesn_1"
        transport={transport}
        locale="de-DE"
        labels={{ send: "Senden", usageTurn: (turn) => `Runde ${turn}` }}
      />,
    );
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    expect(screen.getByRole("button", { name: "Senden" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: en.composerLabel })).toHaveAttribute("placeholder", en.placeholder);
    await user.click(await screen.findByRole("button", { name: /zqtool/ }));
    expect(screen.getByText(en.outputShowing({ shown: "20.000", total: "25.000" }))).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: new RegExp(en.usageShowDetails) }));
    expect(screen.getByRole("rowheader", { name: "Runde 1" })).toBeInTheDocument();
    expect(screen.getAllByRole("cell", { name: "1.234" }).length).toBeGreaterThan(0);
  });
});
