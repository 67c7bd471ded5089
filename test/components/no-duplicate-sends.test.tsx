// The panel over the real HTTP transport and demo server, counting requests where they leave: at fetch.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { TracyPanel } from "../../src";
import { en } from "../helpers/labels";

let server: DemoServer;
/** `POST message` for a user message, `POST session` for a create, `GET stream` for an event stream. */
let requests: string[] = [];
beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  requests = [];
});
afterEach(() => server.backend.turnGate.open());

const backend = () => ({
  baseUrl: server.url,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (typeof init?.body === "string" && init.body.includes('"user.message"')) requests.push("POST message");
    else if (init?.method === "POST" && url.endsWith("/sessions")) requests.push("POST session");
    else if (url.includes("/events/stream")) requests.push("GET stream");
    return fetch(input, init);
  },
});
const count = (request: string) => requests.filter((r) => r === request).length;

function renderPanel(tenantId: string) {
  render(<TracyPanel tenantId={tenantId} backend={backend()} />);
  return screen.getByRole("textbox", { name: en.composerLabel });
}

/** The message is on the server: its pending copy gave way to the persisted one. */
async function delivered(text: string) {
  await waitFor(() => expect(document.querySelectorAll(".tracy-message[data-pending]")).toHaveLength(0));
  expect([...document.querySelectorAll('.tracy-message[data-role="user"]')].map((m) => m.textContent)).toEqual([
    `You${text}`,
  ]);
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}

describe("no duplicate sends (panel over HTTP)", () => {
  it("hiding and showing the tab mid-answer posts nothing again and opens no second stream", async () => {
    // Mid-answer: the server holds the turn while its reply streams.
    server.backend.turnGate.close((turn) => turn.streamingMessage);
    const box = renderPanel("acme");
    await userEvent.setup().type(box, "Give me a markdown summary{Enter}");
    await waitFor(() => expect(server.backend.turnGate.heldCount).toBe(1));
    await screen.findByText(en.phaseWriting);
    const answer = () => document.querySelector('.tracy-message[data-role="agent"]')?.textContent ?? "";
    const before = answer();
    try {
      act(() => setVisibility("hidden"));
      // The rest of the answer streams while the tab is hidden: visible again once it has moved on.
      server.backend.turnGate.open();
      await waitFor(() => expect(answer() !== before || screen.queryByText(en.phaseReady) !== null).toBe(true));
      act(() => setVisibility("visible"));
    } finally {
      setVisibility("visible");
    }
    server.backend.turnGate.open();
    await screen.findByText(en.phaseReady);
    await delivered("Give me a markdown summary");
    expect([count("POST session"), count("POST message"), count("GET stream")]).toEqual([1, 1, 1]);
    expect(server.backend.listenerCount()).toBe(1);
  });

  it("a double Enter posts the message once", async () => {
    const box = renderPanel("globex");
    fireEvent.change(box, { target: { value: "Which schema should my queries use?" } });
    // Both key presses before React renders again, as a fast double press on a busy page would be.
    act(() => {
      fireEvent.keyDown(box, { key: "Enter" });
      fireEvent.keyDown(box, { key: "Enter" });
    });
    await delivered("Which schema should my queries use?");
    expect([count("POST session"), count("POST message")]).toEqual([1, 1]);
  });

  it("a double click on Send posts the message once", async () => {
    const box = renderPanel("initech");
    fireEvent.change(box, { target: { value: "Which schema should my queries use?" } });
    const send = screen.getByRole("button", { name: en.send });
    act(() => {
      fireEvent.click(send);
      fireEvent.click(send);
    });
    await delivered("Which schema should my queries use?");
    expect([count("POST session"), count("POST message")]).toEqual([1, 1]);
  });
});
