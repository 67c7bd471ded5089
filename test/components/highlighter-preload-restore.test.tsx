import { render, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import type { EventPage, TracyRequestContext } from "../../src/transport/types";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";

/** How many times the highlighter's chunk was imported (this file's module graph is its own). */
let chunkImports = 0;
vi.mock("../../src/components/code-highlight", async (importOriginal) => {
  chunkImports += 1;
  return importOriginal();
});

/** Answers the history only when the test says so. */
class HeldHistory extends FakeTransport {
  release!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));
  override async listEvents(ctx: TracyRequestContext, sessionId: string): Promise<EventPage> {
    await this.held;
    return super.listEvents(ctx, sessionId);
  }
}

describe("the code highlighter's chunk, for a conversation being restored", () => {
  it("starts loading with the history: when the history takes longer, the restored code is never shown uncoloured", async () => {
    const transport = new HeldHistory();
    transport.history["sesn_old"] = [
      { type: "user.message", id: eventId("9:1"), processed_at: PROCESSED_AT, content: text("the query?") },
      { type: "agent.message", id: eventId("9:2"), content: text("```cypher\nMATCH (s:Span) RETURN s\n```") },
    ];
    render(<TracyPanel tenantId="acme" sessionId="sesn_old" transport={transport} />);
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    transport.lastStream().open(); // the history is listed once the stream is open
    await waitFor(() => expect(chunkImports).toBe(1));
    const { preloadHighlighter } = await import("../../src/components/code-block");
    await preloadHighlighter(); // the load started above, now finished

    let plainSeen = false;
    const watch = new MutationObserver(() => {
      const code = document.querySelector("pre code");
      if (code && !code.hasAttribute("data-highlighted")) plainSeen = true;
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    transport.release();
    await waitFor(() => expect(document.querySelector("pre code[data-highlighted]")).not.toBeNull());
    watch.disconnect();
    expect(plainSeen).toBe(false);
  });
});
