import { createContext } from "react";
import type { TracyStore } from "../store/create-tracy-store";

export const TracyStoreContext = createContext<TracyStore | null>(null);
