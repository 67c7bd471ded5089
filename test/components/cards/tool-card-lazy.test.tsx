import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ToolCard } from "../../../src/components/tool-card";
import { describeContent } from "../../../src/components/tool-content";
import { result, tool } from "./tools";
import { en } from "../../helpers/labels";

/** The describer (which parses JSON output), wrapped so its calls can be counted; it still works. */
vi.mock("../../../src/components/tool-content", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../../src/components/tool-content")>();
  return { ...actual, describeContent: vi.fn(actual.describeContent) };
});

beforeEach(() => {
  vi.mocked(describeContent).mockClear();
});

const bigOutput = (n: number) => JSON.stringify({ spans: Array.from({ length: 2_000 }, (_, i) => ({ i, n })) });
const done = (n: number) =>
  tool({
    id: `sevt_${n}`,
    name: `get_spans_${n}`,
    source: "builtin",
    serverName: null,
    input: { n },
    result: result(bigOutput(n)),
  });

describe("<ToolCard> parses its result lazily", () => {
  it("does not parse a closed card's result, parses it once on opening, and not again on reopening", async () => {
    const user = userEvent.setup();
    const tools = Array.from({ length: 20 }, (_, n) => done(n));
    const { rerender } = render(
      <>
        {tools.map((t) => (
          <ToolCard key={t.id} tool={t} />
        ))}
      </>,
    );
    expect(screen.getAllByRole("group", { name: /^Tool call get_spans_/ })).toHaveLength(20);
    expect(describeContent).not.toHaveBeenCalled();

    const trigger = screen.getByRole("button", { name: /get_spans_7/ });
    await user.click(trigger);
    expect(describeContent).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: en.copyOutput })).toBeInTheDocument();
    await user.click(trigger);
    await user.click(trigger);
    rerender(
      <>
        {tools.map((t) => (
          <ToolCard key={t.id} tool={t} />
        ))}
      </>,
    );
    expect(describeContent).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("group", { name: "Tool call get_spans_7" })).toHaveTextContent('"i": 10,');
  });
});
