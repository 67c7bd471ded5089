import { createContext } from "react";
import type { TracyStore } from "../store/tracy-state";

/**
 * The store the hooks read. `<TracyPanel>` provides its own; a headless UI provides one from
 * {@link useTracySession} with `<TracyStoreContext.Provider value={store}>`.
 */
export const TracyStoreContext = createContext<TracyStore | null>(null);
