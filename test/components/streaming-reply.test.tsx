import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MessageItem } from "../../src/protocol/transcript";
import { en } from "../helpers/labels";

/**
 * The markdown each block renders, in order, while `counting`: every render of a block either parses it or, for a
 * simple one, reads it without the parser.
 */
const rendered: string[] = [];
let counting = false;
vi.mock("react-markdown", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-markdown")>();
  const Counting = (props: Parameters<typeof actual.default>[0]) => {
    if (counting) rendered.push(String(props.children));
    return actual.default(props);
  };
  return { ...actual, default: Counting };
});
vi.mock("../../src/markdown/simple-blocks", async (importOriginal) => {
  const { countingSimpleBlocks } = await import("../helpers/counting-reads");
  return countingSimpleBlocks(await importOriginal(), (text) => {
    if (counting) rendered.push(text);
  });
});
const { BLOCK_GROUP_SIZE, Markdown } = await import("../../src/components/markdown");
const { MESSAGE_BLOCK_LIMIT, MessageView } = await import("../../src/components/message-view");

const probe = () => (counting = true);
afterEach(() => {
  counting = false;
  rendered.length = 0;
  vi.useRealTimers();
});

const reply = (text: string, streaming = true): MessageItem => ({
  kind: "message",
  id: "sevt_reply",
  role: "agent",
  text,
  content: [],
  streaming,
});

/** Paragraphs enough for three groups of blocks, then the growing tail. */
const head = Array.from({ length: BLOCK_GROUP_SIZE * 2 + 3 }, (_, i) => `Paragraph ${i} with **bold** text.`).join(
  "\n\n",
);

describe("a streaming reply", () => {
  it("renders only its growing block per delta: finished blocks and groups never render again", () => {
    const view = render(<Markdown text={`${head}\n\nThe tail`} streaming />);
    probe();
    view.rerender(<Markdown text={`${head}\n\nThe tail grows`} streaming />);
    view.rerender(<Markdown text={`${head}\n\nThe tail grows more`} streaming />);
    expect(rendered).toEqual(["The tail grows", "The tail grows more"]);
    rendered.length = 0;
    // A new block starts: the finished one renders once as final text, then only the new tail.
    view.rerender(<Markdown text={`${head}\n\nThe tail grows more.\n\n- item`} streaming />);
    view.rerender(<Markdown text={`${head}\n\nThe tail grows more.\n\n- item one`} streaming />);
    expect(rendered).toEqual(["The tail grows more.", "- item", "- item one"]);
    expect(view.container.querySelectorAll(".tracy-md-group")).toHaveLength(3);
    expect(screen.getAllByText("bold")).toHaveLength(BLOCK_GROUP_SIZE * 2 + 3);
  });

  it("leaves the live region alone per delta and announces each block once it is finished, while it streams", () => {
    const view = render(<MessageView message={reply("## Where the time goes\n\nThe pool")} />);
    const announced = () => view.container.querySelector(".tracy-md-announcer")?.textContent ?? null;
    const seen: (string | null)[] = [];
    const step = (message: MessageItem) => {
      view.rerender(<MessageView message={message} />);
      if (announced() !== seen.at(-1)) seen.push(announced());
    };
    expect(view.container.querySelector(".tracy-md")?.getAttribute("aria-live")).toBe("off");
    expect(view.container.querySelector(".tracy-md-announcer")?.getAttribute("aria-live")).toBe("polite");
    let text = "## Where the time goes\n\nThe pool";
    step(reply(text));
    for (const delta of [" was", " saturated", " under", " load", "."]) step(reply((text += delta)));
    step(reply(`${text}\n\n- **payments-db**: slow`));
    step(reply(`${text}\n\n- **payments-db**: slow`, false));
    expect(view.container.textContent).toContain("saturated under load.");
    // Once finished, the reply is read once: no hidden copy of its last block, no muted text.
    expect(seen).toEqual(["Where the time goes", "The pool was saturated under load.", null]);
    expect(view.container.querySelector(".tracy-md")?.hasAttribute("aria-live")).toBe(false);
  });
});

describe("a reply cut for display", () => {
  const intro = "# Findings\n\nThe pool was saturated.\n\n";
  const long = `${intro}${"x".repeat(MESSAGE_BLOCK_LIMIT + 10)}`;

  it("is cut before a block too long to render cheaply, and renders nothing per delta while nothing new is shown", () => {
    const view = render(<MessageView message={reply(long)} />);
    expect(view.container.querySelector(".tracy-md")?.textContent).toBe("FindingsThe pool was saturated.");
    probe();
    let text = long;
    for (let i = 0; i < 20; i++) {
      text += "y".repeat(20);
      view.rerender(<MessageView message={reply(text)} />);
    }
    const notice = view.container.querySelector(".tracy-truncated")?.textContent;
    text += "z";
    view.rerender(<MessageView message={reply(text)} />);
    expect(rendered).toEqual([]);
    expect(view.container.querySelector(".tracy-truncated")?.textContent).toBe(notice);
  });

  it("keeps following the conversation when the reader asks for the full message at the bottom", async () => {
    for (const atBottom of [true, false]) {
      const scroller = document.createElement("div");
      scroller.className = "tracy-transcript";
      document.body.append(scroller);
      // The box grows once the rest of the reply is in it.
      const height = () => ((scroller.textContent ?? "").length > 10_000 ? 200_000 : 1_000);
      Object.defineProperty(scroller, "scrollHeight", { get: height, configurable: true });
      Object.defineProperty(scroller, "clientHeight", { get: () => 200, configurable: true });
      scroller.scrollTop = atBottom ? 800 : 100;
      const view = render(<MessageView message={reply(long)} />, { container: scroller });
      fireEvent.click(screen.getByRole("button", { name: en.showFullMessage }));
      await waitFor(() => expect(view.container.textContent).toContain("xxxxx"));
      expect(scroller.scrollTop).toBe(atBottom ? 200_000 : 100);
      view.unmount();
      scroller.remove();
    }
  });
});
