import panel from "./tracy-panel.css?inline";
import cards from "./tool-cards.css?inline";
import conversations from "./conversations.css?inline";

/** The whole of styles.css as a string, for the shadow root of `isolation="shadow"`. A lazy chunk of its own. */
export const PANEL_CSS = `${panel}\n${cards}\n${conversations}`;
