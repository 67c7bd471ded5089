import { composeStories, setProjectAnnotations } from "@storybook/react-vite";
import { render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import preview from "../../.storybook/preview";
import * as cypherCardStories from "../../stories/cypher-card.stories";
import * as hostStories from "../../stories/host-integration.stories";
import * as introductionStories from "../../stories/introduction.stories";
import * as panelErrorStories from "../../stories/panel-errors.stories";
import * as toolCardStories from "../../stories/tool-card.stories";
import * as localeStories from "../../stories/tracy-panel-locales.stories";
import * as panelStories from "../../stories/tracy-panel.stories";
import { ar, de } from "../../src";
import { en } from "../helpers/labels";

/*
 * Stories mount with Testing Library's render (synchronous act) and test/setup.ts's cleanup unmounts them after
 * each test. Storybook's own mount renders in an async act() and unmounts the previous story at the start of
 * the next run() in an awaited act(), after its wrapper has already put IS_REACT_ACT_ENVIRONMENT back: React
 * keeps its act queue open for that tick, and a state update landing in it (a demo transport's timer) made
 * React warn "The current testing environment is not configured to support act(...)". With synchronous acts
 * only, the queue is open only while the wrapper has the environment on.
 */
const annotations = setProjectAnnotations([preview, { testingLibraryRender: render }]);
// Wires storybook/test's userEvent and waitFor into React's act().
beforeAll(annotations.beforeAll);

const panel = composeStories(panelStories);
const panelErrors = composeStories(panelErrorStories);

/** What each panel story must show once its play function is done, besides what the play function checks. */
const PANEL_TEXT: Partial<Record<keyof typeof panel, RegExp>> = {
  Empty: /Ask Tracy why a trace is slow/,
  Streaming: /pull the slowest spans/,
  CypherToolCard: /run_cypher.*server.*8 rows/,
  MarkdownAnswer: /Checkout health summary/,
  LongReply: /That is every span/,
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
  FirstMessageSending: /Why is checkout slow in this trace\?.*Sending…/,
  RetriesExhausted: /Stopped after repeated errors\./,
  SlowQueryTimeout: /Refused by the guard/,
  Stopped: /Stopped by user\./,
  ApprovalAnswerNotSent: /You allowed this call\./,
  TenantSwitch: /Why checkout is slow in trace 4bf92f/,
  TenantSwitchMidStream: /Why checkout is slow in trace 4bf92f/,
  DarkTheme: /run_cypher/,
  NarrowSidebar: /run_cypher/,
  QueuedMessages: /Compare it with yesterday.*Queued: goes when Tracy has answered/,
  JumpToLatest: /Open trace \S+ in ClawTrace/,
  ReplyFeedback: /Tell us more \(optional\)/,
  AskAgainAfterError: /Ask again/,
  Conversations: /Why checkout is slow in trace 4bf92f/,
};

/** React reports render errors, act() misuse and key warnings through console.error: any of it fails the story. */
let consoleErrors: unknown[][] = [];
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
/** Render errors a story causes on purpose (ItemRenderFailure) say so in their message; React still reports them. */
const EXPECTED_BY_STORY = "(expected by the story)";
afterEach(() => {
  const errors = consoleErrors;
  consoleErrors = [];
  expect(errors.map((args) => args.map(String).join(" ")).filter((e) => !e.includes(EXPECTED_BY_STORY))).toEqual([]);
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
        "FirstMessageSending",
        "LongReply",
        "RetriesExhausted",
        "SlowQueryTimeout",
        "Stopped",
        "ApprovalAnswerNotSent",
        "TenantSwitch",
        "TenantSwitchMidStream",
        "Conversations",
      ]),
    );
    expect(Object.keys(panelErrors)).toEqual(
      expect.arrayContaining([
        "Offline",
        "SignInExpired",
        "NoAccess",
        "ConversationGone",
        "StillAnswering",
        "RateLimited",
        "ServerError",
        "BadGateway",
        "BadRequest",
        "StreamLost",
        "StalledStream",
        "MalformedEvent",
        "ItemRenderFailure",
      ]),
    );
  });

  it.each(Object.entries(panel))("%s renders and plays", async (name, Story) => {
    // speed 0: the scripted demo turns run without delays.
    await Story.run({ args: { ...Story.args, speed: 0 } });
    const region = screen.getByRole("region", { name: en.panel });
    expect(region.closest(".tracy-story-frame")).not.toBeNull();
    const text = PANEL_TEXT[name as keyof typeof panel];
    if (text) expect(region.textContent?.replace(/\s+/g, " ")).toMatch(text);
  });

  it.each(Object.entries(panelErrors))("errors %s renders and plays", async (_name, Story) => {
    await Story.run({ args: { ...Story.args, speed: 0 } });
    expect(screen.getByRole("region", { name: en.panel }).closest(".tracy-story-frame")).not.toBeNull();
  });
});

