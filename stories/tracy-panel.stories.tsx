import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { TracyPanel, type SessionPersistence } from "../src";
import { failRequests, neverCreateSession, networkError } from "./faulty-transport";
import {
  ask,
  CHECKOUT_ANSWER_END,
  CHECKOUT_QUESTION,
  getToolCard,
  pressWithKeyboard,
  TURN_TIMEOUT,
  waitForStatus,
  waitForTranscript,
} from "./play-helpers";
import { PANEL_STORY_ARGS, SPEED_ARG_TYPE, StoryPanel, type StoryPanelProps } from "./story-panel";

const meta = {
  title: "TracyPanel",
  component: TracyPanel,
  render: (args) => <StoryPanel {...args} />,
  args: { ...PANEL_STORY_ARGS, onSessionChange: fn() },
  tags: ["fast-forward"],
  argTypes: {
    speed: SPEED_ARG_TYPE,
    outage: {
      description: "How many requests fail with HTTP 503 before the backend answers.",
      control: { type: "number", min: 0, max: 5 },
    },
    theme: { control: "inline-radio", options: ["light", "dark", "auto"] },
  },
  parameters: {
    controls: {
      exclude: [
        "transport",
        "backend",
        "sessionId",
        "onSessionChange",
        "tools",
        "toolRenderers",
        "isCypherTool",
        "emptyState",
        "style",
        "className",
        "faults",
        "persistSession",
      ],
    },
  },
} satisfies Meta<StoryPanelProps>;

export default meta;
type Story = StoryObj<typeof meta>;

async function investigateCheckout(canvasElement: HTMLElement): Promise<HTMLElement> {
  await ask(canvasElement, CHECKOUT_QUESTION);
  await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
  await waitForStatus(canvasElement, /^Ready$/);
  await expect(within(canvasElement).getByRole("heading", { name: /Why checkout is slow/ })).toBeVisible();
  const card = getToolCard(canvasElement, "run_cypher");
  await expect(card).toHaveAttribute("data-state", "done");
  return card;
}

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Ask Tracy why a trace is slow/)).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Send" })).toBeDisabled();
    await waitForStatus(canvasElement, /^Ready$/);
  },
};

/** The first message is on its way: the backend has not answered yet. */
export const FirstMessageSending: Story = {
  args: { faults: neverCreateSession },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, CHECKOUT_QUESTION);
    const canvas = within(canvasElement);
    await waitForStatus(canvasElement, /^Sending…$/);
    await expect(canvas.getByText(CHECKOUT_QUESTION)).toBeVisible();
    await expect(canvasElement.querySelector("[data-pending=sending]")).toHaveTextContent(/Sending…$/);
    await expect(canvas.queryByText(/Ask Tracy why a trace is slow/)).not.toBeInTheDocument();
  },
};

/** Stops as soon as the first words arrive, so the rest of the answer streams in (at speed 0 it is all in). */
export const Streaming: Story = {
  tags: ["!fast-forward"],
  play: async ({ canvasElement }) => {
    await ask(canvasElement, CHECKOUT_QUESTION);
    await expect(within(canvasElement).getByText(CHECKOUT_QUESTION)).toBeVisible();
    await waitForTranscript(canvasElement, /pull the slowest spans/);
  },
};

/** The finished Cypher investigation with the query card opened on its result table. */
export const CypherToolCard: Story = {
  play: async ({ canvasElement, args }) => {
    const card = await investigateCheckout(canvasElement);
    const trigger = within(card).getByRole("button", { name: /run_cypher/ });
    await expect(trigger).toHaveTextContent(/8 rows · 1\.8 s/);
    await userEvent.click(trigger);
    await expect(trigger).toHaveAttribute("aria-expanded", "true");
    const table = within(card).getByRole("region", { name: "Query result" });
    await expect(within(table).getAllByRole("row")).toHaveLength(9);
    await expect(within(card).getByRole("button", { name: "Copy query" })).toBeVisible();
    await expect(args.onSessionChange).toHaveBeenCalledWith(expect.stringMatching(/^sesn_/));
  },
};

export const MarkdownAnswer: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Give me a markdown summary of this trace");
    await waitForTranscript(canvasElement, "Checkout health summary");
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).getByRole("heading", { name: "Checkout health summary" })).toBeVisible();
  },
};

