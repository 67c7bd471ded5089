import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ar, de, en, TracyPanel, type TracyLabels } from "../../src";
import { FakeTransport } from "../helpers/fake-transport";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

async function panelWithStream(labels: TracyLabels, locale: string) {
  const transport = new FakeTransport();
  render(<TracyPanel tenantId="acme" sessionId="sesn_w" transport={transport} labels={labels} locale={locale} />);
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  return transport;
}

describe("the unreadable-event warning", () => {
  it.each([
    ["en", en, "en-US", "name missing"],
    ["de", de, "de-DE", "name fehlt"],
    ["ar", ar, "ar", "مفقود"],
  ] as const)(
    "words the decoder's reason in %s, keeping protocol names as they are",
    async (_, labels, locale, words) => {
      const transport = await panelWithStream(labels, locale);
      act(() => transport.lastStream().emit({ type: "agent.tool_use", id: "sevt_1_1", input: {} }));
      const banner = await screen.findByText((_, el) => el?.classList.contains("tracy-banner-text") ?? false);
      const reason = labels.decodeFailure({ code: "missing-field", type: "agent.tool_use", field: "name" });
      expect(banner).toHaveTextContent(labels.warningUnreadableEvent(reason));
      expect(banner.textContent).toContain(words);
      expect(banner.textContent).toContain("agent.tool_use");
      if (labels !== en) expect(banner.textContent).not.toMatch(/has no|event is|without/);
    },
  );

  it("says why an event that is not an object was skipped, in German", async () => {
    const transport = await panelWithStream(de, "de-DE");
    act(() => transport.lastStream().emit(42));
    expect(await screen.findByText(de.warningUnreadableEvent(de.decodeFailure({ code: "not-object" })))).toBeVisible();
  });
});

describe("the trace chip in a right-to-left panel", () => {
  it("isolates the trace id, left to right, in its own box after the label", () => {
    render(<TracyPanel tenantId="acme" traceId={TRACE} transport={new FakeTransport()} labels={ar} locale="ar" />);
    expect(screen.getByRole("region", { name: ar.panel })).toHaveAttribute("dir", "rtl");
    const chip = document.querySelector(".tracy-context-chip")!;
    const id = chip.querySelector("bdi")!;
    expect(id).toHaveAttribute("dir", "ltr");
    expect(id).toHaveClass("tracy-context-id");
    expect(id.textContent).toBe(TRACE);
    // The label comes first in the DOM (the start of the line in either direction), then the id.
    expect(chip.firstChild?.textContent).toBe(ar.traceChip);
    expect(chip.firstElementChild).toBe(id);
    expect(chip).toHaveTextContent(`${ar.traceChip} ${TRACE}`);
  });
});
