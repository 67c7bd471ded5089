import { useContext } from "react";
import { useStore } from "zustand";
import type { TracyActions, TracyState, TracyStore } from "../store/tracy-state";
import { TracyStoreContext } from "./tracy-context";

/** The panel's store. Throws outside `<TracyPanel>` / `<TracyProvider>`, where there is none. */
export function useTracyStoreApi(): TracyStore {
  const store = useContext(TracyStoreContext);
  if (!store) throw new Error("Tracy hooks must be used inside <TracyPanel> or <TracyProvider>.");
  return store;
}

/** Reads a slice of the panel's state; re-renders only when that slice changes. */
export function useTracy<T>(selector: (state: TracyState) => T): T {
  return useStore(useTracyStoreApi(), selector);
}

export function useTracyActions(): TracyActions {
  return useStore(useTracyStoreApi(), (s) => s.actions);
}