describe("Error stories in Storybook", () => {
  const visitor = globalThis as { __TRACY_STORY_VISITOR__?: boolean };
  afterEach(() => {
    delete visitor.__TRACY_STORY_VISITOR__;
  });

  it.each([
    ["Offline", "button", en.retry],
    ["NoAccess", "button", en.edit],
    ["StreamLost", "button", en.reconnect],
    ["HistoryLoadFailed", "button", en.reload],
    ["ConversationNotFound", "button", en.newConversation],
  ] as const)("%s stays in its error state until the visitor acts", async (name, role, action) => {
    visitor.__TRACY_STORY_VISITOR__ = true;
    const Story = panelErrors[name];
    await Story.run({ args: { ...Story.args, speed: 0 } });
    const alerts = screen.getAllByRole("alert");
    expect(alerts.some((alert) => within(alert).queryByRole(role, { name: action }))).toBe(true);
    expect(screen.queryByText(/Open trace \S+ in ClawTrace/)).not.toBeInTheDocument();
  });
});

describe("Introduction", () => {
  it("opens the catalogue: what the panel is, how to embed it, links to its states", async () => {
    const { Overview } = composeStories(introductionStories);
    await Overview.run();
    expect(screen.getByRole("heading", { level: 1, name: "Tracy panel" })).toBeInTheDocument();
    expect(screen.getByText(/import \{ TracyPanel \}/)).toBeInTheDocument();
    const links = screen.getAllByRole("link");
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link.getAttribute("href")).toMatch(/^\?path=\/story\/[a-z-]+--[a-z-]+$/);
  });
});

describe("Host integration stories", () => {
  it.each(Object.entries(composeStories(hostStories)))("%s renders and plays", async (_name, Story) => {
    await Story.run({ args: { ...Story.args, speed: 0 } });
    expect(screen.getByRole("region", { name: en.panel })).toBeInTheDocument();
  });
});

describe("TracyPanel locale stories", () => {
  const locales = composeStories(localeStories);
  it.each([
    ["English", en, "ltr"],
    ["German", de, "ltr"],
    ["Arabic", ar, "rtl"],
  ] as const)("%s renders and plays in its language and direction", async (name, labels, dir) => {
    await locales[name].run({ args: { ...locales[name].args, speed: 0 } });
    const region = screen.getByRole("region", { name: labels.panel });
    expect(region).toHaveAttribute("dir", dir);
    expect(region).toHaveTextContent(labels.phaseReady);
    expect(screen.getByRole("button", { name: labels.send })).toBeInTheDocument();
  });
});

describe("ToolCard and CypherCard stories", () => {
  it("include a failed query for each Cypher hint", () => {
    expect(Object.keys(composeStories(cypherCardStories))).toEqual(
      expect.arrayContaining(["ErrorHintNodeIdentity", "ErrorHintTenantScoping", "ErrorHintDeepTraversal"]),
    );
  });

  it.each([
    ...Object.entries(composeStories(toolCardStories)).map(([name, story]) => [`ToolCard ${name}`, story] as const),
    ...Object.entries(composeStories(cypherCardStories)).map(([name, story]) => [`CypherCard ${name}`, story] as const),
  ])("%s renders and plays", async (_name, Story) => {
    await Story.run();
    expect(screen.getByRole("group", { name: /^Tool call / })).toBeInTheDocument();
  });
});
