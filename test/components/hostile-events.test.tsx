import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, text } from "../helpers/fake-transport";
import { mutate } from "../helpers/mutate";
import { mulberry32 } from "../helpers/rng";
import { validEvents } from "../helpers/valid-events";
import { en } from "../helpers/labels";

const END = { type: "agent.message", id: "sevt_9_1", content: text("End of history.") };

async function renderHistory(history: unknown[]) {
  const transport = new FakeTransport();
  transport.history["sesn_h"] = [...history, END];
  render(
    <main>
      <p>Host page content</p>
      <TracyPanel tenantId="acme" sessionId="sesn_h" transport={transport} />
    </main>,
  );
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  await screen.findByText("End of history.");
  return transport;
}

/** Opens every card and sub-agent message, and mounts earlier items, so every view renders its content. */
function expandEverything() {
  for (let round = 0; round < 20; round++) {
    const closed = [
      ...document.querySelectorAll<HTMLButtonElement>(
        '.tracy-panel button[aria-expanded="false"], .tracy-show-earlier',
      ),
    ];
    if (closed.length === 0) return;
    for (const button of closed) fireEvent.click(button);
  }
}

function expectNothingBroke() {
  expect(screen.getByText("Host page content")).toBeInTheDocument();
  expect(document.querySelector(".tracy-panel-fallback")).toBeNull();
  expect(document.querySelector(".tracy-item-fallback")).toBeNull();
  expect(screen.getByRole("textbox", { name: en.composerLabel })).toBeInTheDocument();
}

describe("events that used to crash the panel", () => {
  it("a history message with content [null] still shows the conversation", async () => {
    await renderHistory([
      { type: "user.message", id: "sevt_1_1", content: text("Why?") },
      { type: "agent.message", id: "sevt_1_2", content: [null] },
      { type: "session.status_idle", id: "sevt_1_3", stop_reason: { type: "end_turn" } },
    ]);
    expect(screen.getByText("Why?")).toBeInTheDocument();
    expect(screen.queryByText(en.phaseLoading)).toBeNull();
    expectNothingBroke();
  });

  it("a thread message without content in a frame doesn't lose the frame's other events", async () => {
    const transport = await renderHistory([]);
    act(() => {
      transport
        .lastStream()
        .emit({ type: "agent.thread_message_sent", id: "sevt_9_2", to_session_thread_id: "sthr_1" });
      transport.lastStream().emit({ type: "agent.message", id: "sevt_9_3", content: text("Same frame") });
    });
    expect(await screen.findByText("Same frame")).toBeInTheDocument();
    expect(screen.getByText(/To sub-agent sthr_1/)).toBeInTheDocument();
    expectNothingBroke();
  });

  it("half-formed errors, blocks, results and statuses render", async () => {
    await renderHistory([
      { type: "session.error", id: "sevt_1_1", error: { type: "api_error" } },
      { type: "agent.message", id: "sevt_1_2", content: [{ type: "text" }, { type: "text", text: "Text after" }] },
      { type: "agent.tool_use", id: "sevt_1_3", name: "search", input: { q: "x" } },
      { type: "agent.tool_result", id: "sevt_1_4", tool_use_id: "sevt_1_3", content: "plain string output" },
      { type: "agent.tool_use", id: "sevt_1_5", name: "lookup", input: {} },
      {
        type: "agent.tool_result",
        id: "sevt_1_6",
        tool_use_id: "sevt_1_5",
        content: [{ type: "search_result", title: "T", source: "s" }],
      },
      { type: "agent.tool_use", id: "sevt_1_7", name: "drop_table", input: {}, evaluated_permission: "ask" },
      { type: "session.status_idle", id: "sevt_1_8", stop_reason: { type: "requires_action" } },
    ]);
    expandEverything();
    expect(screen.getByText("Api.")).toBeInTheDocument();
    expect(screen.getByText("Text after")).toBeInTheDocument();
    expect(screen.getByText("plain string output")).toBeInTheDocument();
    expectNothingBroke();
  });
});

describe("property: damaged events never break a view (seeded)", () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))("seed %i", async (seed) => {
    const random = mulberry32(seed);
    await renderHistory(validEvents().map((event) => (random() < 0.8 ? mutate(event, random) : event)));
    expandEverything();
    expectNothingBroke();
  });
});
