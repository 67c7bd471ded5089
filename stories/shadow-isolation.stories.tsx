import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor } from "storybook/test";
import { TracyPanel } from "../src";
import { PANEL_STORY_ARGS, StoryPanel, type StoryPanelProps } from "./story-panel";

/**
 * Page CSS that targets elements the panel renders, scoped to this story's wrapper so it stays out of the rest of
 * Storybook. The element rules are what `isolation="none"` already withstands; the id and `!important` rules get
 * through to the panel on the left and stop at the shadow root on the right.
 */
const PAGE_CSS = `
#isolation-demo { text-align: center; letter-spacing: 0.08em; font: italic 17px/2.4 Georgia, serif; }
#isolation-demo code { display: inline-flex; padding: 6px 12px; background: black; color: yellow; }
#isolation-demo button { padding: 14px 24px; background: gold; border: 3px solid purple !important; }
#isolation-demo p, #isolation-demo ul { margin: 2em; border: 2px dashed orange; }
`;

/**
 * Ask the same question in both panels: the one on the left (`isolation="none"`) loses its buttons and code
 * chips to the page's id and `!important` rules; the one on the right (`isolation="shadow"`) renders in a shadow
 * root, with its stylesheet adopted there, and looks as in a bare page.
 */
const meta = {
  title: "TracyPanel isolation",
  component: TracyPanel,
  render: (args) => (
    <div id="isolation-demo" style={{ display: "flex", gap: 16, height: 640 }}>
      <style>{PAGE_CSS}</style>
      <div style={{ flex: 1, minWidth: 0 }}>
        <p>
          Page paragraph with <code>page_code()</code>, and a <button type="button">page button</button>
        </p>
        <StoryPanel {...args} isolation="none" title="isolation none" />
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <p>The same page CSS; the panel below is in a shadow root.</p>
        <StoryPanel {...args} isolation="shadow" title="isolation shadow" />
      </div>
    </div>
  ),
  args: { ...PANEL_STORY_ARGS },
  parameters: { controls: { include: ["speed", "theme"] } },
} satisfies Meta<StoryPanelProps>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NoneAndShadow: Story = {
  play: async ({ canvasElement }) => {
    const host = canvasElement.querySelector<HTMLElement>("[data-tracy-shadow-host]");
    await expect(host).not.toBeNull();
    // The shadow panel renders once its stylesheet is adopted; the page's button rule does not reach its Send.
    const send = await waitFor(() => {
      const button = host!.shadowRoot?.querySelector<HTMLButtonElement>(".tracy-button-primary");
      if (!button) throw new Error("the shadow panel has not rendered yet");
      return button;
    });
    await expect(getComputedStyle(send).borderTopColor).not.toBe("rgb(128, 0, 128)");
    await expect(canvasElement.querySelectorAll(".tracy-panel")).toHaveLength(1); // the other is in the shadow root
  },
};
