import { createContext, useContext, type MutableRefObject } from "react";

/** The message box of the provider around the composer, so the handle's `focus()` can reach it. */
export const ComposerInputContext = createContext<MutableRefObject<HTMLTextAreaElement | null> | null>(null);

export function useComposerInputRef(): MutableRefObject<HTMLTextAreaElement | null> | null {
  return useContext(ComposerInputContext);
}
