import { en } from "../../helpers/labels";
import type { EnginePage } from "./page-driver";
import { waitFor } from "./wait-for";

/** CSS for what the suites look at in the panel (roles and names as the panel renders them). */
export const PANEL = `section.tracy-panel[aria-label="${en.panel}"]`;
export const COMPOSER = `${PANEL} textarea.tracy-input`;
export const STATUS = `${PANEL} .tracy-status [role="status"]`;
export const AGENT = `${PANEL} .tracy-message[data-role="agent"]`;
export const USER = `${PANEL} .tracy-message[data-role="user"]`;
export const CYPHER_CARD = `${PANEL} section.tracy-tool[aria-label="Tool call run_cypher"]`;
export const CYPHER_TRIGGER = `${CYPHER_CARD} .tracy-tool-trigger`;

/** Text of each element matching `selector`, in document order. */
export const texts = (page: EnginePage, selector: string) =>
  page.evaluate((s) => [...document.querySelectorAll(s)].map((el) => el.textContent ?? ""), selector);

export const count = (page: EnginePage, selector: string) =>
  page.evaluate((s) => document.querySelectorAll(s).length, selector);

/** Text of the first element matching `selector`, or null if there is none. */
export const text = (page: EnginePage, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

export const attribute = (page: EnginePage, selector: string, name: string) =>
  page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const);

/** Waits until some element matching `selector` contains `contains` (or exists, without it). */
export const waitForText = (page: EnginePage, selector: string, contains = "", timeout = 10_000) =>
  waitFor(
    page,
    ([s, t]) => [...document.querySelectorAll(s)].some((el) => (el.textContent ?? "").includes(t)),
    [selector, contains] as const,
    { timeout, what: `${selector} containing "${contains}"` },
  );

/** Waits until the status line reads `label` (e.g. "Ready"). */
export const waitForStatus = (page: EnginePage, label: string, timeout = 20_000) =>
  waitForText(page, STATUS, label, timeout);

/** Types `question` into the message box and sends it with Enter. */
export async function ask(page: EnginePage, question: string): Promise<void> {
  await page.fill(COMPOSER, question);
  await page.press("Enter");
}
