import { expect, userEvent, waitFor, within } from "storybook/test";

/** A hang detector: long enough for a scripted turn at the slowest speed offered, on a busy machine. */
export const TURN_TIMEOUT = 60_000;

/** The demo backend answers by keyword; this one gets the default Cypher investigation. */
export const CHECKOUT_QUESTION = "Why is checkout slow in this trace?";
/** The last line of its answer: seen once the whole answer has streamed in. */
export const CHECKOUT_ANSWER_END = /Open trace \S+ in ClawTrace/;

/**
 * Whether a play function goes on past the state its story shows, to recover from it (Retry,
 * Reconnect, …). The story tests do, to check the way out works; in Storybook the story stops
 * there, so a visitor sees the error and acts on it (or not) themselves.
 */
export function playRecovers(): boolean {
  const visitor = (globalThis as { __TRACY_STORY_VISITOR__?: boolean }).__TRACY_STORY_VISITOR__ === true;
  return import.meta.env.MODE === "test" && !visitor;
}

/** Types into the composer the way a user does and sends with Enter. */
export async function ask(canvasElement: HTMLElement, question: string): Promise<void> {
  const box = within(canvasElement).getByRole("textbox", { name: "Message Tracy" });
  await userEvent.type(box, question);
  await userEvent.keyboard("{Enter}");
  await expect(box).toHaveValue("");
}

/*
 * The waits below re-run on every DOM mutation, and a streamed answer makes hundreds:
 * they read textContent instead of running role queries, which would slow the turn
 * down several times over in the browser.
 */

/** Waits until the conversation shows `text`. */
export async function waitForTranscript(canvasElement: HTMLElement, text: string | RegExp): Promise<void> {
  await waitFor(() => expect(canvasElement.querySelector("[role=log]")).toHaveTextContent(text), {
    timeout: TURN_TIMEOUT,
  });
}

/**
 * Waits for the header's status line (transcript items can carry role="status" too).
 * "Ready" also shows for a moment between "Sending…" and "Thinking…", so wait for the
 * answer first when waiting for the end of a turn.
 */
export async function waitForStatus(canvasElement: HTMLElement, label: string | RegExp): Promise<void> {
  await waitFor(() => expect(canvasElement.querySelector(".tracy-header [role=status]")).toHaveTextContent(label), {
    timeout: TURN_TIMEOUT,
  });
}

/** A tool card by tool name; call once the card is on screen. */
export function getToolCard(canvasElement: HTMLElement, name: string): HTMLElement {
  return within(canvasElement).getByRole("group", { name: `Tool call ${name}` });
}

/** Moves focus with Shift+Tab until `target` has it, as a keyboard user would, then presses Enter on it. */
export async function pressWithKeyboard(target: HTMLElement): Promise<void> {
  for (let i = 0; i < 40 && target.ownerDocument.activeElement !== target; i++) {
    await userEvent.tab({ shift: true });
  }
  await expect(target).toHaveFocus();
  await userEvent.keyboard("{Enter}");
}
