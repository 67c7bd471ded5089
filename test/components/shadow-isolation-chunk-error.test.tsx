import { render, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport } from "../helpers/fake-transport";

// The stylesheet's lazy chunk fails to load, as after a redeploy or offline.
vi.mock("../../src/styles/panel-css", () => {
  throw new Error("Failed to fetch dynamically imported module");
});

it('isolation="shadow" still shows the panel (unstyled) when its stylesheet chunk fails to load', async () => {
  const { container } = render(
    <TracyPanel tenantId="acme" traceId="t" transport={new FakeTransport()} isolation="shadow" />,
  );
  const host = container.querySelector<HTMLElement>("[data-tracy-shadow-host]")!;
  await waitFor(() => expect(host.shadowRoot?.querySelector(".tracy-panel")).toBeTruthy());
});
