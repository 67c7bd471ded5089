/**
 * The page operations the cross-engine suites need, so one suite runs unchanged in Chromium (playwright-core),
 * Firefox (puppeteer-core over WebDriver BiDi) and WebKit (selenium-webdriver over classic WebDriver).
 * Selectors are CSS; anything finer (text, roles) is asked of the page with `evaluate`.
 */
export type EngineName = "Chromium" | "Firefox" | "WebKit";

/** Keys pressed on the focused element. */
export type Key = "Enter" | "Tab" | "Shift+Tab" | "End" | "Space";

export interface EnginePage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (JSON-serialisable) result; a promise is awaited. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Clicks the first element matching `selector`, as a user would (scrolled into view, real pointer events). */
  click(selector: string): Promise<void>;
  /** Focuses the first `selector` (a textarea or input) and replaces its text with `text`, as typing does. */
  fill(selector: string, text: string): Promise<void>;
  /** Types `text` into the focused element, one key at a time. */
  type(text: string): Promise<void>;
  press(key: Key): Promise<void>;
  /** Picks the option with `value` in the first `<select>` matching `selector`. */
  select(selector: string, value: string): Promise<void>;
  /** Page errors and dialogs the page opened, since the page was opened. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface EngineBrowser {
  newPage(viewport?: { width: number; height: number }): Promise<EnginePage>;
  close(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  launch(): Promise<EngineBrowser>;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 860 };
