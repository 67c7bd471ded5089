import { useEffect, useLayoutEffect } from "react";

/** useLayoutEffect in the browser (apply context before paint), useEffect on the server (no warning). */
export const useIsomorphicLayoutEffect = typeof document !== "undefined" ? useLayoutEffect : useEffect;
