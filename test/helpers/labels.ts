import { en } from "../../src/labels/en";
import { createFormat } from "../../src/labels/format";
import { panelErrorText, panelWarningText } from "../../src/labels/panel-error-text";
import type { PanelError } from "../../src/store/describe-error";
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
