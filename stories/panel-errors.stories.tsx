import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { TracyPanel } from "../src";
import { TracyHeadersError, TracyHttpError } from "../src/core";
import { STREAM_ENDED } from "../src/transport/errors";
import {
  failRequests,
  httpError,
  malformedFirstEvent,
  networkError,
  SEND_REQUESTS,
  stallFirstStream,
  type TransportRequest,
} from "./faulty-transport";
import {
  ask,
  CHECKOUT_ANSWER_END,
  CHECKOUT_QUESTION,
  playRecovers,
  pressWithKeyboard,
  TURN_TIMEOUT,
  waitForStatus,
  waitForTranscript,
} from "./play-helpers";
import { PANEL_STORY_ARGS, SPEED_ARG_TYPE, StoryPanel, type StoryPanelProps } from "./story-panel";

/**
 * What the user sees for each kind of failure the panel tells apart (src/store/describe-error.ts),
 * on each surface it shows them: a message that was not sent, and the banner for the stream and
 * the history. HTTP 503 is TracyPanel/HttpError; errors the model reports (`session.error`) are
 * TracyPanel/RetryingError, FatalError and RetriesExhausted.
 */
const meta = {
  title: "TracyPanel errors",
  component: TracyPanel,
  render: (args) => <StoryPanel {...args} />,
  args: { ...PANEL_STORY_ARGS, onSessionChange: fn() },
  tags: ["fast-forward"],
  argTypes: { speed: SPEED_ARG_TYPE },
  parameters: {
    controls: { include: ["speed", "theme"] },
  },
} satisfies Meta<StoryPanelProps>;

export default meta;
type Story = StoryObj<typeof meta>;

interface SendFailure {
  requests?: readonly TransportRequest[];
  error: () => Error | Promise<Error>;
  /** The failed message's explanation, after "Not sent: ". */
  says: string;
  /** Whether trying again can help; if not, the way on is Edit. */
  retryable: boolean;
}

/**
 * The first send fails once. A retryable failure is retried from the keyboard and the turn runs;
 * any other is taken back into the composer with Edit, also from the keyboard.
 */
function sendFailure({ requests = SEND_REQUESTS, error, says, retryable }: SendFailure): Story {
  return {
    args: { faults: (transport) => failRequests(transport, { requests, times: 1, error }) },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      await ask(canvasElement, CHECKOUT_QUESTION);
      const failure = await canvas.findByRole("alert", {}, { timeout: TURN_TIMEOUT });
      await expect(failure).toHaveTextContent(`Not sent: ${says}`);
      await waitForStatus(canvasElement, /^Ready$/);
      if (!playRecovers()) return;
      if (retryable) {
        await pressWithKeyboard(within(failure).getByRole("button", { name: "Retry" }));
        await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
        await waitForStatus(canvasElement, /^Ready$/);
        await expect(canvas.queryByText(/Not sent/)).not.toBeInTheDocument();
      } else {
        await pressWithKeyboard(within(failure).getByRole("button", { name: "Edit" }));
        await expect(canvas.getByRole("textbox", { name: "Message Tracy" })).toHaveValue(CHECKOUT_QUESTION);
        await expect(canvas.queryByText(/Not sent/)).not.toBeInTheDocument();
      }
    },
  };
}

export const Offline = sendFailure({
  error: networkError,
  says: "Can't reach Tracy. Check your connection, then try again.",
  retryable: true,
});

export const SignInExpired = sendFailure({
  error: () => httpError(401, "The access token has expired."),
  says: "Your sign-in has expired. Sign in again, then try again.",
  retryable: true,
});

export const NoAccess = sendFailure({
  error: () => httpError(403, "Tracy is not enabled for acme-prod."),
  says: "No access. You don't have access to Tracy for this tenant. Tracy is not enabled for acme-prod.",
  retryable: false,
});

/** The session went away between messages (deleted, or expired on the backend). */
export const ConversationGone = sendFailure({
  requests: ["sendEvents"],
  error: () => httpError(404, "Session sesn_1_acmeprod not found"),
  says: "Conversation not found. It may have been deleted, or it belongs to another tenant. Start a new one.",
  retryable: false,
});

/** Another tab (or a double send) got its message in first. */
export const StillAnswering = sendFailure({
  requests: ["sendEvents"],
  error: () => httpError(409, "The agent is still answering"),
  says: "Tracy is still answering. Wait for the current answer, or press Stop, then try again.",
  retryable: true,
});

