import type { TracyRequestContext } from "../transport/types";
import type { TracyState } from "./tracy-state";

/** What a store module may do with the state: read it and patch it. Modules never see zustand itself. */
export interface StatePort {
  get(): TracyState;
  set(patch: Partial<TracyState>): void;
}

/** Runs `callback` after `ms` milliseconds; returns a cancel function. */
export type ScheduleTimeout = (callback: () => void, ms: number) => () => void;

/** The platform timer (which vitest's fake timers replace). */
export const platformTimeout: ScheduleTimeout = (callback, ms) => {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
};

/** The tenant and trace every request is made for, read at the moment of the request. */
export function requestContext(state: StatePort): TracyRequestContext {
  return { tenantId: state.get().tenantId, traceId: state.get().traceId };
}

/** Runs `fn` only if the tenant/session scope (or connection) that started the work is still current. */
export function within(signal: AbortSignal, fn: () => void): void {
  if (!signal.aborted) fn();
}
