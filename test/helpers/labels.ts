import { en } from "../../src/labels/en";
import { createFormat } from "../../src/labels/format";
import { panelErrorText, panelWarningText } from "../../src/labels/panel-error-text";
import { describeError, type PanelAction, type PanelError } from "../../src/store/describe-error";
import { TracyHttpError } from "../../src/transport/errors";
import type { PanelWarning } from "../../src/store/panel-warning";

/** The panel's English words: tests find UI text through them rather than copying sentences. */
export { en };

/** Numbers as the tests' runtime writes them in English. */
export const enFormat = createFormat("en-US");

/** A store error as the panel words it in English. */
export function errorText(error: PanelError): { title: string; detail: string } {
  return panelErrorText(en, enFormat, error);
}

/** A store warning as the panel words it in English. */
export function warningText(warning: PanelWarning | null): string | null {
  return warning && panelWarningText(en, enFormat, warning);
}

/**
 * How the panel words the backend's answer `status` with `message` while it does `action`: the words a real-browser
 * test expects, from the same source as the views (`en.errorLine` for a banner, `en.notSent` for a failed send).
 */
export function httpErrorText(
  status: number,
  action: PanelAction,
  message: string,
  retryAfter: number | null = null,
): { title: string; detail: string } {
  return errorText(describeError(new TracyHttpError(status, message, null, retryAfter), action));
}