export const RateLimited = sendFailure({
  error: () => httpError(429, "Rate limit exceeded", { "Retry-After": "20" }),
  says: "Too many requests. Tracy is rate limited. Try again in 20 s.",
  retryable: true,
});

export const ServerError = sendFailure({
  error: () => httpError(500, "Internal server error"),
  says: "Tracy is unavailable. The backend had a problem (HTTP 500). Try again in a moment.",
  retryable: true,
});

export const BadGateway = sendFailure({
  error: () => httpError(502, "Bad gateway"),
  says: "Tracy is unavailable. The backend had a problem (HTTP 502). Try again in a moment.",
  retryable: true,
});

/** Any other client error: the backend's own message is all there is to say. */
export const BadRequest = sendFailure({
  error: () => httpError(400, "messages.0.content: the message is longer than 100,000 characters"),
  says: "Couldn't send your message. messages.0.content: the message is longer than 100,000 characters",
  retryable: false,
});

/** Not an HTTP answer at all: here the host's `backend.headers` could not get a token. */
export const HostHeadersFailed = sendFailure({
  error: () => new TracyHeadersError(new Error("Token refresh failed: the identity provider did not answer.")),
  says:
    "Couldn't get credentials for Tracy. The panel's backend.headers() failed: Token refresh failed: the identity" +
    " provider did not answer. Sign in again if needed, then try again.",
  retryable: true,
});

/** What the user was typing when a retry failed too is still there, and Edit puts both together. */
export const DraftKeptThroughFailure: Story = {
  args: { faults: (transport) => failRequests(transport, { requests: SEND_REQUESTS, times: 2, error: networkError }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole("textbox", { name: "Message Tracy" });
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, "Not sent");
    await userEvent.type(box, "And is the fraud check on the critical path?");
    await pressWithKeyboard(canvas.getByRole("button", { name: "Retry" }));
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(canvas.getByRole("alert")).toHaveTextContent("Not sent: Can't reach Tracy.");
    await expect(box).toHaveValue("And is the fraud check on the critical path?");
    await pressWithKeyboard(canvas.getByRole("button", { name: "Edit" }));
    await expect(box).toHaveValue(`${CHECKOUT_QUESTION}\n\nAnd is the fraud check on the critical path?`);
  },
};

/**
 * The event stream fails once with `error`: the banner says `says`, and Reconnect catches the answer up;
 * `then` checks what the story adds after that.
 */
function streamFailsOnce(
  error: () => Error | Promise<Error>,
  says: string,
  then?: (canvasElement: HTMLElement) => Promise<void>,
): Story {
  return {
    args: {
      faults: (transport) => failRequests(transport, { requests: ["streamEvents"], times: 1, error }),
    },
    play: async ({ canvasElement }) => {
      await ask(canvasElement, CHECKOUT_QUESTION);
      await waitForStatus(canvasElement, /· Disconnected$/);
      const banner = within(canvasElement).getByRole("alert");
      await expect(banner).toHaveTextContent(says);
      if (!playRecovers()) return;
      await pressWithKeyboard(within(banner).getByRole("button", { name: "Reconnect" }));
      await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
      await then?.(canvasElement);
    },
  };
}

/** The event stream gave up (its own reconnects failed): the banner offers Reconnect, which catches up. */
export const StreamLost: Story = streamFailsOnce(
  () => httpError(502, "Bad gateway"),
  "Tracy is unavailable. The backend had a problem (HTTP 502). Try again in a moment.",
  async (canvasElement) => {
    await waitForStatus(canvasElement, /^Ready$/);
    await expect(within(canvasElement).queryByRole("alert")).not.toBeInTheDocument();
  },
);

/**
 * A proxy answers the stream with 200 and then ends it, every time: after its backoff budget the stream
 * says so (instead of reconnecting in a tight loop), and Reconnect tries again.
 */
export const StreamKeepsEnding: Story = streamFailsOnce(
  () => new TracyHttpError(200, "The event stream ended as soon as it opened, 9 times in a row.", STREAM_ENDED),
  "Tracy's event stream keeps ending. The event stream ended as soon as it opened, 9 times in a row.",
  (canvasElement) => waitForStatus(canvasElement, /^Ready$/),
);