/** A 500-span reply (about 40K characters) is shown whole as it streams, its table with every row. */
export const LongReply: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, "List every span of this trace");
    await waitForTranscript(canvasElement, "That is every span");
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(canvas.queryByRole("button", { name: "Show full message" })).not.toBeInTheDocument();
    await expect(within(canvas.getByRole("region", { name: "Table" })).getAllByRole("row")).toHaveLength(501);
  },
};

/** A built-in (non-MCP) tool whose result is JSON, opened. */
export const GenericToolCard: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Which schema should my queries use?");
    await waitForTranscript(canvasElement, "the server scopes every query to your tenant");
    await waitForStatus(canvasElement, /^Ready$/);
    const card = getToolCard(canvasElement, "describe_schema");
    await userEvent.click(within(card).getByRole("button", { name: /describe_schema/ }));
    await expect(within(card).getByText("Input")).toBeVisible();
    await expect(within(card).getByText(/"node_labels"/)).toBeVisible();
  },
};

/** A model overload that Tracy retries on its own before answering. */
export const RetryingError: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Simulate an error and recover");
    await waitForTranscript(canvasElement, "Hiccup: Overloaded");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).getByText("Tracy is retrying on its own.")).toBeVisible();
  },
};

/** The model stays overloaded through its retries: Tracy gives up and says to ask again. */
export const RetriesExhausted: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Retry until you give up");
    await waitForTranscript(canvasElement, "Stopped after repeated errors.");
    await waitForStatus(canvasElement, /^Ready$/);
    const canvas = within(canvasElement);
    const error = canvas.getByRole("alert");
    await expect(error).toHaveTextContent("Error: Overloaded");
    await expect(error).toHaveTextContent("Tracy gave up after several retries. Ask again to continue.");
    await expect(canvas.getByText("Hiccup:")).toBeInTheDocument();
  },
};

/** A failing query, then a terminal session error: the turn ends. */
export const FatalError: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Trigger a fatal error");
    await waitForTranscript(canvasElement, "Stopped after repeated errors.");
    await waitForStatus(canvasElement, /^Ready$/);
    const alert = within(canvasElement).getByRole("alert");
    await expect(alert).toHaveTextContent(/puppygraph failed 3 times in a row/);
    await expect(alert).toHaveTextContent(/can't be retried/);
    await expect(getToolCard(canvasElement, "run_cypher")).toHaveAttribute("data-state", "error");
  },
};

/** A multi-hop query that timed out: the card explains why deep traversals are slow. */
export const SlowQueryTimeout: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Follow every call chain with a multi-hop query");
    await waitForTranscript(canvasElement, "Limited to 3 hops in one trace");
    await waitForStatus(canvasElement, /^Ready$/);
    // The refused query, then the bounded retry.
    const [card, retry] = within(canvasElement).getAllByRole("group", { name: "Tool call run_cypher" });
    if (!card || !retry) throw new Error("expected two run_cypher cards");
    await expect(retry).toHaveAttribute("data-state", "done");
    await expect(card).toHaveAttribute("data-state", "error");
    await userEvent.click(within(card).getByRole("button", { name: /run_cypher/ }));
    await expect(await within(card).findByText("Refused by the guard")).toBeVisible();
    const reasons = await within(card).findByRole("list", { name: "Why the guard refused the query" });
    await expect(reasons).toHaveTextContent(/no upper bound/);
  },
};

/** Stop while Tracy waits on a host tool that never answers: the turn ends where it was. */
export const Stopped: Story = {
  args: {
    tools: { get_current_trace: () => new Promise<never>(() => {}) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, "Which is the current trace?");
    await waitForStatus(canvasElement, /^Running get_current_trace here…$/);
    await userEvent.click(canvas.getByRole("button", { name: "Stop" }));
    await waitForTranscript(canvasElement, "Stopped by user.");
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(canvas.queryByRole("button", { name: "Stop" })).not.toBeInTheDocument();
  },
};

export const SessionTerminated: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Please terminate this session");
    await waitForStatus(canvasElement, /^Session ended$/);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("textbox", { name: "Message Tracy" })).toBeDisabled();
    await expect(canvas.getByRole("textbox", { name: "Message Tracy" })).toHaveAttribute(
      "placeholder",
      "This session has ended.",
    );
    await expect(canvas.getByRole("button", { name: "Send" })).toBeDisabled();
  },
};

/** Sub-agent threads appear as labelled, collapsible messages; compaction as a divider. */
export const SubAgentThreads: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Delegate the payment path to a sub-agent");
    await waitForStatus(canvasElement, /^Ready$/);
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Started sub-agent “span-analyst”.")).toBeInTheDocument();
    await userEvent.click(canvas.getByRole("button", { name: /From sub-agent span-analyst/ }));
    await waitForTranscript(canvasElement, /has no index on customer_id/);
    await expect(canvas.getByText(/Earlier context was summarised/)).toBeInTheDocument();
  },
};

