import type { Decorator } from "@storybook/react-vite";

/** Cards take their colours from the panel's CSS variables, so a card alone sits in a bare panel shell. */
export const inPanelShell: Decorator = (Story) => (
  <div className="tracy-panel" data-theme="light" style={{ minHeight: 0, padding: 8 }}>
    <Story />
  </div>
);
