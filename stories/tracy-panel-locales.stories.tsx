import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { ar, de, en, TracyPanel, type TracyLabels } from "../src";
import { createFormat } from "../src/labels/format";
import { CHECKOUT_ANSWER_END, TURN_TIMEOUT, waitForStatus, waitForTranscript } from "./play-helpers";
import { PANEL_STORY_ARGS, StoryPanel, type StoryPanelProps } from "./story-panel";

/**
 * The panel in each shipped language: the user asks in it, the demo backend runs its Cypher investigation
 * (its reply is the demo's English), and the query card opens on its result. Arabic lays out right to left.
 */
const meta = {
  title: "TracyPanel locales",
  component: TracyPanel,
  render: (args) => <StoryPanel {...args} />,
  args: { ...PANEL_STORY_ARGS, onSessionChange: fn() },
  parameters: { controls: { disable: true } },
  // The axe run plays these at speed 0 (see story-panel.tsx): the end state, not the pace, is what it checks.
  tags: ["fast-forward"],
} satisfies Meta<StoryPanelProps>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Asks `question` through the composer, finds the answer, and opens the Cypher card, all in `labels`' words. */
function investigate(labels: Readonly<TracyLabels>, locale: string, question: string): NonNullable<Story["play"]> {
  const rows = labels.rowCount(createFormat(locale).count(8));
  return async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole("textbox", { name: labels.composerLabel });
    await userEvent.type(box, question);
    await userEvent.keyboard("{Enter}");
    await waitForTranscript(canvasElement, CHECKOUT_ANSWER_END);
    await waitForStatus(canvasElement, new RegExp(`^${labels.phaseReady}$`));
    const card = canvas.getByRole("group", { name: labels.toolCall("run_cypher") });
    const trigger = within(card).getByRole("button", { name: /run_cypher/ });
    await waitFor(() => expect(trigger).toHaveTextContent(rows), { timeout: TURN_TIMEOUT });
    await userEvent.click(trigger);
    await expect(within(card).getByRole("region", { name: labels.queryResult })).toBeVisible();
  };
}

export const English: Story = {
  args: { locale: "en-US" },
  play: investigate(en, "en-US", "Why is checkout slow in this trace?"),
};

export const German: Story = {
  args: { locale: "de-DE", labels: de },
  play: investigate(de, "de-DE", "Warum ist der Checkout in diesem Trace so träge?"),
};

/** Right to left: the header, bubbles, cards and composer mirror; the query, ids and JSON stay left to right. */
export const Arabic: Story = {
  args: { locale: "ar", labels: ar },
  play: async (context) => {
    await investigate(ar, "ar", "لماذا عملية الدفع بطيئة في هذا التتبّع؟")(context);
    await expect(context.canvasElement.querySelector(".tracy-panel")).toHaveAttribute("dir", "rtl");
  },
};