/** The session's list cost reached its budget: said plainly, in the transcript and the usage bar. */
export const BudgetReached: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Scan everything until the budget runs out");
    await waitForTranscript(canvasElement, /budget is used up/);
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/This session reached its budget of \$5\.00/)).toBeInTheDocument();
    await userEvent.click(canvas.getByRole("button", { name: /token usage details/ }));
    await expect(canvas.getByRole("columnheader", { name: "Cache reads" })).toBeInTheDocument();
  },
};

const DELETE_REQUEST = "Delete the saved query checkout-latency-debug";

/** A destructive tool the agent is blocked on until the user allows or denies it. */
export const AwaitingApproval: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, DELETE_REQUEST);
    await waitForStatus(canvasElement, /^Waiting for your approval$/);
    const prompt = within(canvasElement).getByRole("region", { name: /Tracy wants to run delete_saved_query/ });
    await expect(within(prompt).getByRole("button", { name: "Allow" })).toBeEnabled();
    await expect(within(prompt).getByRole("button", { name: "Deny…" })).toBeEnabled();
    // A new message waits until the approval is answered; what the user types stays.
    const box = within(canvasElement).getByRole("textbox", { name: "Message Tracy" });
    await userEvent.type(box, "never mind{Enter}");
    await expect(box).toHaveValue("never mind");
    await expect(within(canvasElement).getByRole("button", { name: "Send" })).toBeDisabled();
    await expect(box).toHaveAccessibleDescription("Allow or deny Tracy's request above to continue.");
  },
};

export const ApprovalAllowed: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, DELETE_REQUEST);
    await waitForStatus(canvasElement, /^Waiting for your approval$/);
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Allow" }));
    await waitForTranscript(canvasElement, /Done: the saved query checkout-latency-debug is deleted/);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).getByText("You allowed this call.")).toBeVisible();
    await expect(getToolCard(canvasElement, "delete_saved_query")).toHaveAttribute("data-state", "done");
  },
};

export const ApprovalDenied: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, DELETE_REQUEST);
    await waitForStatus(canvasElement, /^Waiting for your approval$/);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Deny…" }));
    await userEvent.type(canvas.getByRole("textbox", { name: "Reason (optional)" }), "the dashboard still uses it");
    await userEvent.click(canvas.getByRole("button", { name: "Deny" }));
    await waitForTranscript(canvasElement, /Understood, I won't delete/);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(canvas.getByText("You denied this call: “the dashboard still uses it”")).toBeVisible();
  },
};

/** The answer to an approval didn't reach the backend: said in the prompt, which asks again. */
export const ApprovalAnswerNotSent: Story = {
  // The first send is the question; the second, the approval.
  args: {
    faults: (transport) =>
      failRequests(transport, { requests: ["sendEvents"], after: 1, times: 1, error: networkError }),
  },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, DELETE_REQUEST);
    await waitForStatus(canvasElement, /^Waiting for your approval$/);
    const prompt = within(canvasElement).getByRole("region", { name: /Tracy wants to run delete_saved_query/ });
    await userEvent.click(within(prompt).getByRole("button", { name: "Allow" }));
    await expect(await within(prompt).findByRole("alert")).toHaveTextContent(
      "Can't reach Tracy. Check your connection, then try again.",
    );
    await pressWithKeyboard(within(prompt).getByRole("button", { name: "Allow" }));
    await waitForTranscript(canvasElement, /Done: the saved query checkout-latency-debug is deleted/);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).getByText("You allowed this call.")).toBeVisible();
  },
};

/** A tool the host page answers (`tools` prop): here, the trace the user has open. */
export const ClientTool: Story = {
  args: {
    tools: { get_current_trace: (_input, { traceId }) => traceId ?? "" },
  },
  play: async ({ canvasElement, args }) => {
    await ask(canvasElement, "Which is the current trace?");
    await waitForTranscript(canvasElement, `You're looking at ${args.traceId ?? ""}`);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(getToolCard(canvasElement, "get_current_trace")).toHaveAttribute("data-state", "done");
  },
};

/**
 * The header menu: New conversation, the tenant's earlier conversations (GET /sessions) and the
 * downloads. A new conversation is started, then the first one is reopened from the list.
 */
