// The `backend` prop's stream options reach the HTTP transport (against the real demo server).
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { TracyPanel } from "../../src";
import { en } from "../helpers/labels";

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 4 });
});
afterAll(() => server.close());

describe("backend options", () => {
  it("uses stallTimeoutMs and reconnect from the backend prop", async () => {
    let streams = 0;
    render(
      <TracyPanel
        tenantId="acme"
        backend={{
          baseUrl: server.url,
          // Far below the 45 s default and the 8 attempts: with the defaults this test would time out.
          stallTimeoutMs: 300,
          reconnect: { baseDelayMs: 5, maxAttempts: 1 },
          fetch: (input, init) => {
            let url = String(input);
            if (!url.includes("/events/stream")) return fetch(input, init);
            // The first stream stalls; the reconnect fails with a 503, which maxAttempts: 1 does not retry.
            streams += 1;
            if (streams === 1) url += "&fault=stall";
            const headers = {
              ...(init?.headers as Record<string, string>),
              ...(streams > 1 ? { "X-Demo-Fault": "status:503" } : {}),
            };
            return fetch(url, { ...init, headers });
          },
        }}
      />,
    );
    await userEvent.setup().type(screen.getByRole("textbox", { name: en.composerLabel }), "Hello{Enter}");
    const banner = await screen.findByText("Tracy is unavailable.", {}, { timeout: 5_000 });
    expect(banner.parentElement).toHaveTextContent(
      "Tracy is unavailable. The backend had a problem (HTTP 503). Try again in a moment.",
    );
    expect(streams).toBe(2);
    expect(screen.getByRole("button", { name: en.reconnect })).toBeInTheDocument();
  });
});
