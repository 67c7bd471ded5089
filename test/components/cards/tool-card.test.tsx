import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ToolCard } from "../../../src/components/tool-card";
import type { ContentBlock } from "../../../src/protocol/events";
import { result, tool } from "./tools";
import { en } from "../../helpers/labels";

const schemaTool = (overrides: Parameters<typeof tool>[0] = {}) =>
  tool({ source: "builtin", name: "describe_schema", serverName: null, input: { labels: true }, ...overrides });
const trigger = (name = /describe_schema/) => screen.getByRole("button", { name });
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("<ToolCard> states", () => {
  it("is open and says running… while the tool runs", () => {
    render(<ToolCard tool={schemaTool()} />);
    const card = screen.getByRole("group", { name: "Tool call describe_schema" });
    expect(card).toHaveAttribute("data-state", "running");
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
    expect(trigger()).toHaveTextContent(en.statusRunning);
    expect(screen.getByText(en.pendingRunning)).toBeInTheDocument();
  });

  it("closes once done and shows the duration from the event timestamps", async () => {
    const user = userEvent.setup();
    const done = schemaTool({
      at: "2026-03-01T10:00:00Z",
      result: result('{"vertex_labels":{"Span":["tenant_id"]}}', { at: "2026-03-01T10:00:00.250Z" }),
    });
    render(<ToolCard tool={done} />);
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    expect(trigger()).toHaveTextContent("labels: true");
    expect(trigger()).toHaveTextContent("done · 250 ms");
    await user.click(trigger());
    expect(screen.getByText(/"labels": true/)).toBeInTheDocument();
    expect(screen.getByText(/"vertex_labels": \{/).tagName).toBe("PRE");
  });

  it("shows errors as error, with the message in full", () => {
    render(
      <ToolCard
        tool={schemaTool({ result: result("Schema service unavailable\nretry later", { isError: true }) })}
        open
      />,
    );
    expect(screen.getByRole("group", { name: "Tool call describe_schema" })).toHaveAttribute("data-state", "error");
    expect(trigger()).toHaveTextContent(/error$/);
    expect(screen.getByText(/Schema service unavailable/)).toHaveClass("tracy-code-error");
    expect(screen.getByRole("button", { name: en.error })).toHaveAttribute("aria-expanded", "true");
  });

  it("names the MCP server, and labels custom tools as client tools", () => {
    const { unmount } = render(<ToolCard tool={tool({ name: "lookup", serverName: "puppygraph", input: {} })} />);
    expect(within(trigger(/lookup/)).getByText("puppygraph")).toBeInTheDocument();
    unmount();
    render(<ToolCard tool={tool({ source: "custom", name: "get_current_trace", serverName: null, input: {} })} />);
    expect(within(trigger(/get_current_trace/)).getByText(en.clientTool)).toBeInTheDocument();
    expect(screen.getByText(en.noInput)).toBeInTheDocument();
  });

  it("says when a call waits for approval", () => {
    render(<ToolCard tool={schemaTool({ permission: "ask" })} />);
    expect(trigger()).toHaveTextContent(en.statusAwaitingApproval);
    // Collapsed: the approval prompt below the card shows the input, once.
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
  });

  it("folds input and output sections on their own, and toggles from the keyboard", async () => {
    const user = userEvent.setup();
    render(<ToolCard tool={schemaTool({ result: result("ok") })} />);
    trigger().focus();
    await user.keyboard("{Enter}");
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
    const input = screen.getByRole("button", { name: en.input });
    await user.click(input);
    expect(input).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText(/"labels": true/)).not.toBeInTheDocument();
    expect(screen.getByText("ok")).toBeInTheDocument();
    trigger().focus();
    await user.keyboard(" ");
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
  });

  it("copies the input", async () => {
    const user = userEvent.setup();
    render(<ToolCard tool={schemaTool({ result: result("ok") })} open />);
    await user.click(screen.getByRole("button", { name: en.copyInput }));
    expect(await navigator.clipboard.readText()).toBe('{\n  "labels": true\n}');
  });
});

describe("<ToolCard> content blocks", () => {
  const withContent = (content: ContentBlock[]) =>
    render(<ToolCard tool={schemaTool({ result: result(content) })} open />);

  it("renders base64 raster images inline with alt text", () => {
    withContent([{ type: "image", source: { type: "base64", media_type: "image/png", data: PNG } }]);
    const img = screen.getByRole("img");
    expect(img).toHaveAttribute("src", `data:image/png;base64,${PNG}`);
    expect(img).toHaveAttribute("alt", "Image from the tool (image/png)");
  });

  it("does not load URL images: a safe link instead, and nothing for unsafe schemes", () => {
    withContent([
      { type: "image", source: { type: "url", url: "https://evil.example/pixel.png" } },
      { type: "image", source: { type: "url", url: "javascript:alert(1)" } },
    ]);
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    const link = screen.getByRole("link", { name: "Image: https://evil.example/pixel.png" });
    expect(link).toHaveAttribute("href", "https://evil.example/pixel.png");
    expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    expect(screen.getByText("Image (unsafe link removed)")).toBeInTheDocument();
    expect(screen.getAllByRole("link")).toHaveLength(1);
  });

  it("does not render SVG, bad base64 or file images", () => {
    withContent([
      { type: "image", source: { type: "base64", media_type: "image/svg+xml", data: "PHN2Zz48L3N2Zz4=" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "not base64!" } },
      { type: "image", source: { type: "file", file_id: "file_123" } },
    ]);
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.getByText("Image (image/svg+xml, not shown)")).toBeInTheDocument();
    expect(screen.getByText("Image (file file_123, not shown)")).toBeInTheDocument();
  });

  it("shows text documents with their title, cut until Show all", async () => {
    const user = userEvent.setup();
    const text = "runbook line\n".repeat(300);
    withContent([
      { type: "document", title: "Runbook", source: { type: "text", media_type: "text/plain", data: text } },
      {
        type: "document",
        title: "Report",
        source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" },
      },
    ]);
    const doc = screen.getByRole("figure", { name: "Runbook" });
    expect(doc.querySelector("pre")?.textContent).toHaveLength(2_001);
    await user.click(within(doc).getByRole("button", { name: en.showAll }));
    expect(doc.querySelector("pre")?.textContent).toBe(text);
    expect(screen.getByText("Document “Report” (PDF, not shown)")).toBeInTheDocument();
  });

  it("cuts huge output at 20,000 characters until asked for all of it", async () => {
    const user = userEvent.setup();
    const huge = "x".repeat(50_000);
    withContent([{ type: "text", text: huge }]);
    const pre = () =>
      screen
        .getByRole("group", { name: "Tool call describe_schema" })
        .querySelector(".tracy-tool-section:last-child pre");
    expect(pre()?.textContent).toHaveLength(20_001);
    expect(screen.getByText("Showing 20,000 of 50,000 characters.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en.showFullOutput }));
    expect(pre()?.textContent).toHaveLength(50_000);
  });
});