export const Conversations: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready$/);
    await pressWithKeyboard(canvas.getByRole("button", { name: "Start a new conversation" }));
    await waitFor(() => expect(canvas.queryByText(CHECKOUT_ANSWER_END)).not.toBeInTheDocument());
    const menuButton = canvas.getByRole("button", { name: "Conversations" });
    await pressWithKeyboard(menuButton);
    // The menu opens on its first item: here the earlier conversation, once listed.
    const earlier = await canvas.findByRole("menuitemradio", { name: /Why is checkout slow in this trace\?/ });
    await waitFor(() => expect(earlier).toHaveFocus());
    await expect(canvas.getByRole("menuitem", { name: "Download as Markdown" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await userEvent.keyboard("{Enter}");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await expect(menuButton).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(await canvas.findByRole("menuitemradio", { name: /Why is checkout slow/ })).toHaveAttribute(
      "aria-checked",
      "true",
    );
  },
};

/** The backend answers 503: the message stays in the transcript with Retry and Edit. */
export const HttpError: Story = {
  args: { outage: 1 },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, "Not sent");
    const failure = within(canvasElement).getByRole("alert");
    await expect(failure).toHaveTextContent(/Not sent: Tracy is unavailable\. The backend had a problem \(HTTP 503\)/);
    await expect(within(failure).getByRole("button", { name: "Retry" })).toBeEnabled();
    await expect(within(failure).getByRole("button", { name: "Edit" })).toBeEnabled();
    await waitForStatus(canvasElement, /^Ready$/);
  },
};

/** Retry after the outage is over sends the same message and the turn runs. */
export const HttpErrorRetried: Story = {
  args: { outage: 1 },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, "Not sent");
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Retry" }));
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(canvas.getAllByText(CHECKOUT_QUESTION)).toHaveLength(1);
    await expect(canvas.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  },
};

export const DarkTheme: Story = {
  args: { theme: "dark" },
  globals: { backgrounds: { value: "dark" } },
  play: async ({ canvasElement }) => {
    await investigateCheckout(canvasElement);
    await expect(canvasElement.querySelector(".tracy-panel")).toHaveAttribute("data-theme", "dark");
  },
};

/** 320 px: the smallest sidebar a host is expected to give the panel. */
export const NarrowSidebar: Story = {
  parameters: { frame: "narrow" },
  play: async ({ canvasElement }) => {
    const card = await investigateCheckout(canvasElement);
    await userEvent.click(within(card).getByRole("button", { name: /run_cypher/ }));
    await expect(within(card).getByRole("region", { name: "Query result" })).toBeVisible();
  },
};

const TRACE_OF_TENANT: Record<string, string> = {
  "acme-prod": "4bf92f3577b34da6a3ce929d0e0e4736",
  "globex-staging": "0af7651916cd43dd8448eb211c80319c",
};

/** Remembers each tenant's session for this story only, as `persistSession` does in sessionStorage. */
function sessionsByTenant(): SessionPersistence {
  const sessions = new Map<string, string>();
  return {
    load: (tenantId) => sessions.get(tenantId) ?? null,
    save(tenantId, sessionId) {
      if (sessionId) sessions.set(tenantId, sessionId);
      else sessions.delete(tenantId);
    },
  };
}

/** A host page with a tenant picker above the panel; the trace follows the tenant. */
function TenantSwitchingHost(args: StoryPanelProps) {
  const [tenantId, setTenantId] = useState(args.tenantId);
  const [persistence] = useState(sessionsByTenant);
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8, height: "100%" }}>
      <label style={{ font: "13px system-ui, sans-serif" }}>
        Tenant{" "}
        <select value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
          {Object.keys(TRACE_OF_TENANT).map((tenant) => (
            <option key={tenant}>{tenant}</option>
          ))}
        </select>
      </label>
      <div style={{ flex: 1, minHeight: 0 }}>
        <StoryPanel
          {...args}
          tenantId={tenantId}
          traceId={TRACE_OF_TENANT[tenantId] ?? null}
          persistSession={persistence}
        />
      </div>
    </div>
  );
}

const GLOBEX_QUESTION = "Give me a markdown summary of this trace";

async function switchTenant(canvasElement: HTMLElement, tenantId: string): Promise<void> {
  await userEvent.selectOptions(within(canvasElement).getByRole("combobox", { name: "Tenant" }), tenantId);
  const chip = canvasElement.querySelector(".tracy-context-chip");
  await expect(chip).toHaveTextContent(`trace ${TRACE_OF_TENANT[tenantId] ?? ""}`);
}

