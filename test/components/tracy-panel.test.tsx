import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { TracyHttpError } from "../../src/core";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

function renderPanel(props: Partial<Parameters<typeof TracyPanel>[0]> = {}) {
  const transport = new FakeTransport();
  const user = userEvent.setup();
  const ui = (p: Partial<Parameters<typeof TracyPanel>[0]>) => (
    <StrictMode>
      <TracyPanel tenantId="acme" traceId="trace-1" transport={transport} {...props} {...p} />
    </StrictMode>
  );
  const view = render(ui({}));
  return { transport, user, rerender: (p: Partial<Parameters<typeof TracyPanel>[0]>) => view.rerender(ui(p)) };
}

const box = () => screen.getByRole("textbox", { name: en.composerLabel });

async function ask(user: ReturnType<typeof userEvent.setup>, question: string) {
  await user.type(box(), question);
  await user.keyboard("{Enter}");
}

describe("<TracyPanel>", () => {
  it("shows the empty state and a labelled composer", () => {
    renderPanel();
    expect(screen.getByText(/Ask Tracy why a trace is slow/)).toBeInTheDocument();
    expect(box()).toBeInTheDocument();
    expect(screen.getByRole("button", { name: en.send })).toBeDisabled();
    expect(screen.getByRole("log")).toHaveAttribute("aria-live", "polite");
  });

  it("Enter sends and shows the message at once; Shift+Enter adds a line", async () => {
    const { user, transport } = renderPanel();
    await user.type(box(), "line one{Shift>}{Enter}{/Shift}line two");
    expect(box()).toHaveValue("line one\nline two");
    await user.keyboard("{Enter}");
    expect(box()).toHaveValue("");
    expect(screen.getByText(/line one\s+line two/)).toBeInTheDocument();
    await waitFor(() => expect(transport.sends).toHaveLength(1));
    expect(transport.sessions).toHaveLength(1);
  });

  it("streams the reply token by token, then renders the final markdown", async () => {
    const { user, transport } = renderPanel();
    await ask(user, "why slow?");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const stream = transport.lastStream();
    act(() => {
      stream.emit({
        type: "user.message",
        id: eventId("1:101"),
        processed_at: PROCESSED_AT,
        content: text("why slow?"),
      });
      stream.emit({ type: "session.status_running", id: eventId("1:102") });
      stream.emit({ type: "event_start", event: { id: eventId("1:103"), type: "agent.message" } });
      stream.emit({
        type: "event_delta",
        event_id: eventId("1:103"),
        delta: { type: "content_delta", content: { type: "text", text: "The **db" } },
      });
    });
    await screen.findByText(/The/);
    expect(screen.getByText(en.phaseWriting)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: en.stop })).toBeInTheDocument();
    act(() => {
      stream.emit({ type: "agent.message", id: eventId("1:103"), content: text("The **db** span is slow.") });
      stream.emit({
        type: "session.status_idle",
        id: eventId("1:104"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      });
    });
    expect(await screen.findByText(en.phaseReady)).toBeInTheDocument();
    expect(screen.getByText("db").tagName).toBe("STRONG");
    expect(screen.getByText(/span is slow/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: en.stop })).not.toBeInTheDocument();
  });

  it("shows a tool call as a collapsible card with its query and result table", async () => {
    const { user, transport } = renderPanel();
    await ask(user, "q");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const stream = transport.lastStream();
    act(() => {
      stream.emit({ type: "session.status_running", id: eventId("1:2") });
      stream.emit({
        type: "agent.mcp_tool_use",
        id: eventId("1:3"),
        name: "run_cypher",
        mcp_server_name: "puppygraph",
        input: { query: "MATCH (s:Span) RETURN elementId(s) AS id", params: { tenant: "acme" } },
      });
    });
    const trigger = await screen.findByRole("button", { name: /run_cypher/ });
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByText("Running run_cypher…")).toBeInTheDocument();
    act(() => {
      stream.emit({
        type: "agent.mcp_tool_result",
        id: eventId("1:4"),
        mcp_tool_use_id: eventId("1:3"),
        content: text(
          JSON.stringify({
            rows: [
              { id: "s1", ms: 1840 },
              { id: "s2", ms: null },
            ],
            elapsed_ms: 1840,
          }),
        ),
      });
    });
    await waitFor(() => expect(trigger).toHaveAttribute("aria-expanded", "false"));
    expect(trigger).toHaveTextContent("2 rows · 1.8 s");
    await user.click(trigger);
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    const card = screen.getByRole("group", { name: "Tool call run_cypher" });
    expect(card.querySelector("pre.tracy-cy code")).toHaveTextContent(/MATCH \(s:Span\)/);
    expect(within(card).getByRole("columnheader", { name: "ms" })).toBeInTheDocument();
    expect(within(card).getByText("null")).toHaveAttribute("data-null");
    trigger.focus();
    await user.keyboard("{Enter}");
    expect(trigger).toHaveAttribute("aria-expanded", "false");
  });

  it("renders hostile markdown inert: no raw HTML, no javascript: links, no images", async () => {
    const { user, transport } = renderPanel();
    await ask(user, "q");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const hostile = [
      "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://clawtrace.example/t/1)",
      '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold?</b>',
      "![pixel](https://evil.example/track.png)",
    ].join("\n\n");
    act(() => transport.lastStream().emit({ type: "agent.message", id: eventId("1:3"), content: text(hostile) }));
    const log = screen.getByRole("log");
    await within(log).findByText("click");
    expect(log.querySelector("script, img, b, [onerror]")).toBeNull();
    expect(within(log).getByText("click").closest("a")).toBeNull();
    expect(within(log).getByText("data").closest("a")).toBeNull();
    const ok = within(log).getByRole("link", { name: "ok" });
    expect(ok).toHaveAttribute("href", "https://clawtrace.example/t/1");
    expect(ok).toHaveAttribute("rel", "noopener noreferrer nofollow");
    expect(ok).toHaveAttribute("target", "_blank");
    expect(within(log).getByText("Image: pixel")).toBeInTheDocument();
  });

  it("keeps the text and offers Retry when a send fails", async () => {
    const { user, transport } = renderPanel();
    transport.sendFailures.push(new TracyHttpError(429, "slow down", "rate_limit_error", 3));
    await ask(user, "important question");
    const alert = await screen.findByText(/Too many requests/);
    expect(alert).toHaveTextContent("Try again in 3 s");
    expect(screen.getByText("important question")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en.retry }));
    await waitFor(() => expect(transport.sends).toHaveLength(2));
    expect(transport.sends[1]?.key).toBe(transport.sends[0]?.key);
  });

  it("sends user.interrupt when Stop is pressed", async () => {
    const { user, transport } = renderPanel();
    await ask(user, "q");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().emit({ type: "session.status_running", id: eventId("1:2") }));
    await user.click(await screen.findByRole("button", { name: en.stop }));
    await waitFor(() => expect(transport.sends.at(-1)?.events).toEqual([{ type: "user.interrupt" }]));
  });

  it("shows session errors and a terminated session plainly", async () => {
    const { user, transport } = renderPanel();
    await ask(user, "q");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => {
      const s = transport.lastStream();
      s.emit({
        type: "session.error",
        id: eventId("1:2"),
        error: {
          type: "mcp_connection_failed_error",
          message: "puppygraph is unreachable",
          retry_status: { type: "terminal" },
        },
      });
      s.emit({ type: "session.status_terminated", id: eventId("1:3") });
    });
    expect(await screen.findByText("puppygraph is unreachable")).toBeInTheDocument();
    expect(screen.getByText(/can't be retried/)).toBeInTheDocument();
    expect(screen.getByText("This session has ended.")).toBeInTheDocument();
    expect(box()).toBeDisabled();
  });

  it("never shows the previous tenant's conversation after a tenant switch", async () => {
    const { user, transport, rerender } = renderPanel();
    await ask(user, "acme secret");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const old = transport.lastStream();
    act(() =>
      old.emit({
        type: "user.message",
        id: eventId("1:101"),
        processed_at: PROCESSED_AT,
        content: text("acme secret"),
      }),
    );
    await screen.findByText("acme secret");
    rerender({ tenantId: "globex" });
    expect(screen.queryByText("acme secret")).not.toBeInTheDocument();
    act(() =>
      transport.emitLate(old, { type: "agent.message", id: eventId("1:102"), content: text("late acme data") }),
    );
    // Events are shown in the order they arrive: once a later one of globex shows, the late one had its chance.
    await ask(user, "globex question");
    await waitFor(() => expect(transport.streams).toHaveLength(2));
    act(() =>
      transport.lastStream().emit({ type: "agent.message", id: eventId("2:1"), content: text("globex answer") }),
    );
    await screen.findByText("globex answer");
    expect(screen.queryByText("late acme data")).not.toBeInTheDocument();
    expect(old.closed).toBe(true);
  });

  it("shows a trace divider when the trace changes between questions", async () => {
    const onSessionChange = vi.fn();
    const { user, transport, rerender } = renderPanel({ onSessionChange });
    await ask(user, "first");
    await waitFor(() => expect(onSessionChange).toHaveBeenCalledWith("sesn_1"));
    rerender({ traceId: "trace-2", onSessionChange });
    await ask(user, "second");
    // Queued behind the first one's turn, already under the trace it was asked about.
    expect(screen.getByText("trace-1", { selector: ".tracy-trace-divider code" })).toBeInTheDocument();
    expect(screen.getByText("trace-2", { selector: ".tracy-trace-divider code" })).toBeInTheDocument();
    act(() => {
      const stream = transport.lastStream();
      stream.open();
      stream.emit({ type: "user.message", id: eventId("1:101"), processed_at: PROCESSED_AT, content: text("first") });
      stream.emit({ type: "session.status_running", id: eventId("1:201") });
      stream.emit({
        type: "session.status_idle",
        id: eventId("1:202"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      });
    });
    await waitFor(() => expect(transport.sends).toHaveLength(2));
    expect(screen.getByText("trace-2", { selector: ".tracy-trace-divider code" })).toBeInTheDocument();
    expect(transport.sends[1]?.ctx.traceId).toBe("trace-2");
  });

  it("uses a host renderer per tool name, and a configurable Cypher detector", async () => {
    const Chart = ({ tool }: { tool: { input: Record<string, unknown> } }) => (
      <figure>chart of {String(tool.input.metric)}</figure>
    );
    const { user, transport } = renderPanel({
      toolRenderers: { render_chart: Chart },
      isCypherTool: (tool) => tool.name === "graph_q",
    });
    await ask(user, "q");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => {
      const s = transport.lastStream();
      s.emit({ type: "agent.tool_use", id: eventId("1:2"), name: "render_chart", input: { metric: "p95" } });
      s.emit({ type: "agent.tool_use", id: eventId("1:3"), name: "graph_q", input: { query: "find slow spans" } });
    });
    expect(await screen.findByText("chart of p95")).toBeInTheDocument();
    const graph = await screen.findByRole("group", { name: /Tool call graph_q/ });
    expect(graph.closest(".tracy-cypher") ?? graph.querySelector(".tracy-cypher")).not.toBeNull();
  });
});
