export { ar } from "./ar";
export { de } from "./de";
export { en } from "./en";
export { createFormat, type Count, type TracyFormat } from "./format";
export { mergeLabels, TracyLabelsContext, useFormat, useLabels, type TracyLabelsValue } from "./labels-context";
export { panelErrorText, panelWarningText } from "./panel-error-text";
export type { ShownOf, TracyLabels } from "./tracy-labels";
