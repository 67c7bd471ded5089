import type { Meta, StoryObj } from "@storybook/react-vite";
import { useRef, useState } from "react";
import { expect, fn, userEvent, within } from "storybook/test";
import { createMemoryTransport } from "../dev/memory-transport";
import {
  TracyComposer,
  TracyErrorBanner,
  TracyFrame,
  TracyPanel,
  TracyProvider,
  TracyStatusBar,
  TracyTranscript,
  TracyUsageBar,
  type TracyPanelHandle,
} from "../src";
import { waitForTranscript } from "./play-helpers";
import { PANEL_STORY_ARGS } from "./story-panel";

interface HostStoryArgs {
  tenantId: string;
  traceId: string;
  /** Demo backend speed (0 = no delays). */
  speed: number;
  onSend: (message: { text: string; traceId: string | null }) => void;
}

const SPAN_QUESTION = "Why is span payments-db (412 ms) slow in this trace?";

/** A trace view of the host: its own button drives the panel through the ref. */
function SpanButtonHost({ speed, ...props }: HostStoryArgs) {
  const [transport] = useState(() => createMemoryTransport({ speed }));
  const panel = useRef<TracyPanelHandle>(null);
  return (
    <div style={{ display: "grid", gridTemplateColumns: "1fr 420px", gap: 16, height: 560 }}>
      <div>
        <p>
          Span <code>payments-db</code>: 412 ms
        </p>
        <button type="button" onClick={() => panel.current?.send(SPAN_QUESTION)}>
          Ask Tracy about this span
        </button>{" "}
        <button
          type="button"
          onClick={() => {
            panel.current?.setDraft("What calls payments-db?");
            panel.current?.focus();
          }}
        >
          Draft a question
        </button>
      </div>
      <TracyPanel ref={panel} {...props} transport={transport} theme="light" />
    </div>
  );
}

/** The panel's parts in the host's own layout: status in a toolbar, usage in a footer. */
function CustomLayoutHost({ speed, ...props }: HostStoryArgs) {
  const [transport] = useState(() => createMemoryTransport({ speed }));
  return (
    <TracyProvider {...props} transport={transport}>
      <TracyFrame theme="light" style={{ height: 560, display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", padding: 8 }}>
          <strong>Investigation</strong>
          <TracyStatusBar />
        </div>
        <TracyTranscript />
        <TracyErrorBanner />
        <TracyComposer placeholder="Ask about this trace…" />
        <footer style={{ borderTop: "1px solid var(--tracy-border, #ddd)" }}>
          <TracyUsageBar />
        </footer>
      </TracyFrame>
    </TracyProvider>
  );
}

const meta = {
  title: "Host integration",
  args: { tenantId: PANEL_STORY_ARGS.tenantId, traceId: PANEL_STORY_ARGS.traceId, speed: 4, onSend: fn() },
} satisfies Meta<HostStoryArgs>;

export default meta;
type Story = StoryObj<HostStoryArgs>;

/** "Ask Tracy about this span": a button outside the panel sends through the panel's ref. */
export const DrivenByRef: Story = {
  render: (args) => <SpanButtonHost {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Ask Tracy about this span" }));
    await waitForTranscript(canvasElement, SPAN_QUESTION);
    await expect(args.onSend).toHaveBeenCalledWith({ text: SPAN_QUESTION, traceId: args.traceId });
    await userEvent.click(canvas.getByRole("button", { name: "Draft a question" }));
    const box = canvas.getByRole("textbox", { name: "Message Tracy" });
    await expect(box).toHaveValue("What calls payments-db?");
    await expect(box).toHaveFocus();
  },
};

/** `<TracyProvider>` with the host's own layout around the panel's parts. */
export const CustomLayout: Story = {
  render: (args) => <CustomLayoutHost {...args} />,
  play: async ({ canvasElement }) => {
    const box = within(canvasElement).getByRole("textbox", { name: "Message Tracy" });
    await userEvent.type(box, "Why is checkout slow in this trace?{Enter}");
    await waitForTranscript(canvasElement, "Why is checkout slow in this trace?");
  },
};
