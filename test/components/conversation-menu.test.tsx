import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TracyPanel, de } from "../../src";
import { ExactInteger, TracyHttpError } from "../../src/core";
import type { SessionPage, TracyRequestContext } from "../../src/transport/types";
import { FakeTransport, PROCESSED_AT, agentTurn, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A backend with a conversation list: each tenant's, answered at once or held by the test. */
class ListingTransport extends FakeTransport {
  byTenant: Record<string, SessionPage> = {};
  hold = false;
  held: { ctx: TracyRequestContext; answer(page: SessionPage): void }[] = [];
  listCalls: TracyRequestContext[] = [];
  listSessions(ctx: TracyRequestContext, _page: { page?: string | null }) {
    this.listCalls.push(ctx);
    const page = this.byTenant[ctx.tenantId] ?? { data: [], next_page: null };
    if (!this.hold) return Promise.resolve(page);
    return new Promise<SessionPage>((answer) => this.held.push({ ctx, answer }));
  }
}

function renderPanel(transport: FakeTransport, props: Partial<Parameters<typeof TracyPanel>[0]> = {}) {
  const user = userEvent.setup();
  const ui = (p: Partial<Parameters<typeof TracyPanel>[0]>) => (
    <StrictMode>
      <TracyPanel tenantId="acme" traceId="trace-1" transport={transport} {...props} {...p} />
    </StrictMode>
  );
  const view = render(ui({}));
  return { user, rerender: (p: Partial<Parameters<typeof TracyPanel>[0]>) => view.rerender(ui(p)) };
}

const menuButton = () => screen.getByRole("button", { name: en.conversationsMenu });
const box = () => screen.getByRole("textbox", { name: en.composerLabel });

afterEach(() => vi.restoreAllMocks());

describe("conversations menu", () => {
  it("lists this tenant's conversations with titles and relative times; arrows, Home/End and Escape work", async () => {
    const transport = new ListingTransport();
    transport.byTenant["acme"] = {
      data: [
        { id: "s2", title: "Why is checkout slow?", traceId: null, createdAt: ago(2 * HOUR) },
        { id: "s1", title: null, traceId: null, createdAt: ago(3 * 24 * HOUR) },
      ],
      next_page: null,
    };
    const { user } = renderPanel(transport);
    menuButton().focus();
    await user.keyboard("{ArrowDown}");
    const menu = await screen.findByRole("menu", { name: en.conversationsMenu });
    expect(menuButton()).toHaveAttribute("aria-expanded", "true");
    const group = within(menu).getByRole("group", { name: en.conversationsHeading });
    const first = await within(group).findByRole("menuitemradio", { name: /Why is checkout slow\?/ });
    expect(first).toHaveTextContent("2 hours ago");
    expect(within(group).getByRole("menuitemradio", { name: new RegExp(en.conversationUntitled) })).toHaveTextContent(
      "3 days ago",
    );
    expect(first.querySelector("time")).toHaveAttribute("dateTime", transport.byTenant["acme"].data[0]?.createdAt);
    // Focus starts on the first item (the list may still have been loading when the menu opened).
    await waitFor(() => expect(menu).toContainElement(document.activeElement as HTMLElement));
    await user.keyboard("{Home}");
    expect(first).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(within(group).getByRole("menuitemradio", { name: new RegExp(en.conversationUntitled) })).toHaveFocus();
    // Without a conversation, New conversation and the exports are disabled: the arrows skip them.
    await user.keyboard("{End}");
    expect(within(group).getByRole("menuitemradio", { name: new RegExp(en.conversationUntitled) })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(first).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(menuButton()).toHaveFocus();
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");
  });

  it("opening an earlier conversation loads its history, trace markers included, and tells the host", async () => {
    const transport = new ListingTransport();
    transport.byTenant["acme"] = {
      data: [{ id: "sesn_old", title: "Old question", traceId: "4bf92f", createdAt: ago(HOUR) }],
      next_page: null,
    };
    transport.history["sesn_old"] = [
      { type: "user.message", id: eventId("5:1"), content: text("Old question"), processed_at: PROCESSED_AT },
      {
        type: "system.message",
        id: eventId("5:2"),
        content: text(
          "Context from the ClawTrace host for this turn. tenant_id: acme. trace_id: 4bf92f. Scope every query.",
        ),
      },
      ...agentTurn(3, "The old answer.", 5),
    ];
    const onSessionChange = vi.fn();
    const { user } = renderPanel(transport, { onSessionChange });
    await user.click(menuButton());
    await user.click(await screen.findByRole("menuitemradio", { name: /Old question/ }));
    expect(onSessionChange).toHaveBeenCalledWith("sesn_old");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    await waitFor(() => expect(transport.streams.at(-1)?.sessionId).toBe("sesn_old"));
    act(() => transport.lastStream().open());
    expect(await screen.findByText("The old answer.")).toBeInTheDocument();
    const marker = screen.getByRole("note", { name: "" });
    expect(marker).toHaveTextContent(`${en.askingAboutTrace} 4bf92f`);

    // Reopened, the menu marks it as the one shown.
    await user.click(menuButton());
    expect(await screen.findByRole("menuitemradio", { name: /Old question/ })).toHaveAttribute("aria-checked", "true");
  });

  it("never shows one tenant's conversations under another, even when the old tenant's answer comes late", async () => {
    const transport = new ListingTransport();
    transport.byTenant["acme"] = {
      data: [{ id: "a1", title: "acme secret", traceId: null, createdAt: ago(HOUR) }],
      next_page: null,
    };
    transport.byTenant["globex"] = {
      data: [{ id: "g1", title: "globex question", traceId: null, createdAt: ago(HOUR) }],
      next_page: null,
    };
    transport.hold = true;
    const { user, rerender } = renderPanel(transport);
    await user.click(menuButton());
    await waitFor(() => expect(transport.held).toHaveLength(1));
    rerender({ tenantId: "globex" });
    // acme's answer arrives after the switch: dropped.
    await act(async () => transport.held[0]?.answer(transport.byTenant["acme"] as SessionPage));
    expect(screen.queryByText("acme secret")).not.toBeInTheDocument();
    await user.click(menuButton());
    if (!screen.queryByRole("menu")) await user.click(menuButton());
    await waitFor(() => expect(transport.held.some((h) => h.ctx.tenantId === "globex")).toBe(true));
    await act(async () =>
      transport.held.find((h) => h.ctx.tenantId === "globex")?.answer(transport.byTenant["globex"] as SessionPage),
    );
    expect(await screen.findByRole("menuitemradio", { name: /globex question/ })).toBeInTheDocument();
    expect(screen.queryByText("acme secret")).not.toBeInTheDocument();
  });

  it("a list that arrives after the menu opened takes the focus to the conversation shown, unless the user moved", async () => {
    const transport = new ListingTransport();
    transport.hold = true;
    const page: SessionPage = {
      data: [
        { id: "s3", title: "Newest", traceId: null, createdAt: ago(HOUR) },
        { id: "sesn_1", title: "Shown now", traceId: null, createdAt: ago(2 * HOUR) },
      ],
      next_page: null,
    };
    const { user } = renderPanel(transport, { sessionId: "sesn_1" });
    await user.click(menuButton());
    await waitFor(() => expect(transport.held).toHaveLength(1));
    expect(screen.getByRole("menuitem", { name: en.newConversation })).toHaveFocus();
    await act(async () => transport.held[0]?.answer(page));
    expect(await screen.findByRole("menuitemradio", { name: /Shown now/ })).toHaveFocus();

    await user.keyboard("{Escape}");
    await user.click(menuButton());
    await waitFor(() => expect(transport.held).toHaveLength(2));
    expect(screen.getByRole("menuitemradio", { name: /Shown now/ })).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    const moved = screen.getByRole("menuitemradio", { name: /Newest/ });
    expect(moved).toHaveFocus();
    await act(async () => transport.held[1]?.answer(page));
    expect(moved).toHaveFocus();
  });

  it("offers no list when the backend has none (404), but still New conversation and the exports", async () => {
    const transport = new FakeTransport();
    Object.assign(transport, {
      listSessions: () => Promise.reject(new TracyHttpError(404, "Not found")),
    });
    const { user } = renderPanel(transport);
    await user.click(menuButton());
    const menu = await screen.findByRole("menu");
    await waitFor(() => expect(within(menu).queryByRole("group")).not.toBeInTheDocument());
    expect(within(menu).getByRole("menuitem", { name: en.newConversation })).toBeInTheDocument();
    expect(within(menu).getByRole("menuitem", { name: en.exportMarkdown })).toHaveAttribute("aria-disabled", "true");
  });

  it("the menu has no axe violations, and its words come from the labels", async () => {
    const transport = new ListingTransport();
    transport.byTenant["acme"] = {
      data: [{ id: "s1", title: "Frage", traceId: null, createdAt: ago(HOUR) }],
      next_page: null,
    };
    const { user } = renderPanel(transport, { labels: de, locale: "de-DE" });
    await user.click(screen.getByRole("button", { name: de.conversationsMenu }));
    const item = await screen.findByRole("menuitemradio", { name: /Frage/ });
    expect(item).toHaveTextContent("vor 1 Stunde");
    expect(screen.getByRole("menuitem", { name: de.exportJson })).toBeInTheDocument();
    const results = await axe.run(document.body, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
  });
});

describe("new conversation", () => {
  it("the header button leaves the conversation, tells the host, keeps the draft and focuses the message box", async () => {
    const transport = new FakeTransport();
    const onSessionChange = vi.fn();
    const { user } = renderPanel(transport, { sessionId: "sesn_1", onSessionChange });
    const newButton = screen.getByRole("button", { name: en.newConversationHint });
    await user.type(box(), "draft");
    await user.click(newButton);
    expect(onSessionChange).toHaveBeenCalledWith(null);
    await waitFor(() => expect(box()).toHaveFocus());
    expect(box()).toHaveValue("draft");
  });

  it("does not take the focus back to the message box if the user moved on before the next frame", async () => {
    const transport = new FakeTransport();
    const { user } = renderPanel(transport, { sessionId: "sesn_1" });
    const frames: FrameRequestCallback[] = [];
    // Hold the frames: the user reaches the menu button before the panel's next frame runs.
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(cb));
    await user.click(screen.getByRole("button", { name: en.newConversationHint }));
    expect(frames.length).toBeGreaterThan(0);
    act(() => menuButton().focus());
    raf.mockRestore();
    act(() => frames.forEach((cb) => cb(0)));
    expect(menuButton()).toHaveFocus();
    expect(box()).not.toHaveFocus();
  });

  it("the budget and ended-session messages start a new conversation", async () => {
    const transport = new FakeTransport();
    transport.history["sesn_1"] = [
      { type: "user.message", id: eventId("6:1"), content: text("scan"), processed_at: PROCESSED_AT },
      {
        type: "session.status_idle",
        id: eventId("6:2"),
        stop_reason: { type: "budget_reached" },
        stop_details: null,
      },
    ];
    const onSessionChange = vi.fn();
    const { user } = renderPanel(transport, { sessionId: "sesn_1", onSessionChange });
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    const notice = (await screen.findByText(en.noticeBudgetReached, { exact: false })).closest(
      "[role=note]",
    ) as HTMLElement;
    await user.click(within(notice).getByRole("button", { name: en.newConversation }));
    expect(onSessionChange).toHaveBeenCalledWith(null);
    expect(screen.queryByText(en.noticeBudgetReached, { exact: false })).not.toBeInTheDocument();
    await waitFor(() => expect(box()).toHaveFocus());
  });
});

/** jsdom's Blob has no text(). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe("export", () => {
  function captureDownloads() {
    const files: { name: string; type: string; text: Promise<string> }[] = [];
    let blob: Blob | null = null;
    vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      blob = b as Blob;
      return "blob:tracy";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      if (blob) files.push({ name: this.download, type: blob.type, text: readText(blob) });
    });
    return files;
  }

  const BIG = "1311768467463790321";
  function conversation(transport: FakeTransport) {
    transport.history["sesn_1"] = [
      {
        type: "user.message",
        id: eventId("8:1"),
        content: text("Why is *checkout* slow?\n# not a heading"),
        processed_at: PROCESSED_AT,
      },
      {
        type: "system.message",
        id: eventId("8:2"),
        content: text(
          "Context from the ClawTrace host for this turn. tenant_id: acme. trace_id: 4bf92f. Scope every query.",
        ),
      },
      {
        type: "agent.mcp_tool_use",
        id: eventId("8:3"),
        name: "run_cypher",
        mcp_server_name: "clawtrace",
        input: { query: "MATCH (s:Span) RETURN s ```", params: { span: new ExactInteger(BIG) } },
        processed_at: "2026-03-02T14:00:00.000Z",
      },
      {
        type: "agent.mcp_tool_result",
        id: eventId("8:4"),
        mcp_tool_use_id: eventId("8:3"),
        content: text(`[{"span_id": ${BIG}, "ms": 1690}]`),
        processed_at: "2026-03-02T14:00:01.500Z",
      },
      ...agentTurn(5, "The **payments-db** span is slow.", 8),
    ];
  }

  it("downloads a readable Markdown transcript: questions, trace, replies and tool calls with input and result", async () => {
    const files = captureDownloads();
    const transport = new FakeTransport();
    conversation(transport);
    const { user } = renderPanel(transport, { sessionId: "sesn_1" });
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    await screen.findByText("payments-db");
    await user.click(menuButton());
    await user.click(screen.getByRole("menuitem", { name: en.exportMarkdown }));
    await waitFor(() => expect(files).toHaveLength(1));
    const file = files[0]!;
    expect(file.name).toBe("tracy-sesn_1.md");
    expect(file.type).toMatch(/^text\/markdown/);
    const md = await file.text;
    expect(md).toContain("# Tracy: Why is \\*checkout\\* slow? \\# not a heading\n");
    expect(md).toContain(`_${en.askingAboutTrace} \`4bf92f\`_`);
    expect(md).toContain(`### ${en.you}\n\n> Why is *checkout* slow?\n> \\# not a heading`);
    expect(md).toContain(`### ${en.agent}\n\nThe **payments-db** span is slow.`);
    expect(md).toContain(en.exportToolCall("clawtrace.run_cypher", `${en.statusDone} · 1.5 s`));
    // The query's own backticks can't close the fence around the input; the id keeps every digit.
    expect(md).toContain('````json\n{\n  "query": "MATCH (s:Span) RETURN s ```"');
    expect(md).toContain(`"span": ${BIG}`);
    expect(md).toContain(`[{"span_id": ${BIG}, "ms": 1690}]`);
    // Done: the menu closes and focus goes back to its button.
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(menuButton()).toHaveFocus();
  });

  it("downloads the event log as JSON exactly as received: 64-bit ids keep every digit", async () => {
    const files = captureDownloads();
    const transport = new FakeTransport();
    conversation(transport);
    const { user } = renderPanel(transport, { sessionId: "sesn_1" });
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    await screen.findByText("payments-db");
    await user.click(menuButton());
    await user.click(screen.getByRole("menuitem", { name: en.exportJson }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]?.name).toBe("tracy-sesn_1.json");
    const json = await files[0]!.text;
    expect(json).toContain(`"span": ${BIG}`);
    const parsed = JSON.parse(json) as { type: string }[];
    expect(parsed.map((e) => e.type)).toEqual(transport.history["sesn_1"]!.map((e) => (e as { type: string }).type));
  });

  it("says so when the event log can't be listed, and stays open", async () => {
    captureDownloads();
    const transport = new FakeTransport();
    conversation(transport);
    const { user } = renderPanel(transport, { sessionId: "sesn_1" });
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    await screen.findByText("payments-db");
    transport.listEvents = () => Promise.reject(new TracyHttpError(503, "down"));
    await user.click(menuButton());
    await user.click(screen.getByRole("menuitem", { name: en.exportJson }));
    expect(await screen.findByRole("alert")).toHaveTextContent(en.exportFailed);
    expect(screen.getByRole("menu")).toBeInTheDocument();
  });
});
