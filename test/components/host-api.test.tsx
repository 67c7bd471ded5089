import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, createRef } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  TracyComposer,
  TracyErrorBanner,
  TracyPanel,
  TracyProvider,
  TracyStatusBar,
  TracyTranscript,
  TracyUsageBar,
  useTracy,
  type TracyPanelHandle,
  type TracyShownError,
} from "../../src";
import { CypherCard } from "../../src/components/cypher/cypher-card";
import { TracyHttpError } from "../../src/core";
import { result, tool } from "./cards/tools";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

const box = () => screen.getByRole("textbox", { name: en.composerLabel });

describe("the panel's handle", () => {
  it("sends, prefills, focuses, starts over and opens a session from outside the panel", async () => {
    const transport = new FakeTransport();
    const ref = createRef<TracyPanelHandle>();
    const onSessionChange = vi.fn();
    const onSend = vi.fn();
    render(
      <StrictMode>
        <TracyPanel ref={ref} tenantId="acme" transport={transport} onSessionChange={onSessionChange} onSend={onSend} />
      </StrictMode>,
    );
    act(() => ref.current?.setDraft("Why is span 42 slow?"));
    expect(box()).toHaveValue("Why is span 42 slow?");
    act(() => ref.current?.focus());
    expect(box()).toHaveFocus();

    let sent = false;
    act(() => {
      sent = ref.current?.send("Ask Tracy about this span") ?? false;
    });
    expect(sent).toBe(true);
    expect(box()).toHaveValue("Why is span 42 slow?"); // the draft is the user's: send(text) leaves it
    await waitFor(() => expect(transport.sends).toHaveLength(1));
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSessionChange).toHaveBeenLastCalledWith("sesn_1");

    act(() => ref.current?.startOver());
    expect(onSessionChange).toHaveBeenLastCalledWith(null);

    transport.history["sesn_7"] = [
      { type: "user.message", id: eventId("7:1"), processed_at: PROCESSED_AT, content: text("an older question") },
    ];
    act(() => ref.current?.openSession("sesn_7"));
    expect(onSessionChange).toHaveBeenLastCalledWith("sesn_7");
    await waitFor(() => expect(transport.lastStream().sessionId).toBe("sesn_7"));
    act(() => transport.lastStream().open());
    expect(await screen.findByText("an older question")).toBeInTheDocument();
  });
});

describe("<TracyProvider>", () => {
  it("renders the parts in the host's layout, all on one session", async () => {
    const transport = new FakeTransport();
    const user = userEvent.setup();
    function SessionId() {
      return <output aria-label="session">{useTracy((s) => s.sessionId) ?? "none"}</output>;
    }
    render(
      <TracyProvider tenantId="acme" transport={transport}>
        <aside>
          <TracyStatusBar />
          <SessionId />
        </aside>
        <main>
          <TracyTranscript empty={<p>Nothing yet</p>} />
          <TracyErrorBanner />
          <TracyUsageBar />
          <TracyComposer placeholder="Your question" />
        </main>
      </TracyProvider>,
    );
    expect(screen.getByText("Nothing yet")).toBeInTheDocument();
    expect(box()).toHaveAttribute("placeholder", "Your question");
    await user.type(box(), "hello{Enter}");
    expect(await screen.findByText("hello")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("status", { name: "session" })).toHaveTextContent("sesn_1"));
  });

  it("says a part outside it needs a provider", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<TracyComposer />)).toThrow(/inside <TracyPanel> or <TracyProvider>/);
    logged.mockRestore();
  });
});

describe("onError", () => {
  it("reports each error shown once, with the words the user saw, and survives a throwing callback", async () => {
    const transport = new FakeTransport();
    const user = userEvent.setup();
    const seen: TracyShownError[] = [];
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { rerender } = render(
      <StrictMode>
        <TracyPanel tenantId="acme" transport={transport} onError={(e) => seen.push(e)} />
      </StrictMode>,
    );
    transport.sendFailures.push(new TracyHttpError(503, "upstream down"));
    await user.type(box(), "first{Enter}");
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ kind: "unavailable", action: "send" });
    expect(seen[0]?.shownText).toBe(`${en.errorUnavailableTitle}. ${en.errorUnavailableDetail(503)}`);

    // The store updates again while the failed message stays on screen: not a new error.
    await user.type(box(), "typing");
    act(() => transport.lastStream().open());
    await waitFor(() => expect(transport.lists.length).toBeGreaterThan(0));
    expect(seen).toHaveLength(1);

    const throwing = vi.fn(() => {
      throw new Error("host bug");
    });
    rerender(
      <StrictMode>
        <TracyPanel tenantId="acme" transport={transport} onError={throwing} />
      </StrictMode>,
    );
    act(() => transport.lastStream().fail(new TracyHttpError(403, "no access")));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(throwing).toHaveBeenCalledTimes(1);
    expect(throwing.mock.calls[0]).toMatchObject([{ kind: "forbidden", action: "connect" }]);
    expect(logged).toHaveBeenCalled();
    expect(box()).toBeInTheDocument();
    logged.mockRestore();
  });
});

describe("domain options", () => {
  it("sets the title's heading level, keeping level 2 by default", () => {
    const transport = new FakeTransport();
    const { rerender } = render(<TracyPanel tenantId="acme" transport={transport} title="Ask Ada" />);
    expect(screen.getByRole("heading", { level: 2, name: "Ask Ada" })).toBeInTheDocument();
    rerender(<TracyPanel tenantId="acme" transport={transport} title="Ask Ada" titleLevel={3} />);
    expect(screen.getByRole("heading", { level: 3, name: "Ask Ada" })).toBeInTheDocument();
  });
});

describe("Cypher domain options", () => {
  function failedQuery(
    query: string,
    props: Partial<Parameters<typeof TracyProvider>[0]>,
    message = "The query failed.",
  ) {
    const failed = tool({ input: { query }, result: result(message, { isError: true }) });
    render(
      <TracyProvider tenantId="acme" transport={new FakeTransport()} {...props}>
        <CypherCard tool={failed} open />
      </TracyProvider>,
    );
  }

  it("hints at the host's tenant property and parameter", async () => {
    failedQuery("MATCH (s:Span) RETURN s", { tenantProperty: "org_id", tenantParameter: "org" });
    const hints = await screen.findByRole("list", { name: en.hints });
    expect(within(hints).getByText("MATCH (s:Span {org_id: $org})")).toBeInTheDocument();
  });

  it("takes a query scoped on the host's tenant property as scoped", async () => {
    failedQuery("MATCH (s:Span {org_id: $org}) RETURN s", { tenantProperty: "org_id" }, "Query timed out");
    const hints = await screen.findByRole("list", { name: en.hints });
    expect(
      within(hints)
        .getAllByRole("listitem")
        .map((h) => h.getAttribute("data-hint")),
    ).toEqual(["deep-traversal"]);
  });
});
