import { useEffect, useRef, useState } from "react";
import type { TracyLabelsValue } from "../labels/labels-context";
import { panelErrorText } from "../labels/panel-error-text";
import type { PanelAction, PanelError, PanelErrorKind } from "../store/describe-error";
import { useIsomorphicLayoutEffect } from "../react/use-isomorphic-layout-effect";
import { callHost } from "../store/host-callbacks";
import type { TracyState, TracyStore } from "../store/tracy-state";

/** An error the panel showed, as `onError` reports it. */
export interface TracyShownError {
  /** What went wrong, as a code. */
  kind: PanelErrorKind;
  /** What the panel was doing. */
  action: PanelAction;
  /** The words the user saw: the title and the detail, in the panel's labels. */
  shownText: string;
  /** The error itself (status, the backend's message, whether retrying can help). */
  error: PanelError;
}

/** Every error on screen now: the banner's, failed messages', failed approvals'. */
function shownErrors(state: TracyState): PanelError[] {
  const errors: PanelError[] = [];
  if (state.error) errors.push(state.error);
  for (const send of state.pending) if (send.error) errors.push(send.error);
  for (const confirmation of Object.values(state.confirmations))
    if (confirmation.error) errors.push(confirmation.error);
  return errors;
}

/**
 * Tells the host about each error the panel shows, once: each failure is a new error object in the
 * store, so one kept on screen across updates is not reported again, and one that happens again is.
 */
export function useErrorReports(
  store: TracyStore,
  words: TracyLabelsValue,
  onError: ((error: TracyShownError) => void) | undefined,
): void {
  const latest = useRef({ words, onError });
  useIsomorphicLayoutEffect(() => {
    latest.current = { words, onError };
  });
  // Outlives the effect, so StrictMode's second run does not report the same errors again.
  const [reported] = useState(() => new WeakSet<PanelError>());
  useEffect(() => {
    const report = (state: TracyState) => {
      for (const error of shownErrors(state)) {
        if (reported.has(error)) continue;
        reported.add(error);
        const { words: w, onError: callback } = latest.current;
        if (!callback) continue;
        const text = panelErrorText(w.labels, w.format, error);
        const shownText = w.labels.errorLine(text);
        callHost("onError", callback, { kind: error.kind, action: error.action, shownText, error });
      }
    };
    report(store.getState());
    return store.subscribe(report);
  }, [store, reported]);
}
