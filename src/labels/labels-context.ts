import { createContext, useContext } from "react";
import { en } from "./en";
import { createFormat, type TracyFormat } from "./format";
import type { TracyLabels } from "./tracy-labels";

export interface TracyLabelsValue {
  labels: Readonly<TracyLabels>;
  format: TracyFormat;
}

/** English and the browser's locale, for views rendered outside a panel (a standalone `ToolCard`, say). */
const DEFAULT_VALUE: TracyLabelsValue = { labels: en, format: createFormat() };

export const TracyLabelsContext = createContext<TracyLabelsValue>(DEFAULT_VALUE);

/** The words of the panel around the calling view. */
export function useLabels(): Readonly<TracyLabels> {
  return useContext(TracyLabelsContext).labels;
}

/** Number formatting in the panel's locale. */
export function useFormat(): TracyFormat {
  return useContext(TracyLabelsContext).format;
}

/** `overrides` over English; entries set to undefined keep the English. */
export function mergeLabels(overrides: Partial<TracyLabels> | undefined): Readonly<TracyLabels> {
  if (!overrides) return en;
  const merged: Record<string, unknown> = { ...en };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  return Object.freeze(merged as unknown as TracyLabels);
}
