import { createContext } from "react";
import type { TracyStore } from "../store/tracy-state";

export const TracyStoreContext = createContext<TracyStore | null>(null);
