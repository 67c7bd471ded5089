// Mount, unmount, StrictMode and reload against the real demo server (HTTP + SSE).
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { TracyPanel } from "../../src";

let server: DemoServer;
let createCalls = 0;
beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 4 });
});
afterAll(() => server.close());

const backend = () => ({
  baseUrl: server.url,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === "POST" && String(input).endsWith("/sessions")) createCalls += 1;
    return fetch(input, init);
  },
});

describe("panel lifecycle", () => {
  it("StrictMode double mount and unmount leave no open connection or window listener behind and create one session", async () => {
    const added = vi.spyOn(window, "addEventListener");
    const removed = vi.spyOn(window, "removeEventListener");
    createCalls = 0;
    const user = userEvent.setup();
    const view = render(
      <StrictMode>
        <TracyPanel tenantId="acme" backend={backend()} />
      </StrictMode>,
    );
    await user.type(screen.getByRole("textbox", { name: "Message Tracy" }), "Why is checkout slow?{Enter}");
    await screen.findByRole("region", { name: /Tool call run_cypher/ }, { timeout: 10_000 });
    expect(createCalls).toBe(1);
    expect(server.backend.listenerCount()).toBe(1);
    view.unmount();
    await waitFor(() => expect(server.backend.listenerCount()).toBe(0));
    expect(added.mock.calls.length).toBe(removed.mock.calls.length);
    added.mockRestore();
    removed.mockRestore();
  });

  it("a reload mid-answer replays history and continues the live tail without duplicates", async () => {
    sessionStorage.clear();
    const user = userEvent.setup();
    const first = render(<TracyPanel tenantId="initech" backend={backend()} persistSession />);
    await user.type(screen.getByRole("textbox", { name: "Message Tracy" }), "Give me a markdown summary{Enter}");
    await screen.findByText("Writing…", {}, { timeout: 10_000 });
    const sessionId = sessionStorage.getItem("tracy-panel:session:initech");
    expect(sessionId).toMatch(/^sesn_/);
    first.unmount(); // the "reload"

    render(<TracyPanel tenantId="initech" backend={backend()} persistSession />);
    expect(screen.getByText("Loading conversation…")).toBeInTheDocument();
    await screen.findByText("Writing…", {}, { timeout: 10_000 }); // the live tail, after the replay
    await screen.findByText("Ready", {}, { timeout: 15_000 });
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
