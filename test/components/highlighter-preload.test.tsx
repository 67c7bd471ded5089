import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

/** How many times the highlighter's chunk was imported (once per test file: the module graph is the file's). */
let chunkImports = 0;
vi.mock("../../src/components/code-highlight", async (importOriginal) => {
  chunkImports += 1;
  return importOriginal();
});

describe("the code highlighter's chunk", () => {
  it("starts loading when a message is sent, so the reply's first code block is never shown uncoloured", async () => {
    const transport = new FakeTransport();
    const user = userEvent.setup();
    render(<TracyPanel tenantId="acme" traceId="trace-1" transport={transport} />);

    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "show me the query");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(chunkImports).toBe(1));
    const { preloadHighlighter } = await import("../../src/components/code-block");
    await preloadHighlighter(); // the load started above, now finished

    await waitFor(() => expect(transport.streams).toHaveLength(1));
    const stream = transport.lastStream();
    // Every DOM change the reply makes: its code must never show uncoloured, waiting for the chunk.
    let plainSeen = false;
    const watch = new MutationObserver(() => {
      const code = document.querySelector("pre code");
      if (code && !code.hasAttribute("data-highlighted")) plainSeen = true;
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    act(() => {
      stream.emit({ type: "session.status_running", id: eventId("1:2") });
      stream.emit({
        type: "agent.message",
        id: eventId("1:3"),
        content: text("```cypher\nMATCH (s:Span) RETURN s\n```"),
      });
    });
    await waitFor(() => expect(document.querySelector("pre code[data-highlighted]")).not.toBeNull());
    watch.disconnect();
    expect(plainSeen).toBe(false);
    expect(chunkImports).toBe(1);
  });
});
