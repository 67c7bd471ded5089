// Mount, unmount, StrictMode and reload against the real demo server (HTTP + SSE). The server runs its turns
// without delays; where a case needs a turn "mid-answer", the server's turn gate holds it there.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { TracyPanel } from "../../src";
import { trackPanelHandles, type PanelHandles } from "../helpers/panel-handles";
import { en } from "../helpers/labels";

let server: DemoServer;
let createCalls = 0;
/** Every request the panel made, as `METHOD path` (user messages as `POST message`). */
let requests: string[] = [];
beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 0 });
});
afterAll(() => server.close());

const backend = () => ({
  baseUrl: server.url,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname.replace(/^\/api\/tracy/, "");
    const message = typeof init?.body === "string" && init.body.includes('"user.message"');
    requests.push(message ? "POST message" : `${init?.method ?? "GET"} ${path.replace(/sesn_[^/]+/, ":id")}`);
    if (init?.method === "POST" && String(input).endsWith("/sessions")) createCalls += 1;
    return fetch(input, init);
  },
});
const count = (request: string) => requests.filter((r) => r === request).length;

let handles: PanelHandles;
beforeEach(() => {
  requests = [];
  createCalls = 0;
  handles = trackPanelHandles();
});
afterEach(async () => {
  server.backend.turnGate.open();
  handles.restore();
  // A turn left running by a test (one unmounted mid-answer) must end before the next test closes the gate, or that
  // gate would hold it too.
  await waitFor(() => expect(server.backend.pendingTimerCount()).toBe(0));
});

/** Holds the next turn once it is streaming a message, and waits until it is held. */
const holdWhileWriting = () => server.backend.turnGate.close((turn) => turn.streamingMessage);
const turnHeld = () => waitFor(() => expect(server.backend.turnGate.heldCount).toBe(1));

/** After unmount: no connection on the server, and no timer, frame or window/document listener of the panel. */
async function expectNothingLeftBehind() {
  expect(handles.pending()).toEqual([]);
  await waitFor(() => expect(server.backend.listenerCount()).toBe(0));
  expect(handles.pending()).toEqual([]);
}

describe("panel lifecycle", () => {
  it("StrictMode double mount, then unmount mid-answer: one session, one message, one stream; nothing left behind", async () => {
    // Held at the analysis, after the query ran: mid-answer.
    server.backend.turnGate.close((turn) => turn.logged("user.custom_tool_result") > 0);
    const user = userEvent.setup();
    const view = render(
      <StrictMode>
        <TracyPanel tenantId="acme" backend={backend()} />
      </StrictMode>,
    );
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "Why is checkout slow?{Enter}");
    await turnHeld();
    await screen.findByRole("group", { name: /Tool call run_cypher/ });
    expect(createCalls).toBe(1);
    expect([count("POST message"), count("GET /sessions/:id/events/stream")]).toEqual([1, 1]);
    expect(server.backend.listenerCount()).toBe(1);
    // The tracker does see the panel's handles: the stall watch of the open stream, at least.
    expect(handles.pending().map((h) => h.kind)).toContain("timeout");
    view.unmount();
    await expectNothingLeftBehind();
  });

  it("StrictMode double mount of an existing session opens one stream; unmount leaves nothing behind", async () => {
    const { id } = server.backend.createSession({ tenantId: "umbrella", traceId: null });
    server.backend.sendEvents(
      { tenantId: "umbrella", traceId: null },
      id,
      [{ type: "user.message", content: [{ type: "text", text: "Which schema should my queries use?" }] }],
      "lifecycle-existing",
    );
    const view = render(
      <StrictMode>
        <TracyPanel tenantId="umbrella" sessionId={id} backend={backend()} />
      </StrictMode>,
    );
    await screen.findByText("Which schema should my queries use?");
    await waitFor(() => expect(server.backend.listenerCount()).toBe(1));
    expect(count("GET /sessions/:id/events/stream")).toBe(1);
    expect(createCalls).toBe(0);
    view.unmount();
    await expectNothingLeftBehind();
  });

  it("unmount while the reply streams leaves nothing behind", async () => {
    holdWhileWriting();
    const user = userEvent.setup();
    const view = render(<TracyPanel tenantId="globex" backend={backend()} />);
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "Give me a markdown summary{Enter}");
    await turnHeld();
    await screen.findByText(en.phaseWriting);
    view.unmount();
    await expectNothingLeftBehind();
  });

  it("a reload mid-answer replays history and continues the live tail without duplicates", async () => {
    sessionStorage.clear();
    holdWhileWriting();
    const user = userEvent.setup();
    const first = render(<TracyPanel tenantId="initech" backend={backend()} persistSession />);
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "Give me a markdown summary{Enter}");
    await turnHeld();
    await screen.findByText(en.phaseWriting);
    const sessionId = sessionStorage.getItem("tracy-panel:session:initech");
    expect(sessionId).toMatch(/^sesn_/);
    first.unmount(); // the "reload"
    await waitFor(() => expect(server.backend.listenerCount()).toBe(0));

    render(<TracyPanel tenantId="initech" backend={backend()} persistSession />);
    expect(screen.getByText(en.phaseLoading)).toBeInTheDocument();
    // The replay shows the turn still running; the rest of it can only come from the live tail.
    await screen.findByText(en.phaseThinking);
    await waitFor(() => expect(server.backend.listenerCount()).toBe(1));
    server.backend.turnGate.open();
    await screen.findByText(en.phaseReady);
    const events = server.backend.listEvents({ tenantId: "initech", traceId: null }, sessionId as string, {
      limit: 1000,
    }).data;
    const agentMessages = events.filter((e) => e.type === "agent.message").length;
    expect(document.querySelectorAll('.tracy-message[data-role="agent"]').length).toBe(agentMessages);
    expect(document.querySelectorAll('.tracy-message[data-role="user"]').length).toBe(1);
    // Another tenant does not see it.
    expect(sessionStorage.getItem("tracy-panel:session:acme")).toBeNull();
  });
});
