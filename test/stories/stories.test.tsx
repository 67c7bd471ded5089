import { composeStories, setProjectAnnotations } from "@storybook/react-vite";
import { screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import preview from "../../.storybook/preview";
import * as cypherCardStories from "../../stories/cypher-card.stories";
import * as toolCardStories from "../../stories/tool-card.stories";
import * as panelStories from "../../stories/tracy-panel.stories";

const annotations = setProjectAnnotations(preview);
// Wires storybook/test's userEvent and waitFor into React's act().
beforeAll(annotations.beforeAll);

const panel = composeStories(panelStories);

/** What each panel story must show once its play function is done, besides what the play function checks. */
const PANEL_TEXT: Partial<Record<keyof typeof panel, RegExp>> = {
  Empty: /Ask Tracy why a trace is slow/,
  Streaming: /pull the slowest spans/,
  CypherToolCard: /run_cypher.*puppygraph.*8 rows/,
  MarkdownAnswer: /Checkout health summary/,
  GenericToolCard: /describe_schema/,
  RetryingError: /Hiccup: Overloaded/,
  FatalError: /Error: The MCP server puppygraph failed 3 times in a row/,
  SessionTerminated: /This session has ended\./,
  AwaitingApproval: /Tracy wants to run delete_saved_query/,
  ApprovalAllowed: /You allowed this call\./,
  ApprovalDenied: /You denied this call/,
  ClientTool: /get_current_trace/,
  SubAgentThreads: /To sub-agent span-analyst/,
  BudgetReached: /412K new/,
  HttpError: /Not sent: Tracy is unavailable.*Retry.*Edit/,
  HttpErrorRetried: /Why checkout is slow in trace/,
  DarkTheme: /run_cypher/,
  NarrowSidebar: /run_cypher/,
};

/** React reports render errors, act() misuse and key warnings through console.error: any of it fails the story. */
let consoleErrors: unknown[][] = [];
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  const errors = consoleErrors;
  consoleErrors = [];
  expect(errors.map((args) => args.map(String).join(" "))).toEqual([]);
});

describe("TracyPanel stories", () => {
  it("include every documented state", () => {
    expect(Object.keys(panel)).toEqual(
      expect.arrayContaining([
        "Empty",
        "Streaming",
        "CypherToolCard",
        "GenericToolCard",
        "RetryingError",
        "FatalError",
        "SessionTerminated",
        "HttpError",
        "DarkTheme",
        "NarrowSidebar",
      ]),
    );
  });

  it.each(Object.entries(panel))("%s renders and plays", async (name, Story) => {
    // speed 0: the scripted demo turns run without delays.
    await Story.run({ args: { ...Story.args, speed: 0 } });
    const region = screen.getByRole("region", { name: "Tracy assistant" });
    expect(region.closest(".tracy-story-frame")).not.toBeNull();
    const text = PANEL_TEXT[name as keyof typeof panel];
    if (text) expect(region.textContent?.replace(/\s+/g, " ")).toMatch(text);
  });
});

describe("ToolCard and CypherCard stories", () => {
  it.each([
    ...Object.entries(composeStories(toolCardStories)).map(([name, story]) => [`ToolCard ${name}`, story] as const),
    ...Object.entries(composeStories(cypherCardStories)).map(([name, story]) => [`CypherCard ${name}`, story] as const),
  ])("%s renders and plays", async (_name, Story) => {
    await Story.run();
    expect(screen.getByRole("region", { name: /^Tool call / })).toBeInTheDocument();
  });
});
