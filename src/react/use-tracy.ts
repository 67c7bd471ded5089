import { useContext } from "react";
import { useStore } from "zustand";
import type { TracyActions, TracyState, TracyStore } from "../store/tracy-state";
import { TracyStoreContext } from "./tracy-context";

/**
 * The store of the panel around the caller: inside `<TracyPanel>` or `<TracyProvider>`, or under a
 * `<TracyStoreContext.Provider>` given a store from {@link useTracySession}. Throws elsewhere.
 */
export function useTracyStoreApi(): TracyStore {
  const store = useContext(TracyStoreContext);
  if (!store) {
    throw new Error(
      "Tracy hooks and parts (TracyTranscript, TracyComposer, …) must be used inside <TracyPanel> or <TracyProvider>, or inside <TracyStoreContext.Provider value={store}> with a store from useTracySession().",
    );
  }
  return store;
}

/**
 * Reads a slice of the panel's state; re-renders only when that slice changes (`Object.is`). The
 * selector must return the same value for the same state: a primitive, a part of the state, or a
 * memoised result such as every exported `select…` function returns.
 */
export function useTracy<T>(selector: (state: TracyState) => T): T {
  return useStore(useTracyStoreApi(), selector);
}

/** The panel's actions (send, stop, approve, …). Stable for the life of the panel. */
export function useTracyActions(): TracyActions {
  return useStore(useTracyStoreApi(), (s) => s.actions);
}
