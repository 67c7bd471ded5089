import { Profiler } from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

const box = () => screen.getByRole("textbox", { name: en.composerLabel }) as HTMLTextAreaElement;

/** jsdom has no layout: the message box's content is 20 px a line plus 16 px of padding. */
beforeEach(() => {
  Object.defineProperty(HTMLTextAreaElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLTextAreaElement) {
      return this.value.split("\n").length * 20 + 16;
    },
  });
});
afterEach(() => {
  Reflect.deleteProperty(HTMLTextAreaElement.prototype, "scrollHeight");
});

/** A conversation whose turn is running: Stop shows. */
async function runningTurn() {
  const transport = new FakeTransport();
  transport.history.sesn_1 = [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("why?") },
    { type: "session.status_running", id: eventId("1:2") },
  ];
  render(<TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} />);
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  await screen.findByRole("button", { name: en.stop });
  return transport;
}
const interrupts = (t: FakeTransport) =>
  t.sends.filter((s) => (s.events[0] as { type: string }).type === "user.interrupt");

describe("the message box", () => {
  it("grows with its text", async () => {
    render(<TracyPanel tenantId="acme" transport={new FakeTransport()} />);
    const user = userEvent.setup();
    await user.type(box(), "one");
    const oneLine = parseFloat(box().style.height);
    await user.type(box(), "{Shift>}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{/Shift}eight");
    expect(box()).toHaveValue("one\n\n\n\n\n\n\neight");
    expect(parseFloat(box().style.height)).toBeGreaterThan(oneLine + 6 * 20 - 1);
    await user.clear(box());
    expect(parseFloat(box().style.height)).toBe(oneLine);
  });

  it("Enter while an input method composes does not send", async () => {
    const transport = new FakeTransport();
    render(<TracyPanel tenantId="acme" transport={transport} />);
    fireEvent.change(box(), { target: { value: "にほん" } });
    fireEvent.keyDown(box(), { key: "Enter", isComposing: true });
    fireEvent.keyDown(box(), { key: "Enter", keyCode: 229 });
    expect(box()).toHaveValue("にほん");
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(box()).toHaveValue("");
  });

  it("Escape stops a running reply, says so, and the box keeps focus", async () => {
    const transport = await runningTurn();
    const user = userEvent.setup();
    await user.click(box());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(interrupts(transport)).toHaveLength(1));
    expect(box()).toHaveFocus();
  });

  it("announces the stop while it is under way, and Escape again meanwhile sends nothing more", async () => {
    const transport = await runningTurn();
    let release!: () => void;
    let calls = 0;
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = transport.sendEvents.bind(transport);
    transport.sendEvents = async (...args) => {
      calls += 1;
      await held;
      return send(...args);
    };
    const user = userEvent.setup();
    await user.click(box());
    await user.keyboard("{Escape}");
    expect(await screen.findByText(en.stopRequested)).toHaveAttribute("role", "status");
    await user.keyboard("{Escape}");
    expect(calls).toBe(1);
    act(() => release());
    await waitFor(() => expect(interrupts(transport)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText(en.stopRequested)).toBeNull());
  });

  it("Escape with nothing running does nothing", async () => {
    const transport = new FakeTransport();
    render(<TracyPanel tenantId="acme" transport={transport} />);
    fireEvent.keyDown(box(), { key: "Escape" });
    expect(transport.sends).toEqual([]);
  });

  it("after Stop, focus is back in the message box, not on the page", async () => {
    const transport = await runningTurn();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: en.stop }));
    expect(box()).toHaveFocus();
    await waitFor(() => expect(interrupts(transport)).toHaveLength(1));
    act(() =>
      transport.lastStream().emit({
        type: "session.status_idle",
        id: eventId("1:3"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      }),
    );
    await waitFor(() => expect(screen.queryByRole("button", { name: en.stop })).toBeNull());
    expect(box()).toHaveFocus();
  });

  it("after sending with the button, focus is back in the message box", async () => {
    render(<TracyPanel tenantId="acme" transport={new FakeTransport()} />);
    const user = userEvent.setup();
    await user.type(box(), "hello");
    await user.click(screen.getByRole("button", { name: en.send }));
    expect(box()).toHaveFocus();
    expect(box()).toHaveValue("");
  });

  it("typing re-renders nothing but the Send button, and only when the draft turns empty or not", async () => {
    let commits = 0;
    render(
      <Profiler id="panel" onRender={() => (commits += 1)}>
        <TracyPanel tenantId="acme" transport={new FakeTransport()} />
      </Profiler>,
    );
    const user = userEvent.setup();
    await user.type(box(), "w");
    expect(screen.getByRole("button", { name: en.send })).toBeEnabled();
    commits = 0;
    await user.type(box(), "hy is checkout slow");
    expect(commits).toBe(0);
    expect(box()).toHaveValue("why is checkout slow");
    await user.clear(box());
    expect(commits).toBe(1);
    expect(screen.getByRole("button", { name: en.send })).toBeDisabled();
  });

  it("shows the draft the store gives back: a tenant's draft returns with its tenant", async () => {
    const transport = new FakeTransport();
    const { rerender } = render(<TracyPanel tenantId="acme" transport={transport} />);
    const user = userEvent.setup();
    await user.type(box(), "for acme");
    rerender(<TracyPanel tenantId="globex" transport={transport} />);
    await waitFor(() => expect(box()).toHaveValue(""));
    await user.type(box(), "for globex");
    rerender(<TracyPanel tenantId="acme" transport={transport} />);
    await waitFor(() => expect(box()).toHaveValue("for acme"));
    expect(screen.getByRole("button", { name: en.send })).toBeEnabled();
  });
});
