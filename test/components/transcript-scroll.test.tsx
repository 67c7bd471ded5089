import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en, enFormat } from "../helpers/labels";

/**
 * jsdom has no layout: the conversation's scroller gets a box of its own here, `clientHeight` tall,
 * whose content is `scrollHeight` tall, and whose `scrollTop` clamps like a browser's.
 */
const box = { clientHeight: 300, scrollHeight: 1_000 };
const tops = new WeakMap<Element, number>();
const isScroller = (el: Element) => el.classList.contains("tracy-transcript");
beforeEach(() => {
  box.scrollHeight = 1_000;
  Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? box.scrollHeight : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? box.clientHeight : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "scrollTop", {
    configurable: true,
    get(this: HTMLElement) {
      return tops.get(this) ?? 0;
    },
    set(this: HTMLElement, v: number) {
      tops.set(this, Math.min(Math.max(0, box.scrollHeight - box.clientHeight), Math.max(0, v)));
    },
  });
});
afterEach(() => {
  for (const key of ["scrollHeight", "clientHeight", "scrollTop"]) Reflect.deleteProperty(HTMLElement.prototype, key);
});

const bottom = () => box.scrollHeight - box.clientHeight;
const scroller = () => document.querySelector<HTMLElement>(".tracy-transcript") as HTMLElement;
/** The reader scrolls to `top` (a scroll event follows, as in a browser). */
function scrollTo(top: number) {
  scroller().scrollTop = top;
  fireEvent.scroll(scroller());
}
const jump = () => screen.queryByRole("button", { name: /Jump to latest/ });

let n = 0;
const reply = (words: string) => ({ type: "agent.message", id: eventId(`1:${500 + ++n}`), content: text(words) });

async function openConversation() {
  const transport = new FakeTransport();
  transport.history.sesn_1 = [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("first question") },
    { type: "session.status_running", id: eventId("1:2") },
  ];
  render(<TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} />);
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  const stream = transport.lastStream();
  act(() => stream.open());
  await screen.findByText("first question");
  return { transport, stream };
}

describe("the conversation follows new content only while the reader is at the bottom", () => {
  it("the empty state starts at the top, however tall it is", async () => {
    render(<TracyPanel tenantId="acme" transport={new FakeTransport()} />);
    expect(screen.getByText(en.emptyIntro)).toBeInTheDocument();
    expect(scroller().scrollTop).toBe(0);
    expect(jump()).toBeNull();
    // Scrolling inside it does not stop the first answer from being followed.
    scrollTo(200);
    scrollTo(0);
    expect(jump()).toBeNull();
  });

  it("follows a growing reply at the bottom", async () => {
    const { stream } = await openConversation();
    expect(scroller().scrollTop).toBe(bottom());
    box.scrollHeight = 1_400;
    act(() => stream.emit(reply("more")));
    await screen.findByText("more");
    expect(scroller().scrollTop).toBe(bottom());
  });

  it("scrolling up by a little stops following and offers Jump to latest with the count; it returns and follows again", async () => {
    const { stream } = await openConversation();
    scrollTo(bottom() - 10);
    expect(jump()).toHaveTextContent(en.jumpToLatest(enFormat.count(0)));
    box.scrollHeight = 1_600;
    act(() => {
      stream.emit(reply("one"));
      stream.emit(reply("two"));
    });
    await screen.findByText("two");
    expect(scroller().scrollTop).toBe(690);
    expect(jump()).toHaveTextContent(en.jumpToLatest(enFormat.count(2)));
    act(() => jump()?.click());
    expect(scroller().scrollTop).toBe(bottom());
    expect(jump()).toBeNull();
    expect(scroller()).toHaveFocus();
    box.scrollHeight = 2_000;
    act(() => stream.emit(reply("three")));
    await screen.findByText("three");
    expect(scroller().scrollTop).toBe(bottom());
  });

  it("a scroll up whose event is not handled yet when new content arrives stands: it is not undone", async () => {
    const { stream } = await openConversation();
    // The reader's move, with its scroll event still queued (browsers send it with the next frame).
    scroller().scrollTop = bottom() - 200;
    box.scrollHeight = 1_400;
    act(() => stream.emit(reply("arrived first")));
    await screen.findByText("arrived first");
    expect(scroller().scrollTop).toBe(500);
    expect(jump()).not.toBeNull();
    fireEvent.scroll(scroller());
    expect(scroller().scrollTop).toBe(500);
    expect(jump()).not.toBeNull();
  });

  it("content that shrank at the bottom (scrollTop clamped, no scroll event yet) is not taken for leaving", async () => {
    const { stream } = await openConversation();
    box.scrollHeight = 900;
    scroller().scrollTop = bottom();
    act(() => stream.emit(reply("a line more")));
    await screen.findByText("a line more");
    expect(scroller().scrollTop).toBe(bottom());
    expect(jump()).toBeNull();
  });

  it("scrolling back down to the bottom follows again without the button", async () => {
    const { stream } = await openConversation();
    scrollTo(100);
    expect(jump()).not.toBeNull();
    scrollTo(bottom());
    expect(jump()).toBeNull();
    box.scrollHeight = 1_500;
    act(() => stream.emit(reply("later")));
    await screen.findByText("later");
    expect(scroller().scrollTop).toBe(bottom());
  });

  it("sending brings the message into view even when the reader had scrolled up", async () => {
    const { stream } = await openConversation();
    act(() =>
      stream.emit({
        type: "session.status_idle",
        id: eventId("1:3"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      }),
    );
    scrollTo(50);
    box.scrollHeight = 1_300;
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "and now?{Enter}");
    await screen.findByText("and now?");
    expect(scroller().scrollTop).toBe(bottom());
    expect(jump()).toBeNull();
  });
});
