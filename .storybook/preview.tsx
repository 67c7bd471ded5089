/// <reference types="vite/client" />
import type { Decorator, Preview } from "@storybook/react-vite";
import { StrictMode } from "react";
import "../src/styles/tracy-panel.css";
import "./preview.css";

type StoryFrame = "sidebar" | "narrow" | "card" | "page";

/** StrictMode catches effects that don't survive a remount, which the panel must (hosts use it). */
const withFrame: Decorator = (Story, { parameters }) => {
  const frame: StoryFrame = parameters["frame"] ?? "sidebar";
  return (
    <StrictMode>
      <div className="tracy-story-frame" data-frame={frame}>
        <Story />
      </div>
    </StrictMode>
  );
};

const preview: Preview = {
  decorators: [withFrame],
  parameters: {
    layout: "centered",
    options: {
      storySort: { order: ["Introduction", "TracyPanel", "TracyPanel errors", "CypherCard", "ToolCard"] },
    },
    backgrounds: {
      options: {
        light: { name: "Light", value: "#f3f4f6" },
        dark: { name: "Dark", value: "#0b0d10" },
      },
    },
  },
  initialGlobals: {
    backgrounds: { value: "light" },
  },
};

export default preview;