/** The host's `backend.headers` throws when the stream (re)connects: said at once, with its reason. */
export const StreamHeadersFailed: Story = streamFailsOnce(
  () => new TracyHeadersError(new Error("Token refresh failed: refresh token expired.")),
  "Couldn't get credentials for Tracy. The panel's backend.headers() failed: Token refresh failed: refresh token expired.",
);

/** The stream opened but the history could not be listed: Reload asks for it again. */
export const HistoryLoadFailed: Story = {
  args: {
    faults: (transport) =>
      failRequests(transport, {
        requests: ["listEvents"],
        times: 1,
        error: () => httpError(500, "Internal server error"),
      }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    const banner = await canvas.findByRole("alert", {}, { timeout: TURN_TIMEOUT });
    await expect(banner).toHaveTextContent("Tracy is unavailable. The backend had a problem (HTTP 500).");
    if (!playRecovers()) return;
    await pressWithKeyboard(within(banner).getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(canvas.queryByRole("alert")).not.toBeInTheDocument(), { timeout: TURN_TIMEOUT });
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
  },
};

/**
 * The host passed a session id the backend doesn't know (deleted, or another tenant's): nothing to reconnect to,
 * so the banner offers a new conversation, and the question typed meanwhile is kept for it.
 */
export const ConversationNotFound: Story = {
  args: { sessionId: "sesn_9_deleted" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const banner = await canvas.findByRole("alert", {}, { timeout: TURN_TIMEOUT });
    await expect(banner).toHaveTextContent(
      "Conversation not found. It may have been deleted, or it belongs to another tenant. Start a new one.",
    );
    await expect(within(banner).queryByRole("button", { name: "Reconnect" })).not.toBeInTheDocument();
    await waitForStatus(canvasElement, /Disconnected$/);
    if (!playRecovers()) return;
    const box = canvas.getByRole("textbox", { name: "Message Tracy" });
    await userEvent.type(box, CHECKOUT_QUESTION);
    await pressWithKeyboard(within(banner).getByRole("button", { name: "New conversation" }));
    await waitFor(() => expect(canvas.queryByRole("alert")).not.toBeInTheDocument());
    await expect(box).toHaveValue(CHECKOUT_QUESTION);
    await expect(box).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
  },
};

/** The stream goes silent behind a proxy: the panel says it is reconnecting, then catches up on its own. */
export const StalledStream: Story = {
  args: { faults: stallFirstStream },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForStatus(canvasElement, /· Reconnecting…$/);
    await expect(canvas.queryByRole("alert")).not.toBeInTheDocument();
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, /^Ready$/);
  },
};

/** An event that isn't JSON is skipped with a warning; the answer still arrives, and Dismiss clears it. */
export const MalformedEvent: Story = {
  args: { faults: malformedFirstEvent },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    const banner = canvas.getByRole("alert");
    await expect(banner).toHaveAttribute("data-kind", "warning");
    await expect(banner).toHaveTextContent("Tracy sent an event the panel couldn't read. It was skipped.");
    if (!playRecovers()) return;
    await pressWithKeyboard(within(banner).getByRole("button", { name: "Dismiss" }));
    await expect(canvas.queryByRole("alert")).not.toBeInTheDocument();
  },
};

/** A host tool renderer that always throws (its message says the error is expected, for the story test). */
function BrokenRenderer(): never {
  throw new Error("This tool renderer always fails (expected by the story).");
}

/**
 * A view that throws takes only its own item down: the Cypher call shows as "couldn't be
 * displayed" with its raw data, and the answer around it, the panel and the host carry on.
 */
export const ItemRenderFailure: Story = {
  args: { toolRenderers: { run_cypher: BrokenRenderer } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, CHECKOUT_QUESTION);
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    const note = canvas.getAllByText("This part of the conversation couldn’t be displayed.")[0] as HTMLElement;
    const disclosure = within(note.parentElement as HTMLElement).getByRole("button", { name: "Show raw data" });
    await pressWithKeyboard(disclosure);
    await expect(disclosure).toHaveAttribute("aria-expanded", "true");
    const raw = canvasElement.ownerDocument.getElementById(disclosure.getAttribute("aria-controls") ?? "");
    await expect(raw).toHaveTextContent('"name": "run_cypher"');
    await waitForStatus(canvasElement, /^Ready$/);
  },
};