/** Shows nothing of another tenant's conversation: not the messages, not the draft. */
async function expectNothingOf(canvasElement: HTMLElement, ...texts: (string | RegExp)[]): Promise<void> {
  const log = canvasElement.querySelector("[role=log]");
  for (const text of texts) await expect(log).not.toHaveTextContent(text);
}

/**
 * The host switches tenant after a finished answer: the other tenant's conversation (and draft) is
 * gone at once; switching back brings each tenant's own back.
 */
export const TenantSwitch: Story = {
  render: (args) => <TenantSwitchingHost {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole("textbox", { name: "Message Tracy" });
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready/);
    await userEvent.type(box, "And the fraud check?");

    await switchTenant(canvasElement, "globex-staging");
    await expect(canvas.getByText(/Ask Tracy why a trace is slow/)).toBeVisible();
    await expectNothingOf(canvasElement, CHECKOUT_QUESTION, CHECKOUT_ANSWER_END);
    await expect(box).toHaveValue("");
    await ask(canvasElement, GLOBEX_QUESTION);
    await waitForTranscript(canvasElement, `trace ${TRACE_OF_TENANT["globex-staging"] ?? ""} as the reference request`);
    await waitForStatus(canvasElement, /^Ready/);

    await switchTenant(canvasElement, "acme-prod");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await expectNothingOf(canvasElement, GLOBEX_QUESTION, "Checkout health summary");
    await expect(box).toHaveValue("And the fraud check?");
  },
};

/**
 * The host switches tenant while an answer streams in: none of it reaches the other tenant's
 * view, and switching back shows the answer, which went on in the backend.
 */
export const TenantSwitchMidStream: Story = {
  render: (args) => <TenantSwitchingHost {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, /pull the slowest spans/);

    await switchTenant(canvasElement, "globex-staging");
    await expect(canvas.getByText(/Ask Tracy why a trace is slow/)).toBeVisible();
    await expectNothingOf(canvasElement, CHECKOUT_QUESTION, /pull the slowest spans/);
    await waitForStatus(canvasElement, /^Ready/);

    await switchTenant(canvasElement, "acme-prod");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready/);
    await waitFor(() => expect(canvas.getAllByText(CHECKOUT_QUESTION)).toHaveLength(1), { timeout: TURN_TIMEOUT });
  },
};

/** Two follow-ups sent while Tracy waits on a host tool: they wait their turn, in order, each removable. */
export const QueuedMessages: Story = {
  args: {
    tools: { get_current_trace: () => new Promise<never>(() => {}) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, "Which is the current trace?");
    await waitForStatus(canvasElement, /^Running get_current_trace here…$/);
    await ask(canvasElement, "And its slowest span?");
    await ask(canvasElement, "Compare it with yesterday");
    const notes = canvas.getAllByText("Queued: goes when Tracy has answered");
    await expect(notes).toHaveLength(2);
    await expect(canvas.getAllByRole("button", { name: "Remove" })).toHaveLength(2);
  },
};

/** The reader scrolled up during an answer: the panel stops following and offers to jump back. */
export const JumpToLatest: Story = {
  play: async ({ canvasElement }) => {
    await investigateCheckout(canvasElement);
    const transcript = canvasElement.querySelector(".tracy-transcript") as HTMLElement;
    // Without layout (jsdom) nothing scrolls, so there is nothing to jump back to: the check is for browsers.
    if (transcript.scrollHeight <= transcript.clientHeight) return;
    transcript.scrollTop = 0;
    await expect(await within(canvasElement).findByRole("button", { name: /Jump to latest/ })).toBeVisible();
  },
};

/** Under the finished answer: Copy, and a thumbs down with the comment form open. */
export const ReplyFeedback: Story = {
  args: { onFeedback: fn() },
  play: async ({ canvasElement, args }) => {
    await investigateCheckout(canvasElement);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { name: "Copy reply" })).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Bad reply" }));
    await expect(args.onFeedback).toHaveBeenCalledTimes(1);
    await userEvent.keyboard("It blamed the wrong service");
    await expect(canvas.getByRole("textbox", { name: "Tell us more (optional)" })).toHaveValue(
      "It blamed the wrong service",
    );
  },
};

/** The turn ended in an error Tracy gave up on: Ask again sends the question once more. */
export const AskAgainAfterError: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement, "Retry until you give up");
    await waitForTranscript(canvasElement, "Stopped after repeated errors.");
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).getByRole("button", { name: "Ask again" })).toBeVisible();
  },
};
