import { render, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport } from "../helpers/fake-transport";

/**
 * `isolation="shadow"`: the panel lives in an open shadow root of an element it renders. Focus and keyboard
 * input through the shadow root are checked in Chromium (test/browser/isolation): jsdom does not deliver
 * user-event's input to React's listeners on a shadow root.
 */
describe('<TracyPanel isolation="shadow">', () => {
  async function mount() {
    const transport = new FakeTransport();
    const view = render(
      <StrictMode>
        <TracyPanel
          tenantId="acme"
          traceId="trace-1"
          transport={transport}
          isolation="shadow"
          className="host-sidebar"
          style={{ height: 480 }}
        />
      </StrictMode>,
    );
    const host = view.container.querySelector<HTMLElement>("[data-tracy-shadow-host]");
    expect(host).not.toBeNull();
    const shadow = await waitFor(() => {
      const panel = host!.shadowRoot?.querySelector<HTMLElement>(".tracy-panel");
      expect(panel).toBeTruthy();
      return panel!;
    });
    return { transport, host: host!, panel: shadow };
  }

  it("renders inside the host element's shadow root, with className and style on the host", async () => {
    const { host, panel } = await mount();
    expect(document.querySelector(".tracy-panel")).toBeNull(); // nothing in the light DOM for page CSS to match
    expect(host.className).toBe("host-sidebar");
    expect(host.style.height).toBe("480px");
    expect(panel.className).toBe("tracy-panel");
    // The panel's own CSS is in the shadow root (a constructed sheet, or a <style> where there are none).
    const root = host.shadowRoot!;
    const adopted = "adoptedStyleSheets" in root ? root.adoptedStyleSheets.length : 0; // jsdom has none
    expect(adopted + root.querySelectorAll("style[data-tracy-panel]").length).toBe(1);
  });
});

/** Host-provided content keeps the host's styles: the panel's reset stops at its wrapper. */
describe("host content in the panel", () => {
  it("wraps a custom empty state in .tracy-host-content, and leaves the default one unwrapped", () => {
    const transport = new FakeTransport();
    const { container, rerender } = render(
      <TracyPanel tenantId="acme" traceId="t" transport={transport} emptyState={<p className="mine">Hi</p>} />,
    );
    expect(container.querySelector(".mine")?.parentElement?.className).toBe("tracy-host-content");
    rerender(<TracyPanel tenantId="acme" traceId="t" transport={transport} />);
    expect(container.querySelector(".tracy-empty")?.closest(".tracy-host-content")).toBeNull();
  });
});
