import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { RenderBoundary } from "../../src/components/render-boundary";
import type { ToolItem } from "../../src/protocol/transcript";
import { FakeTransport, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

function Broken({ tool }: { tool: ToolItem }): never {
  throw new Error(`renderer for ${tool.name} failed`);
}

/** React reports every caught render error on the console; the tests expect them. */
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

async function renderInHost(props: Partial<Parameters<typeof TracyPanel>[0]>, history: unknown[]) {
  const transport = new FakeTransport();
  transport.history["sesn_b"] = history;
  render(
    <main>
      <p>Host page content</p>
      <TracyPanel tenantId="acme" sessionId="sesn_b" transport={transport} {...props} />
    </main>,
  );
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  return transport;
}

const conversation = [
  { type: "user.message", id: "sevt_1_1", content: text("Which span is slow?") },
  {
    type: "agent.tool_use",
    id: "sevt_1_2",
    name: "broken_tool",
    input: { note: "<img src=x onerror=alert(1)>" },
  },
  { type: "agent.message", id: "sevt_1_3", content: text("The **payments-db** span.") },
];

describe("render errors stay inside the panel", () => {
  it("an item that throws shows as undisplayable, with its raw data as text; the rest and the host stay", async () => {
    await renderInHost({ toolRenderers: { broken_tool: Broken } }, conversation);
    await screen.findByText("payments-db");
    expect(screen.getByText("Host page content")).toBeInTheDocument();
    expect(screen.getByText("Which span is slow?")).toBeInTheDocument();
    expect(screen.getByText(/couldn’t be displayed/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: en.composerLabel })).toBeInTheDocument();

    const disclosure = screen.getByRole("button", { name: en.showRawData });
    await userEvent.click(disclosure);
    expect(disclosure).toHaveAttribute("aria-expanded", "true");
    const raw = document.getElementById(disclosure.getAttribute("aria-controls") ?? "") as HTMLElement;
    expect(raw.textContent).toContain('"name": "broken_tool"');
    expect(raw.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
  });

  it("a view outside the transcript that throws shows a recoverable message in the panel; the host stays", async () => {
    let fail = true;
    function Empty() {
      if (fail) throw new Error("empty state failed");
      return <p>Ask away</p>;
    }
    await renderInHost({ emptyState: <Empty /> }, []);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/couldn’t display this conversation/);
    expect(screen.getByText("Host page content")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: en.panel })).toBeInTheDocument();

    fail = false;
    await userEvent.click(screen.getByRole("button", { name: en.tryAgain }));
    expect(await screen.findByText("Ask away")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: en.composerLabel })).toBeInTheDocument();
  });
});

describe("<RenderBoundary>", () => {
  it("tries its children again when the reset key changes", () => {
    function Show({ value }: { value: string }) {
      if (value === "bad") throw new Error("bad");
      return <span>{value}</span>;
    }
    const ui = (value: string) => (
      <RenderBoundary resetKey={value} fallback={() => <span>fallback</span>}>
        <Show value={value} />
      </RenderBoundary>
    );
    const view = render(ui("bad"));
    expect(screen.getByText("fallback")).toBeInTheDocument();
    view.rerender(ui("good"));
    expect(screen.getByText("good")).toBeInTheDocument();
  });
});
